import type { Rule } from '../rule';
import { REVIEW_GROUP } from '../template';

export const reviewUnchecked: Rule = {
  code: 'SD201',
  name: 'review-unchecked',
  description: 'An Approved spec delta has every Review Checklist item checked.',
  ruleClass: 'approval',
  check({ doc, status, report }) {
    if (status !== 'Approved') return;
    const group = doc.checkboxGroups.find((g) => g.definition === REVIEW_GROUP);
    for (const item of group?.items ?? []) {
      if (item.checked) continue;
      report({
        range: item.range,
        message: `Status is Approved but this checklist item is unchecked: check it once it is true, or set Status back to Under Review.`,
      });
    }
  },
};
