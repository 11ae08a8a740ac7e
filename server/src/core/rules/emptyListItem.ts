import type { Rule } from '../rule';
import { placeDef } from '../query/sections';

export const emptyListItem: Rule = {
  code: 'SD103',
  name: 'empty-list-item',
  description: 'No numbered item is left empty (Contributing Factors, Potential False Positives).',
  ruleClass: 'incompleteness',
  check({ doc, report }) {
    for (const list of doc.numberedLists) {
      // Only the lists the template asks for are incomplete when empty; a list of one's own is prose.
      const def = placeDef(list);
      if (!def?.groups.some((group) => group.some((block) => block.kind === 'numbered'))) continue;
      const where = list.field ?? list.subsection ?? list.section;
      for (const item of list.items) {
        if (item.text.text !== '') continue;
        report({ range: item.range, message: `Write item ${item.number}${where ? ` of ${where}` : ''}, or delete the empty line.` });
      }
    }
  },
};
