import type { Rule } from '../rule';

export const emptyListItem: Rule = {
  code: 'SD103',
  name: 'empty-list-item',
  description: 'No numbered item is left empty (Contributing Factors, Potential False Positives).',
  ruleClass: 'incompleteness',
  check({ doc, report }) {
    for (const list of doc.numberedLists) {
      const where = list.field ?? list.subsection ?? list.section;
      for (const item of list.items) {
        if (item.text.text !== '') continue;
        report({ range: item.range, message: `Write item ${item.number}${where ? ` of ${where}` : ''}, or delete the empty line.` });
      }
    }
  },
};
