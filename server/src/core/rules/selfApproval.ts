import type { Rule } from '../rule';
import { approvalRows } from '../query/tables';
import { APPROVER_ROLES } from '../template';
import { metadataField } from '../values';

/** Names compare as people write them: any case, any spacing, with or without a leading `@`. */
function person(name: string): string {
  return name.trim().replace(/^@/, '').replace(/\s+/g, ' ').toLowerCase();
}

export const selfApproval: Rule = {
  code: 'SD206',
  name: 'self-approval',
  description: 'No approver (Tech Lead, Platform Owner) approves their own spec delta: the Approved decision comes from someone other than the Author.',
  ruleClass: 'approval',
  check({ doc, report }) {
    const rows = approvalRows(doc);
    // The author as the metadata names them, and as the approval table's Author row does.
    const authors = new Set(
      [metadataField(doc, 'Author')?.value.text, ...rows.filter((r) => person(r.role?.text ?? '') === 'author').map((r) => r.name?.text)]
        .map((n) => person(n ?? ''))
        .filter((n) => n !== ''),
    );
    const approvers = new Set(APPROVER_ROLES.map(person));
    for (const row of rows) {
      const role = row.role?.text ?? '';
      if (!approvers.has(person(role)) || row.decision?.text !== 'Approved' || !row.name || !authors.has(person(row.name.text))) continue;
      report({
        range: row.name.range,
        message: `The ${role} who approved is the Author (${row.name.text}): record the decision of another team member as ${role}.`,
      });
    }
  },
};
