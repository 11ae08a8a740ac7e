import { insertSubsectionFix } from '../fixes';
import type { Rule } from '../rule';

export const missingSubsection: Rule = {
  code: 'SD002',
  name: 'missing-subsection',
  description: 'Every subsection (`###`) the template puts in a section is present.',
  ruleClass: 'structure',
  fix: 'insert',
  check({ doc, report }) {
    for (const section of doc.sections) {
      const def = section.definition;
      if (!def) continue;
      for (const subDef of def.subsections) {
        if (section.subsections.some((s) => s.definition === subDef)) continue;
        report({
          range: section.nameRange,
          message: `Add the missing '${subDef.name}' subsection to '${section.name}' (### ${subDef.name}).`,
          fixes: [insertSubsectionFix(doc, section, subDef)],
        });
      }
    }
  },
};
