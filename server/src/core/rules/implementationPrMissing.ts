import type { Rule } from '../rule';
import { metadataField } from '../values';
import { headingAnchor } from '../query/document';
import { IMPLEMENTATION_PR_SECTION, findSection, implementationPrLinks } from '../query/sections';

export const implementationPrMissing: Rule = {
  code: 'SD204',
  name: 'implementation-pr-missing',
  description: 'An Approved spec delta links the pull request that implements it under Implementation PR.',
  ruleClass: 'approval',
  check({ doc, status, report }) {
    if (status !== 'Approved') return;
    // The links the catalogue and the document links read as the PR: the same lookup.
    if (implementationPrLinks(doc).length > 0) return;
    const section = findSection(doc, IMPLEMENTATION_PR_SECTION);
    report({
      range: section?.nameRange ?? metadataField(doc, 'Status')?.value.range ?? headingAnchor(doc),
      message: 'Status is Approved: link the pull request that implements the invariant under Implementation PR.',
    });
  },
};
