import type { Range } from 'vscode-languageserver-types';
import { LineKind, type Section, type SpecDeltaDocument } from '../model';
import type { Rule, RuleContext } from '../rule';
import { PLACEHOLDER_PATTERNS, TIMELINE_TABLE } from '../template';
import { lineRange } from '../text';
import { valueState } from '../values';
import { timelineTable } from '../query/tables';
import { visibleLine } from '../query/document';
import { INVARIANT_ID_SECTION, RULE_STATEMENT_SECTION, findSection } from '../query/sections';
import { valueFixes } from '../fixes';

export const placeholder: Rule = {
  code: 'SD101',
  name: 'placeholder',
  description:
    'No template placeholder is left: `[Name]`, `YYYY-MM-DD`, `X hours/days`, `$X`, `[INVARIANT-XX]`, `[Brief Title]`, unchosen option lists, `T+X` rows, rule-statement slots, `[Describe ...]`.',
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
      fixes: choices
        ? valueFixes(
            field.value.range,
            '',
            def.values!.map((v) => v.value),
          )
        : [],
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
/** Characters that glue a match into a longer name (`export-YYYY-MM-DD.csv`): then it is part of that name. */
const GLUE_BEFORE = /[\w./-]/;
/** After a match: a word character, a hyphen, or a dot that a word character follows (`$X/month` is still an amount). */
const GLUE_AFTER = /^[\w-]|^\.\w/;

/**
 * Placeholders count only where the template puts them (SPEC section 6): never in a code span, a
 * code block other than the Rule Statement's, an HTML comment or block, a block quote or front
 * matter; never as link text or as part of a longer name; `YYYY-MM-DD` only in fields and tables.
 */
function checkPatterns({ doc, report }: RuleContext, covered: Range[]): void {
  const statement = findSection(doc, RULE_STATEMENT_SECTION);
  const idSection = findSection(doc, INVARIANT_ID_SECTION);
  const inside = (s: Section | undefined, line: number): boolean => s !== undefined && line >= s.bodyStartLine && line < s.bodyEndLine;
  const fieldLines = new Set(doc.fields.filter((f) => f.definition).map((f) => f.line));
  for (let line = 0; line < doc.lines.length; line++) {
    const raw = doc.lines[line]!;
    if (!raw.includes('[') && !raw.includes('X') && !raw.includes('YYYY')) continue;
    // Blanking comments out only removes matches: most lines are done after one test of the raw line.
    COMBINED.lastIndex = 0;
    if (!COMBINED.test(raw)) continue;
    const kind = doc.lineKinds[line];
    const templateCode = inside(statement, line) || inside(idSection, line);
    if (kind === LineKind.Code ? !inside(statement, line) : kind !== LineKind.Text && kind !== LineKind.Heading && kind !== LineKind.Table) continue;
    const text = visibleLine(doc, line);
    const spans = templateCode ? [] : codeSpans(text);
    COMBINED.lastIndex = 0;
    for (const m of text.matchAll(COMBINED)) {
      const pattern = PLACEHOLDER_PATTERNS[m.slice(1).findIndex((g) => g !== undefined)]!;
      const start = m.index!;
      const end = start + m[0].length;
      if (spans.some(([from, to]) => start >= from && end <= to)) continue;
      if (m[0].startsWith('[') ? isLinkText(doc, text, m[0], end) : GLUE_BEFORE.test(text.charAt(start - 1)) || GLUE_AFTER.test(text.slice(end, end + 2)))
        continue;
      if (pattern.fieldsAndTables && kind !== LineKind.Table && !fieldLines.has(line)) continue;
      const range = lineRange(line, start, end);
      if (covered.some((c) => within(range, c))) continue;
      covered.push(range);
      report({ range, message: `Replace the placeholder '${m[0]}' with ${pattern.what}.` });
    }
  }
}

/** `[text](url)`, `[text][label]`, `[text][]`, or `[label]` that a reference definition defines. */
function isLinkText(doc: SpecDeltaDocument, text: string, match: string, end: number): boolean {
  const next = text.charAt(end);
  if (next === '(' || next === '[') return true;
  return doc.references.has(match.slice(1, -1).trim().replace(/\s+/g, ' ').toLowerCase().toUpperCase());
}

/**
 * The `[start, end)` of each code span of a line: a backtick run closed by the next run of the
 * same length. Linear in the runs (a queue of run positions per length), so that a line of
 * thousands of backticks costs no more than its length.
 */
function codeSpans(text: string): [number, number][] {
  const spans: [number, number][] = [];
  if (!text.includes('`')) return spans;
  const runs = [...text.matchAll(/`+/g)].map((m) => [m.index!, m[0].length] as const);
  const byLength = new Map<number, number[]>();
  runs.forEach(([, length], i) => (byLength.get(length) ?? byLength.set(length, []).get(length)!).push(i));
  const next = new Map<number, number>();
  for (let i = 0; i < runs.length; i++) {
    const [start, length] = runs[i]!;
    const same = byLength.get(length)!;
    let k = next.get(length) ?? 0;
    while (k < same.length && same[k]! <= i) k++;
    next.set(length, k);
    if (k === same.length) continue;
    const close = same[k]!;
    spans.push([start, runs[close]![0] + length]);
    i = close;
  }
  return spans;
}

function within(inner: Range, outer: Range): boolean {
  return inner.start.line === outer.start.line && inner.start.character >= outer.start.character && inner.end.character <= outer.end.character;
}
