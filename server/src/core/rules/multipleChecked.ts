import { replaceFix } from '../fixes';
import type { Fix, Rule } from '../rule';
import type { CheckboxItem } from '../model';
import { list } from '../text';

export const multipleChecked: Rule = {
  code: 'SD011',
  name: 'multiple-checked',
  description: 'At most one Category and one Enforcement Level is checked.',
  ruleClass: 'structure',
  fix: 'edit',
  check({ doc, report }) {
    for (const group of doc.checkboxGroups) {
      if (!group.definition?.single) continue;
      const checked = group.items.filter((i) => i.checked);
      if (checked.length < 2) continue;
      const names = list(
        checked.map((i) => `'${i.label.text}'`),
        'and',
      );
      const all = checked.length === 2 ? 'both' : 'all';
      for (const item of checked) {
        report({
          range: item.range,
          message: `Check only one ${group.definition.name}: ${names} are ${all} checked.`,
          fixes: [keepOnly(item, checked)],
        });
      }
    }
  },
};

/** Unchecks every other checked item: only the box characters change. */
function keepOnly(keep: CheckboxItem, checked: readonly CheckboxItem[]): Fix {
  const edits = checked.filter((i) => i !== keep).flatMap((i) => replaceFix('', i.boxRange, '[ ]').edits);
  return { title: `Keep only '${keep.label.text}' checked`, edits, preferred: false, insertOnly: false };
}
