import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import { getCompletions } from '../../server/src/core/completions';
import { escapeMarkdown, statusLine } from '../../server/src/core/markdown';
import { blankComments, commentOnlyLines } from '../../server/src/core/parse/comments';
import { readFieldLine } from '../../server/src/core/parse/fields';
import { exactIdPattern } from '../../server/src/core/parse/ids';
import { HR } from '../../server/src/core/parse/lines';
import { parseSpecDelta } from '../../server/src/core/parser';
import { detach, detachAll, detachOnce, stripBom } from '../../server/src/core/text';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

/** The helpers the core defines once (issue 17): each test pins what every caller now shares. */

test('escapeMarkdown leaves no Markdown or HTML active, strikethrough and entities included', () => {
  assert.equal(escapeMarkdown('~~gone~~ &amp; [x](y) <b>'), '\\~\\~gone\\~\\~ \\&amp; \\[x\\]\\(y\\) \\<b\\>');
  assert.equal(escapeMarkdown('plain text 42'), 'plain text 42');
  assert.equal(statusLine('Approved', ''), 'Status: Approved · Severity: not set');
  assert.equal(statusLine('~Draft~', 'High'), 'Status: \\~Draft\\~ · Severity: High');
});

test('stripBom removes one leading BOM and nothing else', () => {
  assert.equal(stripBom('\uFEFF# Title'), '# Title');
  assert.equal(stripBom('\uFEFF\uFEFFx'), '\uFEFFx');
  assert.equal(stripBom('x\uFEFF'), 'x\uFEFF');
  assert.equal(stripBom(''), '');
});

test('detach and detachAll keep no memory of the text they cut from, and change no value', () => {
  setFlagsFromString('--expose-gc');
  const gc = runInNewContext('gc') as () => void;
  const heapAfter = (cut: (slice: string) => string): number => {
    gc();
    const before = process.memoryUsage().heapUsed;
    const kept: string[] = [];
    // 100 documents of a megabyte each; a 30-character slice of each would keep its whole text.
    for (let i = 0; i < 100; i++) kept.push(cut((String(i).padStart(4, '0') + 'x'.repeat(1_000_000)).slice(2, 32)));
    gc();
    const grown = process.memoryUsage().heapUsed - before;
    assert.equal(kept.length, 100);
    return grown;
  };
  // The check can fail: plain slices keep about 100 MB.
  assert.ok(heapAfter((s) => s) > 50e6);
  assert.ok(heapAfter(detach) < 5e6, 'detach keeps its parent text alive');
  assert.ok(heapAfter((s) => detachAll({ list: [s] }).list[0]!) < 5e6, 'detachAll keeps its parent text alive');
  const value = { id: 'INVARIANT-042', title: 'a title long enough to be a slice', n: 3, none: null, list: ['é ü 💥 and more than thirteen'] };
  assert.deepEqual(detachAll(value), value);
  assert.equal(detach('short'), 'short');
});

test('detachOnce gives one copy of each text, keeps no parent alive, and holds at most its limit', () => {
  setFlagsFromString('--expose-gc');
  const gc = runInNewContext('gc') as () => void;
  const value = 'v'.repeat(100_000);
  /** Heap held by 100 copies of one 100 KB value cut from 100 documents of 1 MB each. */
  const held = (copy: (text: string) => string): number => {
    gc();
    const before = process.memoryUsage().heapUsed;
    const kept: string[] = [];
    for (let i = 0; i < 100; i++) kept.push(copy((String(i).padStart(4, '0') + value + 'x'.repeat(900_000)).slice(4, 4 + value.length)));
    gc();
    assert.ok(kept.every((k) => k === value));
    return process.memoryUsage().heapUsed - before;
  };
  // The check can fail: detach's copies are one per document, 10 MB.
  assert.ok(held(detach) > 8e6);
  assert.ok(held(detachOnce()) < 2e6, 'equal texts share one copy, and no document stays alive');
  // It holds at most its limit: 1,000 distinct 10 KB texts through a limit of 10 leave little behind
  // (without the limit the map would hold 10 MB), and it gives the same values once it starts over.
  const own = detachOnce(10);
  gc();
  const before = process.memoryUsage().heapUsed;
  for (let i = 0; i < 1000; i++) assert.equal(own(`${i}`.padEnd(10_000, 'w')).length, 10_000);
  gc();
  assert.ok(process.memoryUsage().heapUsed - before < 2e6, 'the copies beyond the limit are let go');
  assert.equal(own('0'.padEnd(10_000, 'w')), '0'.padEnd(10_000, 'w'));
});

