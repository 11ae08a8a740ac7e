import type { Rule } from '../rule';
import { metadataField } from '../values';
import { headingAnchor } from '../query/document';
import { IMPLEMENTATION_PR_SECTION, findSection } from '../query/sections';

export const implementationPrMissing: Rule = {
  code: 'SD204',
  name: 'implementation-pr-missing',
  description: 'An Approved spec delta links the pull request that implements it under Implementation PR.',
  ruleClass: 'approval',
  check({ doc, status, report }) {
    if (status !== 'Approved') return;
    const section = findSection(doc, IMPLEMENTATION_PR_SECTION);
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
