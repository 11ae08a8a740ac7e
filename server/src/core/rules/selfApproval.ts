import type { Rule } from '../rule';
import { approvalRows, isApproverRow } from '../query/tables';
import { APPROVER_ROLES, AUTHOR_ROLE } from '../template';
import { list } from '../text';
import { metadataField } from '../values';

/** Names compare as people write them: any case, any spacing, with or without a leading `@`. */
function person(name: string): string {
  return name.trim().replace(/^@/, '').replace(/\s+/g, ' ').toLowerCase();
}

export const selfApproval: Rule = {
  code: 'SD206',
  name: 'self-approval',
  description: `No approver (${list(APPROVER_ROLES, 'or')}) approves their own spec delta: the Approved decision comes from someone other than the ${AUTHOR_ROLE}.`,
  ruleClass: 'approval',
  check({ doc, report }) {
    const rows = approvalRows(doc);
    // The author as the metadata names them, and as the approval table's Author row does.
    const authors = new Set(
      [metadataField(doc, 'Author')?.value.text, ...rows.filter((r) => r.templateRole === AUTHOR_ROLE).map((r) => r.name?.text)]
        .map((n) => person(n ?? ''))
        .filter((n) => n !== ''),
    );
    for (const row of rows) {
      if (!isApproverRow(row) || row.decision?.text !== 'Approved' || !row.name || !authors.has(person(row.name.text))) continue;
      const role = row.templateRole;
      report({
        range: row.name.range,
        message: `The ${role} who approved is the ${AUTHOR_ROLE} (${row.name.text}): record the decision of another team member as ${role}.`,
      });
    }
  },
};
