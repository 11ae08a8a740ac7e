import type { Rule } from '../rule';
import { lineRange } from '../text';

export const vagueWord: Rule = {
  code: 'SD302',
  name: 'vague-word',
  description: 'The rule statement uses no vague words (properly, gracefully, appropriately, quickly, as needed, ...).',
  ruleClass: 'quality',
  check({ doc, settings, report }) {
    const statement = doc.ruleStatement;
    if (!statement || settings.vagueWords.length === 0) return;
    const escaped = settings.vagueWords.map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/\s+/g, '\\s+'));
    const pattern = new RegExp(`(?<![\\w-])(?:${escaped.join('|')})(?![\\w-])`, 'gi');
    const { start, end } = statement.range;
    for (let line = start.line; line <= end.line; line++) {
      const text = doc.lines[line] ?? '';
      const from = line === start.line ? start.character : 0;
      const to = line === end.line ? end.character : text.length;
      for (const m of text.slice(from, to).matchAll(pattern)) {
        const at = from + m.index!;
        report({
          range: lineRange(line, at, at + m[0].length),
          message: `'${m[0]}' is vague: say what can be checked instead (a limit, a value, a time).`,
        });
      }
    }
  },
};
