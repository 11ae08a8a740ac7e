import { insertLineAfterFix } from '../fixes';
import type { Rule } from '../rule';
import { APPROVAL_TABLE } from '../template';
import { renderTableRow } from '../templateText';
import { approvalTable } from './tables';

export const missingApprovalRow: Rule = {
  code: 'SD005',
  name: 'missing-approval-row',
  description: 'The approval table has a row for each role of the template (Author, Tech Lead, Platform Owner).',
  ruleClass: 'structure',
  check({ doc, report }) {
    const table = approvalTable(doc);
    if (!table) return;
    const roles = new Set(table.rows.map((r) => r.cells[0]?.text.toLowerCase() ?? ''));
    for (const row of APPROVAL_TABLE.rows) {
      const role = row[0]!;
      if (roles.has(role.toLowerCase())) continue;
      report({
        range: table.header.range,
        message: `Add a '${role}' row to the approval table.`,
        fixes: [insertLineAfterFix(doc, table.endLine, renderTableRow(APPROVAL_TABLE, row), `Insert the '${role}' row`)],
      });
    }
  },
};
