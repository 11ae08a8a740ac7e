import type { CheckboxItem, SpecDeltaDocument } from '../model';
import type { CheckboxGroupDef } from '../template';

/**
 * The checked items of the groups the template's `group` defines, in document order (a group
 * written twice gives both its items). Loops, not flatMap, which took five times as long: the
 * status and the catalogue read this for every file a run lists.
 */
export function checkedItems(doc: SpecDeltaDocument, group: CheckboxGroupDef): CheckboxItem[] {
  const checked: CheckboxItem[] = [];
  for (const g of doc.checkboxGroups) {
    if (g.definition !== group) continue;
    for (const item of g.items) if (item.checked) checked.push(item);
  }
  return checked;
}
