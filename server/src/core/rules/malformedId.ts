import type { Range } from 'vscode-languageserver-types';
import type { Rule } from '../rule';
import { ID_PLACEHOLDER } from '../template';
import { headingAnchor } from '../query/document';
import { exactIdPattern } from '../parse/ids';

export const malformedId: Rule = {
  code: 'SD008',
  name: 'malformed-id',
  description: 'Invariant ids match the id pattern (default `INVARIANT-<number>`), and the title carries one.',
  ruleClass: 'structure',
  check({ doc, settings, report }) {
    const exact = exactIdPattern(settings.idPattern);
    const reported = new Set<string>();
    const flag = (range: Range, text: string, where: string): void => {
      const key = `${range.start.line}:${range.start.character}`;
      if (reported.has(key)) return;
      reported.add(key);
      report({ range, message: `'${text}' ${where}is not a valid invariant id: write it like ${example(settings.idPattern)}.` });
    };
    if (doc.title && doc.hasSpecDeltaTitle) {
      const id = doc.title.id;
      if (!id) {
        report({ range: headingAnchor(doc), message: `Put the invariant id in the title: # Spec Delta: ${example(settings.idPattern)} <brief title>.` });
      } else if (!exact.test(id.text) && id.text.toUpperCase() !== ID_PLACEHOLDER) {
        flag(id.range, id.text, 'in the title ');
      }
    }
    const section = doc.invariantId;
    if (section && !exact.test(section.text) && section.text.toUpperCase() !== ID_PLACEHOLDER) flag(section.range, section.text, '');
    for (const token of doc.idTokens) if (!token.valid) flag(token.range, token.text, '');
  },
};

function example(pattern: string): string {
  return pattern === 'INVARIANT-\\d+' ? 'INVARIANT-042' : `the pattern /${pattern}/`;
}
