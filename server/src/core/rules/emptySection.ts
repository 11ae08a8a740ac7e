import type { Rule } from '../rule';

export const emptySection: Rule = {
  code: 'SD102',
  name: 'empty-section',
  description: 'No section holds only its guidance comment (Post-Approval sections only once Approved).',
  ruleClass: 'incompleteness',
  check({ doc, status, report }) {
    for (const section of doc.sections.flatMap((s) => [s, ...s.subsections])) {
      const def = section.definition;
      // An empty Rule Statement block (the fence with nothing inside) leaves the section as empty as no block.
      const emptyStatement = def?.name === 'Rule Statement' && doc.ruleStatement === undefined;
      if (!def || !(section.guidanceOnly || emptyStatement)) continue;
      if (def.postApproval && status !== 'Approved') continue;
      report({
        range: section.nameRange,
        message: `Write the '${section.name}' section: ${def.description.charAt(0).toLowerCase()}${def.description.slice(1)}`,
      });
    }
  },
};
