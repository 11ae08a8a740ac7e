import type { Rule } from '../rule';
import { APPROVER_ROLES } from '../template';
import { list } from '../text';
import { approvalRows, approvalTable, isApproverRow } from '../query/tables';
import { APPROVAL_SECTION, findSection } from '../query/sections';

export const approverIncomplete: Rule = {
  code: 'SD202',
  name: 'approver-incomplete',
  description: `An Approved spec delta has an approval table with a name, a date and an Approved decision from every approver (${list(APPROVER_ROLES, 'and')}).`,
  ruleClass: 'approval',
  check({ doc, status, report }) {
    if (status !== 'Approved') return;
    const approval = findSection(doc, APPROVAL_SECTION);
    if (approval && !approvalTable(doc)) {
      // Lines with pipes but no delimiter row render as a paragraph: GitHub shows no decisions.
      report({
        range: approval.nameRange,
        message: "Status is Approved: add the approval table (| Role | Name | Date | Decision | and its |---| row) with every approver's decision.",
      });
      return;
    }
    for (const row of approvalRows(doc)) {
      if (!isApproverRow(row)) continue;
      const role = row.templateRole;
      if (!row.name?.text) report({ range: row.name?.range ?? row.row.range, message: `Status is Approved: write the ${role}'s name in the approval table.` });
      if (!row.date?.text)
        report({ range: row.date?.range ?? row.row.range, message: `Status is Approved: write the date of the ${role}'s decision (YYYY-MM-DD).` });
      if (row.decision?.text !== 'Approved') {
        const found = row.decision?.text ? ` (found '${row.decision.text}')` : '';
        report({ range: row.decision?.range ?? row.row.range, message: `Status is Approved, so the ${role}'s decision must be Approved${found}.` });
      }
    }
  },
};
