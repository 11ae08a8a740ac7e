import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as fc from 'fast-check';
import type { Range } from 'vscode-languageserver-types';
import { SECTIONS } from '../../server/src/core/template';
import { ROOT } from './repo';

/**
 * Generators shared by the property tests (fuzz, fixes keep text, edit replay): the real spec
 * deltas of the repository, random mutations of them, and random documents built from the
 * template's own pieces. Every run is seeded: `FUZZ_SEED=<n>` replays one, `FUZZ_RUNS=<n>` runs
 * more (or fewer) cases than the fast default.
 */

export const SEED = Number(process.env.FUZZ_SEED ?? 20260514);

/** The number of cases a property runs: `fast` by default, `FUZZ_RUNS` when set. */
export function runs(fast: number): number {
  const requested = Number(process.env.FUZZ_RUNS);
  return Number.isInteger(requested) && requested > 0 ? requested : fast;
}

/**
 * fc.assert with the fixed seed; on failure the error names the seed, the shrunk counterexample
 * and how to replay it.
 */
export function check<Ts extends [unknown, ...unknown[]]>(property: fc.IProperty<Ts>, numRuns: number): void {
  report(fc.check(property, { seed: SEED, numRuns, endOnFailure: false }));
}

function report<Ts>(details: fc.RunDetails<Ts>): void {
  if (!details.failed) return;
  const counterexample = JSON.stringify(details.counterexample, (_k, v: unknown) =>
    typeof v === 'string' && v.length > 2000 ? `${v.slice(0, 2000)}... (${v.length} chars)` : v,
  );
  const cause = details.errorInstance instanceof Error ? (details.errorInstance.stack ?? details.errorInstance.message) : String(details.errorInstance);
  assert.fail(
    `Property failed after ${details.numRuns} runs (seed ${details.seed}, path "${details.counterexamplePath}"; replay with FUZZ_SEED=${details.seed}).\n` +
      `Counterexample: ${counterexample}\n${cause}`,
  );
}

/** check() for an async property (the edit replay drives a real server): the same seed, the same report. */
export async function checkAsync<Ts extends [unknown, ...unknown[]]>(property: fc.IAsyncProperty<Ts>, numRuns: number, timeLimitMs?: number): Promise<void> {
  // A time limit bounds shrinking too: a failure that times out each try must not run for hours.
  const limit = timeLimitMs === undefined ? {} : { interruptAfterTimeLimit: timeLimitMs, markInterruptAsFailure: true };
  report(await fc.check(property, { seed: SEED, numRuns, endOnFailure: false, ...limit }));
}

/** The real spec deltas: the examples and the raw template. */
export const BASES: readonly { readonly name: string; readonly text: string }[] = [
  ...fs
    .readdirSync(path.join(ROOT, 'examples'))
    .filter((f) => f.endsWith('.md'))
    .sort()
    .map((f) => ({ name: `examples/${f}`, text: fs.readFileSync(path.join(ROOT, 'examples', f), 'utf8') })),
  { name: 'test/fixtures/template.md', text: fs.readFileSync(path.join(ROOT, 'test/fixtures/template.md'), 'utf8') },
];

/** Pieces that mean something to Markdown or to the spec-delta grammar, and characters that break naive code. */
const JUNK_PIECES = [
  '|',
  '||',
  '*',
  '**',
  '#',
  '## ',
  '### ',
  '-',
  '- [ ] ',
  '- [x] ',
  '[',
  ']',
  '`',
  '```',
  '~~~',
  '<!--',
  '-->',
  '<',
  '>',
  ':',
  '**:',
  '1. ',
  '\\',
  'INVARIANT-',
  'INVARIANT-042',
  'invariant_x',
  '0',
  '7',
  '2026-02-30',
  'YYYY-MM-DD',
  '[Name]',
  'MUST',
  'MUST NOT',
  'WHEN',
  'SHOULD',
  'Approved',
  'Draft',
  'Rejected',
  'FAIL',
  'Yes',
  'T+1',
  'https://x.test/a',
  ' ',
  '  ',
  '\t',
  '\n',
  '\r\n',
  '\r',
  '\u0000',
  '😀',
  '👩‍👩‍👧',
  '\uD83D',
  '\uDE00',
  'é',
  'e\u0301',
  '\u200B',
  '\uFEFF',
  '\u2028',
  '\u00A0',
  '\u0085',
  '\f',
  '\v',
  'Ω',
  '中文',
];

/** A short run of junk: Markdown syntax, template words, control characters, emoji, lone surrogates. */
export const junk: fc.Arbitrary<string> = fc.oneof(
  { weight: 4, arbitrary: fc.array(fc.constantFrom(...JUNK_PIECES), { minLength: 1, maxLength: 6 }).map((a) => a.join('')) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 8 }) },
  { weight: 1, arbitrary: fc.string({ unit: fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c)), maxLength: 8 }) },
);

