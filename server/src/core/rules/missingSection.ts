import { insertSectionFix } from '../fixes';
import type { Rule } from '../rule';
import { SECTIONS } from '../template';
import { headingAnchor } from '../query/document';

export const missingSection: Rule = {
  code: 'SD001',
  name: 'missing-section',
  description: 'Every section of the template (`##`) is present.',
  ruleClass: 'structure',
  fix: 'insert',
  check({ doc, report }) {
    for (const def of SECTIONS) {
      if (doc.sections.some((s) => s.definition === def)) continue;
      report({
        range: headingAnchor(doc),
        message: `Add the missing '${def.name}' section (## ${def.name}).`,
        fixes: [insertSectionFix(doc, def)],
      });
    }
  },
};
