import { strict as assert } from 'node:assert';
import { after, before, test } from 'node:test';
import type { CompletionItem, CompletionList, Position } from 'vscode-languageserver-protocol';
import { readRepoFile } from '../support/repo';
import { APPROVED, TEMPLATE } from '../support/fixtures';
import { edit, cut } from '../support/textEdits';
import { positionAfter, positionOf } from '../support/positions';
import { TempWorkspace } from '../support/tempFolders';
import { LspClient } from '../support/lspClient';

/**
 * Completions over the wire: what the server passes the core (the configured categories, the
 * workspace's ids, the client's snippet support) and that an answer comes for every kind of place.
 * The lists themselves, item by item, are test/unit/completions.test.ts.
 */

let workspace: TempWorkspace;
let client: LspClient;
let opened = 0;

before(async () => {
  workspace = new TempWorkspace({
    '.spec-delta.json': JSON.stringify({ categories: ['Cost Controls', 'Privacy'] }),
    'docs/spec-deltas/INVARIANT-017-order-totals.md': readRepoFile('examples/INVARIANT-017-order-total-equals-line-items.md'),
    'docs/spec-deltas/INVARIANT-042-checkout-totals.md': APPROVED,
  });
  client = await new LspClient().start([workspace.folder]);
});

after(async () => {
  await client.stop();
  workspace.dispose();
});

async function complete(text: string, position: Position, on = client): Promise<CompletionItem[]> {
  const uri = workspace.uri(`docs/spec-deltas/draft-${++opened}.md`);
  on.open(uri, text, 1);
  const result = await on.request<CompletionItem[] | CompletionList | null>('textDocument/completion', { textDocument: { uri }, position });
  on.close(uri);
  assert.ok(Array.isArray(result), 'a plain list of items');
  return result;
}

test('a closed value, a configured category and the workspace ids come over the wire', async () => {
  const at = positionAfter(TEMPLATE, '**Status**: ');
  const status = await complete(TEMPLATE, at);
  const whole = { start: at, end: { line: at.line, character: '**Status**: Draft | Under Review | Approved | Rejected'.length } };
  assert.deepEqual(
    status.map((i) => [i.label, i.textEdit]),
    ['Draft', 'Under Review', 'Approved', 'Rejected'].map((label) => [label, { range: whole, newText: label }]),
  );

  const withBox = edit(TEMPLATE, '- [ ] API Contracts\n', '- [ ] API Contracts\n- [ ] \n');
  const categories = await complete(withBox, { line: positionOf(withBox, '- [ ] API Contracts').line + 1, character: 6 });
  assert.deepEqual(
    categories.slice(-2).map((i) => i.label),
    ['Cost Controls', 'Privacy'],
    'the categories of .spec-delta.json',
  );

  const text = edit(
    TEMPLATE,
    "<!-- Which invariants should have caught this? Why didn't they? Or why was there no applicable invariant? -->",
    'See INVARIANT-',
  );
  const ids = await complete(text, positionAfter(text, 'See INVARIANT-'));
  assert.deepEqual(ids.map((i) => i.label).sort(), ['INVARIANT-017', 'INVARIANT-042', 'INVARIANT-043'], 'the next free id and the ids the workspace defines');
});

test('a client without snippet support gets plain text', async () => {
  const plain = new LspClient();
  await plain.initialize([workspace.folder], { textDocument: { completion: { completionItem: { snippetSupport: false } } } });
  try {
    const text = cut(TEMPLATE, '## Validation', '## Review Checklist').replace('## Review Checklist', '## \n\n## Review Checklist');
    const items = await complete(text, { line: positionAfter(text, '## \n').line - 1, character: 3 }, plain);
    const validation = items.find((i) => i.label === 'Validation');
    assert.equal(validation?.insertTextFormat, 1);
    assert.doesNotMatch((validation?.textEdit as { newText: string }).newText, /\$\{1:/);
  } finally {
    await plain.stop();
  }
});

test('completions for an unknown document are empty', async () => {
  const unknown = await client.request('textDocument/completion', { textDocument: { uri: workspace.uri('nowhere.md') }, position: { line: 0, character: 0 } });
  assert.deepEqual(unknown, []);
});