/** One change to a document, as data so that a failure prints what was done. */
export type Mutation =
  | { readonly kind: 'deleteLine' | 'duplicateLine'; readonly line: number }
  | { readonly kind: 'swapLines'; readonly line: number; readonly other: number }
  | { readonly kind: 'insert'; readonly at: number; readonly text: string }
  | { readonly kind: 'replace'; readonly at: number; readonly length: number; readonly text: string }
  | { readonly kind: 'truncate'; readonly at: number }
  | { readonly kind: 'crlf' | 'loneCr' | 'bom' | 'tabs' }
  | { readonly kind: 'hugeLine'; readonly line: number; readonly piece: string; readonly times: number };

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ kind: fc.constant('deleteLine' as const), line: fc.nat() }),
  fc.record({ kind: fc.constant('duplicateLine' as const), line: fc.nat() }),
  fc.record({ kind: fc.constant('swapLines' as const), line: fc.nat(), other: fc.nat() }),
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('insert' as const), at: fc.nat(), text: junk }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('replace' as const), at: fc.nat(), length: fc.nat({ max: 12 }), text: junk }) },
  fc.record({ kind: fc.constant('truncate' as const), at: fc.nat() }),
  fc.record({ kind: fc.constantFrom('crlf' as const, 'loneCr' as const, 'bom' as const, 'tabs' as const) }),
  fc.record({
    kind: fc.constant('hugeLine' as const),
    line: fc.nat(),
    piece: fc.constantFrom('x', '| ', '**', '`', 'http://a.', 'INVARIANT-1 ', '<!--', ' ', '😀', '-'),
    times: fc.integer({ min: 1000, max: 20000 }),
  }),
);

/** Applies a mutation; line and offset numbers wrap around the text, so every mutation applies to every text. */
function mutate(text: string, m: Mutation): string {
  const lines = text.split('\n');
  const line = (n: number): number => n % lines.length;
  const offset = (n: number): number => n % (text.length + 1);
  switch (m.kind) {
    case 'deleteLine':
      lines.splice(line(m.line), 1);
      return lines.join('\n');
    case 'duplicateLine':
      lines.splice(line(m.line), 0, lines[line(m.line)]!);
      return lines.join('\n');
    case 'swapLines': {
      const a = line(m.line);
      const b = line(m.other);
      [lines[a], lines[b]] = [lines[b]!, lines[a]!];
      return lines.join('\n');
    }
    case 'insert':
      return text.slice(0, offset(m.at)) + m.text + text.slice(offset(m.at));
    case 'replace':
      return text.slice(0, offset(m.at)) + m.text + text.slice(offset(m.at) + m.length);
    case 'truncate':
      return text.slice(0, offset(m.at));
    case 'crlf':
      return text.replace(/\r?\n/g, '\r\n');
    case 'loneCr':
      return text.replace(/\r?\n/g, '\r');
    case 'bom':
      return '\uFEFF' + text;
    case 'tabs':
      return text.replace(/^( {2,4})/gm, '\t').replace(/: /g, ':\t');
    case 'hugeLine':
      lines.splice(line(m.line), 0, m.piece.repeat(m.times));
      return lines.join('\n');
  }
}

/** A real spec delta with one to six mutations applied. */
export const mutatedDocument: fc.Arbitrary<{ base: string; mutations: Mutation[]; text: string }> = fc
  .record({ base: fc.constantFrom(...BASES.map((b) => b.name)), mutations: fc.array(mutation, { minLength: 1, maxLength: 6 }) })
  .map(({ base, mutations }) => ({ base, mutations, text: mutations.reduce(mutate, BASES.find((b) => b.name === base)!.text) }));

/** Edits an author makes to whole lines (no junk): deleted, duplicated, swapped, cut off; other line endings, a BOM, tabs. */
const lineMutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ kind: fc.constantFrom('deleteLine' as const, 'duplicateLine' as const), line: fc.nat() }),
  fc.record({ kind: fc.constant('swapLines' as const), line: fc.nat(), other: fc.nat() }),
  fc.record({ kind: fc.constantFrom('crlf' as const, 'loneCr' as const, 'bom' as const, 'tabs' as const) }),
);

