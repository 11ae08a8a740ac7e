import type { Rule } from '../rule';

export const otherUnnamed: Rule = {
  code: 'SD105',
  name: 'other-unnamed',
  description: "A checked 'Other:' item names what it is.",
  ruleClass: 'incompleteness',
  check({ doc, report }) {
    for (const group of doc.checkboxGroups) {
      for (const item of group.items) {
        if (!item.isOther || !item.checked || item.otherName) continue;
        report({ range: item.range, message: `Name the other ${group.name.toLowerCase()} after 'Other:', or uncheck it.` });
      }
    }
  },
};
