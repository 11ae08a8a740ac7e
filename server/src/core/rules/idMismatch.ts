import { replaceFix } from '../fixes';
import type { Rule } from '../rule';
import { exactIdPattern } from '../parse/ids';

export const idMismatch: Rule = {
  code: 'SD010',
  name: 'id-mismatch',
  description: 'The id in the title and the id in the Invariant ID section are the same.',
  ruleClass: 'structure',
  fix: 'edit',
  check({ doc, settings, report }) {
    const title = doc.title?.id;
    const section = doc.invariantId;
    if (!title || !section) return;
    const exact = exactIdPattern(settings.idPattern);
    if (!exact.test(title.text) || !exact.test(section.text) || title.text === section.text) return;
    report({
      range: section.range,
      message: `The Invariant ID ${section.text} differs from the title's ${title.text}: make them the same.`,
      related: [{ uri: doc.uri, range: title.range, message: `The title says ${title.text}` }],
      fixes: [
        replaceFix(`Change the Invariant ID to ${title.text}`, section.range, title.text, true),
        replaceFix(`Change the title's id to ${section.text}`, title.range, section.text),
      ],
    });
  },
};
