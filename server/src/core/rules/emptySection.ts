import type { Rule } from '../rule';

export const emptySection: Rule = {
  code: 'SD102',
  name: 'empty-section',
  description: 'No section holds only its guidance comment (Post-Approval sections only once Approved).',
  ruleClass: 'incompleteness',
  check({ doc, status, report }) {
    for (const section of doc.sections.flatMap((s) => [s, ...s.subsections])) {
      const def = section.definition;
      if (!def || !section.guidanceOnly) continue;
      if (def.postApproval && status !== 'Approved') continue;
      report({
        range: section.nameRange,
        message: `Write the '${section.name}' section: ${def.description.charAt(0).toLowerCase()}${def.description.slice(1)}`,
      });
    }
  },
};
