import { insertLineAfterFix } from '../fixes';
import type { Table } from '../model';
import type { Rule } from '../rule';
import { APPROVAL_TABLE } from '../template';
import { renderTableRow } from '../templateText';
import { approvalTable } from '../query/tables';

export const missingApprovalRow: Rule = {
  code: 'SD005',
  name: 'missing-approval-row',
  description: 'The approval table has a row for each role of the template (Author, Tech Lead, Platform Owner).',
  ruleClass: 'structure',
  fix: 'insert',
  check({ doc, report }) {
    const table = approvalTable(doc);
    if (!table) return;
    const roles = table.rows.map((r) => r.cells[0]?.text.toLowerCase() ?? '');
    APPROVAL_TABLE.rows.forEach((row, index) => {
      const role = row[0]!;
      if (roles.includes(role.toLowerCase())) return;
      report({
        range: table.header.range,
        message: `Add a '${role}' row to the approval table.`,
        fixes: [insertLineAfterFix(doc, rowLineBefore(table, roles, index), renderTableRow(APPROVAL_TABLE, row), `Insert the '${role}' row`)],
      });
    });
  },
};

/**
 * The line a missing row goes after, so that rows stay in template order: the row of the nearest
 * role the template puts before it, else the delimiter row.
 */
function rowLineBefore(table: Table, roles: readonly string[], index: number): number {
  for (let i = index - 1; i >= 0; i--) {
    const at = roles.indexOf(APPROVAL_TABLE.rows[i]![0]!.toLowerCase());
    if (at !== -1) return table.rows[at]!.line;
  }
  return table.header.line + 1;
}
