import type { Rule } from '../rule';
import { metadataField } from '../values';
import { headingAnchor, subsection } from './util';

export const implementationPrMissing: Rule = {
  code: 'SD204',
  name: 'implementation-pr-missing',
  description: 'An Approved spec delta links the pull request that implements it under Implementation PR.',
  ruleClass: 'approval',
  check({ doc, status, report }) {
    if (status !== 'Approved') return;
    const section = subsection(doc, 'Post-Approval', 'Implementation PR');
    if (
      section &&
      doc.links.some((l) => l.subsection === section.name && l.range.start.line >= section.bodyStartLine && l.range.start.line < section.bodyEndLine)
    )
      return;
    report({
      range: section?.nameRange ?? metadataField(doc, 'Status')?.value.range ?? headingAnchor(doc),
      message: 'Status is Approved: link the pull request that implements the invariant under Implementation PR.',
    });
  },
};
