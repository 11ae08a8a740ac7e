import { replaceFix } from '../fixes';
import type { Rule } from '../rule';
import { lowercaseKeywords } from '../query/lowercaseKeywords';

export const lowercaseKeyword: Rule = {
  code: 'SD304',
  name: 'lowercase-keyword',
  description: 'The rule statement writes its keywords MUST, MUST NOT and WHEN in capitals.',
  ruleClass: 'quality',
  fix: 'edit',
  check({ doc, report }) {
    const { modal, when } = lowercaseKeywords(doc);
    for (const word of [modal, when]) {
      if (!word) continue;
      const capitals = word.text.toUpperCase().replace(/\s+/g, ' ');
      report({
        range: word.range,
        message: `Write '${word.text}' in capitals, ${capitals}: the rule statement's keywords are MUST, MUST NOT and WHEN.`,
        fixes: [replaceFix(`Write ${capitals}`, word.range, capitals, true)],
      });
    }
  },
};
