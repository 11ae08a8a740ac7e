import type { Range } from 'vscode-languageserver-types';
import type { Rule, RuleContext } from '../rule';
import { PLACEHOLDER_PATTERNS, TIMELINE_TABLE } from '../template';
import { lineRange } from '../text';
import { valueState } from '../values';
import { valueFixes } from './invalidValue';
import { timelineTable } from './tables';
import { visibleLine } from './util';

export const placeholder: Rule = {
  code: 'SD101',
  name: 'placeholder',
  description: 'No template placeholder is left: `[Name]`, `YYYY-MM-DD`, `X hours/days`, `$X`, `[INVARIANT-XX]`, `[Brief Title]`, unchosen option lists, `T+X` rows, rule-statement slots, `[Describe ...]`.',
  ruleClass: 'incompleteness',
  fix: 'edit',
  check(context) {
    const covered: Range[] = [];
    checkFields(context, covered);
    checkTimeline(context, covered);
    checkPatterns(context, covered);
  },
};

function checkFields({ doc, report }: RuleContext, covered: Range[]): void {
  for (const field of doc.fields) {
    const def = field.definition;
    if (!def || valueState(field) !== 'placeholder') continue;
    covered.push(field.value.range);
    const choices = def.values && def.values.length > 1 && def.kind === 'choice';
    report({
      range: field.value.range,
      message: choices
        ? `Choose the ${def.name}: one of ${def.values!.map((v) => v.value).join(', ')}.`
        : `Replace '${field.value.text}' in ${def.name}: write ${def.description.charAt(0).toLowerCase()}${def.description.slice(1)}`,
      fixes: choices ? valueFixes(field.value.range, '', def.values!.map((v) => v.value)) : [],
    });
  }
}

function checkTimeline({ doc, report }: RuleContext, covered: Range[]): void {
  const table = timelineTable(doc);
  if (!table) return;
  for (const row of table.rows) {
    const [time, event] = row.cells;
    const templated = TIMELINE_TABLE.rows.some((r) => r[0] === time?.text && r[1] === event?.text);
    for (const cell of [time, event]) {
      if (!cell) continue;
      const placeholderCell = templated || /^T\+[A-Z]$/.test(cell.text) || cell.text === '...';
      if (!placeholderCell || cell.text === '') continue;
      covered.push(cell.range);
      report({ range: cell.range, message: `Replace the template's timeline entry '${cell.text}' with what happened and when.` });
    }
  }
}

/** All the free-standing placeholder patterns as one expression: one call per line, not ten. */
const COMBINED = new RegExp(PLACEHOLDER_PATTERNS.map((p) => `(${p.pattern.source})`).join('|'), 'g');

function checkPatterns({ doc, report }: RuleContext, covered: Range[]): void {
  for (let line = 0; line < doc.lines.length; line++) {
    const raw = doc.lines[line]!;
    if (!raw.includes('[') && !raw.includes('X') && !raw.includes('YYYY')) continue;
    // Blanking comments out only removes matches: most lines are done after one test of the raw line.
    COMBINED.lastIndex = 0;
    if (!COMBINED.test(raw)) continue;
    const text = visibleLine(doc, line);
    COMBINED.lastIndex = 0;
    for (const m of text.matchAll(COMBINED)) {
      const what = PLACEHOLDER_PATTERNS[m.slice(1).findIndex((g) => g !== undefined)]!.what;
      const range = lineRange(line, m.index!, m.index! + m[0].length);
      if (covered.some((c) => within(range, c))) continue;
      covered.push(range);
      report({ range, message: `Replace the placeholder '${m[0]}' with ${what}.` });
    }
  }
}

function within(inner: Range, outer: Range): boolean {
  return (
    inner.start.line === outer.start.line &&
    inner.start.character >= outer.start.character &&
    inner.end.character <= outer.end.character
  );
}
