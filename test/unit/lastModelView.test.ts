import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import { getCompletions } from '../../server/src/core/completions';
import { parseDocument } from '../../server/src/core/languageService';
import { getHover } from '../../server/src/core/hover';
import { DEFAULT_ID_PATTERN } from '../../server/src/core/parser';
import { splitLines } from '../../server/src/core/text';
import { WorkspaceIndex } from '../../server/src/core/workspaceIndex';
import { viewThrough } from '../../server/src/lsp/lastModelView';
import { fromTransfer, toTransfer } from '../../server/src/lsp/modelTransfer';
import { APPROVED } from '../support/fixtures';
import { edit } from '../support/textEdits';

// Issue 16: a document analysed on the analysis thread answers requests from the thread's last
// model, which crosses to the main thread without its lines and is seen through the edits since.

const CONTEXT = { today: '2026-01-01', categories: [], nextFreeId: 'INVARIANT-001', definitions: [] };

test('a model crosses threads with what requests read: their answers are the same as on the model itself', () => {
  const doc = parseDocument(APPROVED, 'file:///a.md', 1);
  // As a worker receives it: a structured clone, template definitions included.
  const crossed = fromTransfer(structuredClone(toTransfer(doc)), doc.lines);
  const index = new WorkspaceIndex(DEFAULT_ID_PATTERN);
  assert.deepEqual(crossed.sections, doc.sections);
  assert.equal(crossed.sections[0]!.definition, doc.sections[0]!.definition, 'the definitions are the template objects themselves');
  assert.deepEqual(crossed.fields, doc.fields);
  assert.deepEqual(crossed.checkboxGroups, doc.checkboxGroups);
  for (const [line, text] of doc.lines.entries()) {
    for (let character = 0; character <= text.length; character += 3) {
      const at = { line, character };
      assert.deepEqual(getCompletions(crossed, at, CONTEXT), getCompletions(doc, at, CONTEXT), `completions at ${line}:${character}`);
      assert.deepEqual(getHover(crossed, at, index), getHover(doc, at, index), `hover at ${line}:${character}`);
    }
  }
});

test('seen through edits: unchanged lines keep their answers at their new lines; changed lines read their current text', () => {
  const doc = parseDocument(APPROVED, 'file:///a.md', 1);
  const changed = edit(edit(APPROVED, '**Status**: Approved', '**Status**: '), '## Failure Description', 'One\nTwo\n\n## Failure Description');
  const view = viewThrough(doc, splitLines(changed));
  const fresh = parseDocument(changed, 'file:///a.md', 2);
  const index = new WorkspaceIndex(DEFAULT_ID_PATTERN);
  const status = splitLines(changed).findIndex((l) => l === '**Status**: ');
  const at = view.toModel({ line: status, character: 12 })!;
  assert.equal(at.line, status, 'above the inserted lines the lines are where they were');
  assert.deepEqual(getCompletions(view.doc, at, CONTEXT), getCompletions(fresh, { line: status, character: 12 }, CONTEXT), 'the typed line read as it is now');
  const heading = splitLines(changed).indexOf('### What Happened');
  const old = view.toModel({ line: heading, character: 6 })!;
  assert.equal(old.line, heading - 3, 'below them, three lines up in the model');
  const hover = getHover(view.doc, old, index)!;
  assert.deepEqual({ ...hover, range: view.rangeToCurrent(hover.range!) }, getHover(fresh, { line: heading, character: 6 }, index));
  assert.equal(view.toModel({ line: splitLines(changed).indexOf('Two'), character: 0 }), undefined, 'an inserted line has no counterpart');
  assert.equal(
    view.rangeToCurrent({ start: { line: status, character: 0 }, end: { line: status, character: 2 } }),
    undefined,
    'a range on a changed line is not moved',
  );
});