test('exactIdPattern matches a whole id, compiles once per pattern and falls back on a broken one', () => {
  const exact = exactIdPattern('INVARIANT-\\d+');
  assert.ok(exact.test('INVARIANT-42'));
  assert.ok(!exact.test('INVARIANT-42x'));
  assert.ok(!exact.test('see INVARIANT-42'));
  assert.ok(!exact.test('INVARIANT-4|2'), 'an alternation in the pattern stays inside the anchors');
  assert.equal(exactIdPattern('INVARIANT-\\d+'), exact);
  assert.ok(exactIdPattern('A|B').test('B') && !exactIdPattern('A|B').test('AB'));
  assert.ok(exactIdPattern('(').test('INVARIANT-7'), 'an invalid pattern falls back to the default');
});

test('readFieldLine reads both bolds, the colon inside or after, and where the value starts', () => {
  assert.deepEqual(readFieldLine('**Status**: Draft'), { lead: '', name: 'Status', colonInside: false, valueStart: 12, rawValue: 'Draft' });
  assert.deepEqual(readFieldLine('- **Duration:**   2h '), { lead: '- ', name: 'Duration', colonInside: true, valueStart: 18, rawValue: '2h ' });
  assert.deepEqual(readFieldLine('__Severity__:'), { lead: '', name: 'Severity', colonInside: false, valueStart: 13, rawValue: '' });
  assert.equal(readFieldLine('**Bold** prose without a colon'), undefined);
  assert.equal(readFieldLine('Status: Draft'), undefined);
});

test('completions after a field written with underscores offer its values (one field reading with the parser)', () => {
  // The completions once had a field pattern of their own that knew only `**Name**:`.
  const text = '# Spec Delta: [INVARIANT-1] T\n\n__Status__: \n';
  const items = getCompletions(
    parseSpecDelta(text),
    { line: 2, character: 12 },
    { today: '2024-01-02', categories: [], nextFreeId: 'INVARIANT-2', definitions: [] },
  );
  assert.deepEqual(
    items.map((i) => i.label),
    ['Draft', 'Under Review', 'Approved', 'Rejected'],
  );
});

test('blankComments blanks each comment to spaces of its length, across lines and twice on a line', () => {
  const lines = ['a <!-- x --> b <!-- y', 'still y --> c', '<!-- z -->', 'plain'];
  const comment = (startLine: number, start: number, endLine: number, end: number) => ({
    text: '',
    range: { start: { line: startLine, character: start }, end: { line: endLine, character: end } },
    startLine,
    endLine,
  });
  const comments = [comment(0, 2, 0, 12), comment(0, 15, 1, 11), comment(2, 0, 2, 10)];
  const blanked = blankComments(lines, comments);
  assert.equal(blanked.get(0), `a ${' '.repeat(10)} b ${' '.repeat(6)}`);
  assert.equal(blanked.get(1), `${' '.repeat(11)} c`);
  assert.equal(blanked.get(2), ' '.repeat(10));
  assert.equal(blanked.has(3), false);
  assert.deepEqual([...commentOnlyLines(lines.length, blanked)], [0, 0, 1, 0]);
});

test('HR is a thematic break as CommonMark reads one', () => {
  for (const rule of ['---', '***', '___', ' - - -', '   *  *  *  ', '-----']) assert.ok(HR.test(rule), rule);
  for (const not of ['--', '    ---', '-*-', '--- x', '==='] as const) assert.ok(!HR.test(not), not);
});
