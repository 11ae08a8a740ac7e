import type { Rule } from '../rule';
import { valueState } from '../values';
import { valueFixes } from '../fixes';

export const emptyField: Rule = {
  code: 'SD106',
  name: 'empty-field',
  description: 'No field of the template is left empty.',
  ruleClass: 'incompleteness',
  fix: 'edit',
  check({ doc, report }) {
    for (const field of doc.fields) {
      const def = field.definition;
      if (!def || valueState(field) !== 'empty') continue;
      const choices = def.kind === 'choice' && def.values ? def.values.map((v) => v.value) : undefined;
      const before = doc.lines[field.line]!.charAt(field.value.range.start.character - 1);
      const prefix = before === ':' || before === '*' ? ' ' : '';
      report({
        range: def.kind === 'paragraph' ? field.name.range : field.value.range,
        message: `Fill in ${def.name}: ${def.description.charAt(0).toLowerCase()}${def.description.slice(1)}`,
        fixes: choices ? valueFixes(field.value.range, '', choices, prefix) : [],
      });
    }
  },
};
