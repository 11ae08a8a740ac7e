import { valueState } from '../values';
import { replaceFix, valueFixes } from '../fixes';
import type { Rule, RuleContext } from '../rule';
import { CATEGORY_GROUP, DECISION_VALUES } from '../template';
import { approvalRows } from '../query/tables';
import { list } from '../text';

export const invalidValue: Rule = {
  code: 'SD006',
  name: 'invalid-value',
  description:
    'Closed fields hold one of their allowed values: Status, Severity, Data Loss, Reputation, Expected Invariant Check Result, approval Decision, Category.',
  ruleClass: 'structure',
  fix: 'edit',
  check(context) {
    const { doc, report } = context;
    for (const field of doc.fields) {
      const def = field.definition;
      if (!def?.values || valueState(field) !== 'invalid') continue;
      const allowed = def.values.map((v) => v.value);
      if (def.kind === 'dataLoss') {
        const yes = /^yes\b/i.test(field.value.text);
        report({
          range: field.value.range,
          message: yes
            ? 'Data Loss is Yes: describe what was lost after it (Yes: 2% of orders).'
            : `Data Loss must start with Yes or No; found '${field.value.text}'.`,
          fixes: yes ? [] : [replaceFix("Replace with 'No'", field.value.range, 'No')],
        });
        continue;
      }
      report({
        range: field.value.range,
        message: `${def.name} must be ${allowed.length === 1 ? allowed[0] : `one of ${list(allowed)}`}; found '${field.value.text}'.`,
        fixes: valueFixes(field.value.range, field.value.text, allowed),
      });
    }
    checkDecisions(context);
    checkCategories(context);
  },
};

function checkDecisions({ doc, report }: RuleContext): void {
  const allowed = DECISION_VALUES.map((v) => v.value);
  for (const row of approvalRows(doc)) {
    const cell = row.decision;
    if (!cell || cell.text === '' || allowed.includes(cell.text)) continue;
    report({
      range: cell.range,
      message: `A Decision must be empty (not decided yet) or one of ${list(allowed)}; found '${cell.text}'.`,
      fixes: valueFixes(cell.range, cell.text, allowed),
    });
  }
}

function checkCategories({ doc, settings, report }: RuleContext): void {
  const group = doc.checkboxGroups.find((g) => g.definition === CATEGORY_GROUP);
  if (!group) return;
  const allowed = [...CATEGORY_GROUP.items.filter((i) => !i.other).map((i) => i.label), ...settings.categories];
  const lower = new Set(allowed.map((a) => a.toLowerCase()));
  for (const item of group.items) {
    if (!item.checked || item.isOther || lower.has(item.label.text.toLowerCase())) continue;
    report({
      range: item.label.range,
      message: `'${item.label.text}' is not a known category: check one of the listed ones, use 'Other: <name>', or add it to "categories" in .spec-delta.json.`,
    });
  }
}
