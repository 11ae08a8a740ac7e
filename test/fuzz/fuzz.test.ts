import { strict as assert } from 'node:assert';
import { test, type TestContext } from 'node:test';
import * as fc from 'fast-check';
import type { Position } from 'vscode-languageserver-types';
import { getCompletions } from '../../server/src/core/completions';
import { analyzeText, parseDocument } from '../../server/src/core/languageService';
import { FIX_ALL_KIND, getCodeActions } from '../../server/src/core/codeActions';
import { getHover } from '../../server/src/core/hover';
import { parseSpecDelta } from '../../server/src/core/parser';
import type { Rule } from '../../server/src/core/rule';
import { documentStatus } from '../../server/src/core/status';
import { WorkspaceIndex } from '../../server/src/core/workspaceIndex';
import { lspLines } from '../support/positions';
import { BASES, SEED, assertInside, check, mutatedDocument, randomDocument, rangesIn, runs } from '../support/fuzzing';

/**
 * SPEC section 5, bad input: random documents and random mutations of the real spec deltas
 * (lines deleted, duplicated and swapped; junk, emoji, lone surrogates, CRLF, lone CR, tabs, NUL,
 * truncation, huge lines) never make the language service throw, every range it returns lies
 * inside the document, and the same input always gives the same answer. Seeded: a failure
 * prints the seed and the shrunk document (see fuzzing.ts to replay it).
 */

const URI = 'file:///workspace/docs/spec-deltas/fuzzed.md';

/** The other spec deltas, so that the rules that span files run too. */
function workspaceIndex(): WorkspaceIndex {
  const index = new WorkspaceIndex('INVARIANT-\\d+');
  for (const base of BASES) index.set(parseSpecDelta(base.text, `file:///workspace/${base.name}`, 1), true);
  return index;
}

const INDEX = workspaceIndex();
const CONTEXT = { today: '2026-05-14', categories: ['Billing'], nextFreeId: 'INVARIANT-059', definitions: [...INDEX.all()].filter((e) => e.definition) };

/** Where completions and hovers are asked: every line's start, end and middle, and past the end. */
function probes(lines: readonly string[], extra: readonly Position[]): Position[] {
  const out: Position[] = [...extra];
  lines.forEach((text, line) => out.push({ line, character: 0 }, { line, character: text.length }, { line, character: text.length >> 1 }));
  out.push({ line: lines.length, character: 0 }, { line: 0, character: 1e6 });
  return out;
}

/** Everything the language service answers about a text, checked for ranges; the same call twice must agree. */
function everything(text: string, extra: readonly Position[]): unknown {
  const lines = lspLines(text);
  const ruleErrors: string[] = [];
  const onRuleError = (rule: Rule, error: unknown): number => ruleErrors.push(`${rule.code}: ${(error as Error)?.stack ?? String(error)}`);
  const diagnostics = analyzeText(text, URI, { workspace: INDEX, onRuleError });
  assert.deepEqual(ruleErrors, [], 'no rule throws (fault isolation would hide it)');
  for (const d of diagnostics) {
    assertInside(lines, d.range, `${d.code} range`);
    for (const r of d.relatedInformation ?? []) if (r.location.uri === URI) assertInside(lines, r.location.range, `${d.code} related range`);
    for (const { path, range } of rangesIn(d.data)) assertInside(lines, range, `${d.code} fix ${path}`);
  }

  const doc = parseDocument(text, URI, 1);
  assert.deepEqual(doc.lines, lines, 'the model splits lines as LSP does');
  for (const { path, range } of rangesIn(doc)) assertInside(lines, range, `model ${path}`);

  const completions = probes(lines, extra).map((position) => {
    const items = getCompletions(doc, position, CONTEXT);
    for (const item of items)
      for (const { path, range } of rangesIn(item.textEdit)) assertInside(lines, range, `completion '${item.label}' at ${JSON.stringify(position)} ${path}`);
    return items;
  });
  const hovers = probes(lines, extra).map((position) => {
    const hover = getHover(doc, position, INDEX);
    if (hover?.range) assertInside(lines, hover.range, `hover at ${JSON.stringify(position)}`);
    return hover;
  });
  const actions = [getCodeActions(doc, diagnostics, diagnostics), getCodeActions(doc, diagnostics.slice(0, 1), diagnostics, [FIX_ALL_KIND])];
  for (const { path, range } of rangesIn(actions.flat().map((a) => a.edit))) assertInside(lines, range, `code action edit ${path}`);
  const status = documentStatus(doc, diagnostics, true, 'INVARIANT-\\d+');
  for (const s of status.sections) assert.ok(s.line === undefined || s.line < lines.length, `status section ${s.name} on line ${s.line}`);
  return { diagnostics, completions, hovers, actions, status };
}

/** Documents checked so far (each test reports its share: docs/reliability.md quotes the counts). */
let documents = 0;

function holdsFor(text: string, extra: readonly Position[] = []): void {
  documents++;
  const first = everything(text, extra);
  const second = everything(text, extra);
  assert.deepEqual(second, first, 'the same text gives the same answers');
}

/** A test body that reports how many documents it checked, shrinking steps included (docs/reliability.md quotes it). */
function counting(body: () => void): (t: TestContext) => void {
  return (t) => {
    const before = documents;
    body();
    t.diagnostic(`seed ${SEED}: ${documents - before} documents`);
  };
}

const position = fc.record({ line: fc.nat({ max: 200 }), character: fc.nat({ max: 300 }) });

test(
  'the real spec deltas themselves',
  counting(() => {
    for (const base of BASES) holdsFor(base.text);
  }),
);

test(
  'mutated spec deltas: no exception, every range inside the document, deterministic',
  counting(() => {
    check(
      fc.property(mutatedDocument, fc.array(position, { maxLength: 4 }), ({ text }, extra) => holdsFor(text, extra)),
      runs(220),
    );
  }),
);

test(
  'random documents from template lines and junk: no exception, every range inside, deterministic',
  counting(() => {
    check(
      fc.property(randomDocument, fc.array(position, { maxLength: 4 }), (text, extra) => holdsFor(text, extra)),
      runs(300),
    );
  }),
);

test(
  'any string at all: no exception, every range inside',
  counting(() => {
    check(
      fc.property(fc.string({ unit: 'binary', maxLength: 400 }), (text) => void (documents++, everything(text, []))),
      runs(200),
    );
  }),
);

test(
  'edge cases: empty, only terminators, BOM alone, NUL, lone surrogates, a truncated template at every line',
  counting(() => {
    for (const text of [
      '',
      '\n',
      '\r',
      '\r\n',
      '\n\r',
      '\uFEFF',
      '\uFEFF\n',
      '\u0000',
      '\uD800',
      '\uDC00# Spec Delta: x',
      '# Spec Delta: \uD83D',
      '#',
      '# Spec Delta:',
      '|',
      '```',
      '<!--',
    ])
      holdsFor(text);
    const template = BASES.at(-1)!.text;
    for (let at = template.indexOf('\n'); at !== -1; at = template.indexOf('\n', at + 1)) {
      holdsFor(template.slice(0, at));
      holdsFor(template.slice(0, at + 1));
    }
  }),
);