/** A real spec delta with whole lines deleted, duplicated or swapped, and perhaps cut off at a line's end. */
export const editedDocument: fc.Arbitrary<{ base: string; mutations: Mutation[]; text: string }> = fc
  .record({
    base: fc.constantFrom(...BASES.map((b) => b.name)),
    mutations: fc.array(lineMutation, { minLength: 1, maxLength: 6 }),
    cut: fc.option(fc.nat(), { nil: undefined }),
  })
  .map(({ base, mutations, cut }) => {
    let text = mutations.reduce(mutate, BASES.find((b) => b.name === base)!.text);
    if (cut !== undefined) {
      const ends = [...text.matchAll(/\r\n|\r|\n/g)].map((m) => m.index);
      text = text.slice(0, ends.length ? ends[cut % ends.length] : text.length);
    }
    return { base, mutations: cut === undefined ? mutations : [...mutations, { kind: 'truncate' as const, at: text.length }], text };
  });

/** Lines of the template, filled and unfilled, that the rules read. */
export const TEMPLATE_LINES: readonly string[] = [
  '# Spec Delta: INVARIANT-042 Checkout totals',
  '# Spec Delta: [INVARIANT-XX] [Brief Title]',
  'Spec Delta: setext title',
  '===',
  '---',
  '',
  '**Date**: 2026-05-14',
  '**Author**: [Name]',
  '**Status**: Approved',
  '**Status**: Draft | Under Review | Approved | Rejected',
  '**Severity**: Critical',
  '- **Data Loss**: Yes',
  '- **Duration**: X hours/days',
  '| Time | Event |',
  '|------|-------|',
  '| T+0  | Initial symptom observed |',
  '| Tech Lead | Ana | 2026-05-15 | Approved |',
  '| Role | Name | Date | Decision |',
  '- [x] Data integrity',
  '- [ ] Other: ____________',
  '- [X] Other:',
  '1.',
  '2. A factor',
  '```',
  '[COMPONENT] MUST [REQUIREMENT] WHEN [CONDITION]',
  'Checkout MUST properly compute totals WHEN an order is placed',
  '`INVARIANT-XX`',
  '<!-- Describe the incident in concrete terms. -->',
  '<!-- spec-delta-disable-next-line SD101 -->',
  '<!-- spec-delta-disable SD006',
  '-->',
  'See INVARIANT-017 and invariant-x.',
  '**Expected Invariant Check Result**: FAIL',
  '- Implementation PR: https://example.test/pr/1',
  ...SECTIONS.flatMap((s) => [`## ${s.name}`, ...s.subsections.map((sub) => `### ${sub.name}`)]),
];

/** A document made of template lines, junk lines and mixed line terminators. */
export const randomDocument: fc.Arbitrary<string> = fc
  .array(
    fc.tuple(
      fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...TEMPLATE_LINES) }, { weight: 1, arbitrary: junk }),
      fc.constantFrom('\n', '\n', '\n', '\r\n', '\r'),
    ),
    { maxLength: 60 },
  )
  .map((parts) => parts.map(([line, eol]) => line + eol).join(''));

/** Asserts that a range lies inside the document: lines exist, characters within each line (UTF-16), start before end. */
export function assertInside(lines: readonly string[], r: Range, what: string): void {
  const fail = (why: string): never => assert.fail(`${what}: ${JSON.stringify(r)} in a document of ${lines.length} lines: ${why}`);
  for (const p of [r.start, r.end]) {
    if (!(Number.isInteger(p.line) && Number.isInteger(p.character) && p.line >= 0 && p.character >= 0)) fail('not a position');
    if (p.line >= lines.length) fail(`line ${p.line} does not exist`);
    if (p.character > lines[p.line]!.length) fail(`character ${p.character} is past the line's end (${lines[p.line]!.length})`);
  }
  if (r.start.line > r.end.line || (r.start.line === r.end.line && r.start.character > r.end.character)) fail('start after end');
}

/** Whether a value looks like an LSP Range. */
function isRange(value: unknown): value is Range {
  if (typeof value !== 'object' || value === null) return false;
  const r = value as Record<string, unknown>;
  const isPosition = (p: unknown): boolean =>
    typeof p === 'object' &&
    p !== null &&
    typeof (p as Record<string, unknown>).line === 'number' &&
    typeof (p as Record<string, unknown>).character === 'number';
  return isPosition(r.start) && isPosition(r.end);
}

/** Every Range found anywhere inside a value, with the path to it. */
export function rangesIn(value: unknown, at = '$', out: { path: string; range: Range }[] = [], seen = new Set<unknown>()): { path: string; range: Range }[] {
  if (typeof value !== 'object' || value === null || seen.has(value)) return out;
  seen.add(value);
  if (isRange(value)) out.push({ path: at, range: value });
  else if (Array.isArray(value)) value.forEach((v, i) => rangesIn(v, `${at}[${i}]`, out, seen));
  else for (const [k, v] of Object.entries(value)) if (k !== 'definition') rangesIn(v, `${at}.${k}`, out, seen);
  return out;
}
