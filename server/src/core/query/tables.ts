import type { Cell, SpecDeltaDocument, Table, TableRow } from '../model';
import { APPROVAL_TABLE, TIMELINE_TABLE, TableDef } from '../template';
import { holdsTable } from './sections';

/** The approval table: the first table where the template puts it (the Approval section). */
export function approvalTable(doc: SpecDeltaDocument): Table | undefined {
  return doc.tables.find((t) => holdsTable(t, APPROVAL_TABLE));
}

/** The timeline table: the first table where the template puts it (the Timeline subsection). */
export function timelineTable(doc: SpecDeltaDocument): Table | undefined {
  return doc.tables.find((t) => holdsTable(t, TIMELINE_TABLE));
}

/** The cell of a row under the named column (found by header, else by the template's position). */
function cellOf(table: Table, def: TableDef, row: TableRow, column: string): Cell | undefined {
  const lower = column.toLowerCase();
  let index = table.header.cells.findIndex((c) => c.text.toLowerCase() === lower);
  if (index === -1) index = def.columns.findIndex((c) => c.name.toLowerCase() === lower);
  return index === -1 ? undefined : row.cells[index];
}

export interface ApprovalRow {
  readonly row: TableRow;
  readonly role: Cell | undefined;
  readonly name: Cell | undefined;
  readonly date: Cell | undefined;
  readonly decision: Cell | undefined;
}

export function approvalRows(doc: SpecDeltaDocument): ApprovalRow[] {
  const table = approvalTable(doc);
  if (!table) return [];
  return table.rows.map((row) => ({
    row,
    role: cellOf(table, APPROVAL_TABLE, row, 'Role'),
    name: cellOf(table, APPROVAL_TABLE, row, 'Name'),
    date: cellOf(table, APPROVAL_TABLE, row, 'Date'),
    decision: cellOf(table, APPROVAL_TABLE, row, 'Decision'),
  }));
}
