import type { Rule } from '../rule';
import { CHECKBOX_GROUPS } from '../template';

export const nothingChecked: Rule = {
  code: 'SD104',
  name: 'nothing-checked',
  description: 'A Category, an Enforcement Level and an Implementation Complexity are checked.',
  ruleClass: 'incompleteness',
  check({ doc, report }) {
    for (const def of CHECKBOX_GROUPS) {
      if (!def.required) continue;
      const group = doc.checkboxGroups.find((g) => g.definition === def);
      if (group?.items.some((i) => i.checked)) continue;
      const heading = doc.sections.flatMap((s) => s.subsections).find((s) => s.definition?.name === def.name);
      const range = heading?.nameRange ?? group?.items[0]?.range;
      if (!range) continue;
      report({ range, message: def.single ? `Check one ${def.name}.` : `Check at least one ${def.name}.` });
    }
  },
};
