import { replaceFix } from '../fixes';
import type { Rule } from '../rule';
import { lineRange } from '../text';

export const fieldForm: Rule = {
  code: 'SD404',
  name: 'field-form',
  description: "A template field is written in the template's form, the colon after the bold (`**Status**:`, not `**Status:**`).",
  ruleClass: 'hint',
  fix: 'edit',
  check({ doc, report }) {
    for (const field of doc.fields) {
      if (!field.colonInside || !field.definition) continue;
      const text = doc.lines[field.line]!;
      const start = field.name.range.start.character - 2;
      const colon = text.indexOf(':', field.name.range.end.character);
      if (start < 0 || colon === -1) continue;
      const range = lineRange(field.line, start, colon + 3);
      const form = `**${field.name.text}**:`;
      report({
        range,
        message: `Write the field as the template does: ${form} (the colon after the bold).`,
        fixes: [replaceFix(`Write ${form}`, range, form, true)],
      });
    }
  },
};
