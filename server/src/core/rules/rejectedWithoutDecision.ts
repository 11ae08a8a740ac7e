import type { Rule } from '../rule';
import { metadataField } from '../values';
import { approvalRows } from '../query/tables';
import { headingAnchor } from '../query/document';

export const rejectedWithoutDecision: Rule = {
  code: 'SD205',
  name: 'rejected-without-decision',
  description: 'A Rejected spec delta records who rejected it: a Rejected decision in the approval table.',
  ruleClass: 'approval',
  check({ doc, status, report }) {
    if (status !== 'Rejected') return;
    if (approvalRows(doc).some((r) => r.decision?.text === 'Rejected')) return;
    report({
      range: metadataField(doc, 'Status')?.value.range ?? headingAnchor(doc),
      message: 'Status is Rejected but no approver decided Rejected: record the decision in the approval table.',
    });
  },
};
