import type { Cell, SpecDeltaDocument, Table, TableRow } from '../model';
import { APPROVAL_TABLE, APPROVER_ROLES, AUTHOR_ROLE, TIMELINE_TABLE, TableDef, sameName } from '../template';
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
  /** The template's name of the row's role (`Tech Lead` for `tech  lead`), or undefined for a role the template does not have. */
  readonly templateRole: string | undefined;
  readonly role: Cell | undefined;
  readonly name: Cell | undefined;
  readonly date: Cell | undefined;
  readonly decision: Cell | undefined;
}

/** The approval table's rows, read once per document (six rules and the status read them). */
export function approvalRows(doc: SpecDeltaDocument): readonly ApprovalRow[] {
  let rows = approvalRowsOf.get(doc);
  if (!rows) approvalRowsOf.set(doc, (rows = readApprovalRows(doc)));
  return rows;
}

const approvalRowsOf = new WeakMap<SpecDeltaDocument, readonly ApprovalRow[]>();

function readApprovalRows(doc: SpecDeltaDocument): ApprovalRow[] {
  const table = approvalTable(doc);
  if (!table) return [];
  return table.rows.map((row) => {
    const role = cellOf(table, APPROVAL_TABLE, row, 'Role');
    return {
      row,
      templateRole: [AUTHOR_ROLE, ...APPROVER_ROLES].find((r) => role !== undefined && sameName(r, role.text)),
      role,
      name: cellOf(table, APPROVAL_TABLE, row, 'Name'),
      date: cellOf(table, APPROVAL_TABLE, row, 'Date'),
      decision: cellOf(table, APPROVAL_TABLE, row, 'Decision'),
    };
  });
}

/** Whether a row is an approver's (Tech Lead, Platform Owner: the template's roles but the Author). */
export function isApproverRow(row: ApprovalRow): boolean {
  return row.templateRole !== undefined && row.templateRole !== AUTHOR_ROLE;
}
