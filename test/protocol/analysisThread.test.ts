import { strict as assert } from 'node:assert';
import * as path from 'node:path';
import { after, before, test } from 'node:test';
import type { CodeAction, Diagnostic } from 'vscode-languageserver-protocol';
import { ROOT } from '../support/repo';
import { APPROVED, approvedWithId, withInvariant017 } from '../support/fixtures';
import { edit } from '../support/textEdits';
import { positionOf } from '../support/positions';
import { TempWorkspace } from '../support/tempFolders';
import { startServer, stopServer } from '../support/servers';
import { LspClient, delay } from '../support/lspClient';

/**
 * Issue 16: large documents are analysed on the analysis thread, so that requests on other
 * documents never wait behind them, and SPEC section 5 still holds there: only the newest version
 * is published, and the final diagnostics equal those of a fresh open.
 */

let workspace: TempWorkspace;
let client: LspClient;

before(async () => ({ workspace, client } = await startServer(withInvariant017())));
after(() => stopServer(workspace, client));

/**
 * A spec delta of about 2 MB (long prose) with an id of its own, so that the documents of the
 * tests never define the same one; without its Severity field (a finding with a fix).
 */
function large(id = `INVARIANT-${500 + opened}`, size = 2 * 1024 * 1024): string {
  const lines: string[] = [];
  for (let i = 0, length = 0; length < size; i++) {
    const line = `Observation ${i}: replica ${i % 13} reported stale reads for shard ${i % 31} while the cache was warming.`;
    lines.push(line);
    length += line.length + 1;
  }
  const text = edit(edit(APPROVED, '### What Happened\n', `### What Happened\n${lines.join('\n')}\n`), '**Severity**: High\n', '');
  return text.replaceAll('INVARIANT-042', id);
}

let opened = 0;

function uriOf(name: string): string {
  return workspace.uri(`docs/spec-deltas/${name}-${++opened}.md`);
}

/** Appends `x` to the Author line: one keystroke. */
function type(c: LspClient, uri: string): number {
  const at = positionOf(c.text(uri), '**Author**: Priya Raman', '**Author**: Priya Raman'.length);
  return c.change(uri, { start: at, end: at }, 'x');
}

/** The diagnostics and code actions of a text opened fresh in a server that analyses everything on its main thread. */
async function fresh(uri: string, text: string): Promise<{ diagnostics: Diagnostic[]; actions: CodeAction[] }> {
  const other = await new LspClient({ SPEC_DELTA_OFF_THREAD_LENGTH: String(1e9) }).start([workspace.folder]);
  try {
    other.open(uri, text, 1);
    const diagnostics = await other.diagnostics(uri, 1, 30000);
    return { diagnostics, actions: await actionsAt(other, uri, diagnostics) };
  } finally {
    await other.stop();
  }
}

function actionsAt(c: LspClient, uri: string, diagnostics: Diagnostic[]): Promise<CodeAction[]> {
  const range = { start: { line: 0, character: 0 }, end: { line: 8, character: 0 } };
  return c.request('textDocument/codeAction', { textDocument: { uri }, range, context: { diagnostics } });
}

test('a completion on a small document is answered before a large document opened just before it is analysed', async () => {
  const small = uriOf('small');
  const text = approvedWithId('INVARIANT-301', 'Small document');
  client.open(small, text, 1);
  await client.diagnostics(small, 1);
  const uri = uriOf('large');
  const before = client.published.length;
  client.open(uri, large(), 1);
  await client.request('textDocument/completion', { textDocument: { uri: small }, position: positionOf(text, '**Status**: ', 12) });
  assert.deepEqual(
    client.published.slice(before).filter((p) => p.uri === uri),
    [],
    "the completion did not wait for the large document's analysis",
  );
  await client.diagnostics(uri, 1, 30000);
  client.close(uri);
  client.close(small);
});

test('a version overtaken while it is analysed is not published; the final diagnostics and fixes equal a fresh open', async () => {
  const uri = uriOf('large');
  const before = client.published.length;
  client.open(uri, large(), 1);
  // The server has begun analysing version 1 when version 2 comes: version 1 is dropped, not published.
  await delay(10);
  const last = type(client, uri);
  const final = await client.diagnostics(uri, last, 30000);
  await delay(500);
  assert.deepEqual(
    client.published
      .slice(before)
      .filter((p) => p.uri === uri)
      .map((p) => p.version),
    [last],
    'only the newest version is published',
  );
  const expected = await fresh(uri, client.text(uri));
  assert.ok(
    final.some((d) => String(d.message).includes('Severity')),
    'the missing Severity is found',
  );
  assert.deepEqual(final, expected.diagnostics, 'the same diagnostics as opening the final text fresh');
  const actions = await actionsAt(client, uri, final);
  assert.ok(
    actions.some((a) => a.edit),
    'the fixes came back from the analysis thread',
  );
  assert.deepEqual(actions, expected.actions, 'the same code actions as a fresh open');
  client.close(uri);
});

test('a burst of edits to a large document: nothing older after a newer version, and the final state equals a fresh open', async () => {
  const uri = uriOf('large');
  const before = client.published.length;
  client.open(uri, large(), 1);
  let last = 1;
  for (let i = 0; i < 20; i++) {
    last = type(client, uri);
    await delay(5);
  }
  const final = await client.diagnostics(uri, last, 30000);
  await delay(500);
  const versions = client.published
    .slice(before)
    .filter((p) => p.uri === uri)
    .map((p) => p.version);
  assert.ok(
    versions.every((v, i) => i === 0 || v! > versions[i - 1]!),
    `published in order: ${versions.join(', ')}`,
  );
  assert.equal(versions.at(-1), last);
  assert.deepEqual(final, (await fresh(uri, client.text(uri))).diagnostics);
  client.close(uri);
});

async function crashingServer(always: boolean): Promise<LspClient> {
  return new LspClient({
    SPEC_DELTA_ANALYSIS_WORKER: path.join(__dirname, 'crashingAnalysisWorker.js'),
    SPEC_DELTA_TEST_CRASH_MARK: workspace.path(`crash-mark-${++opened}`),
    SPEC_DELTA_TEST_CRASH_ALWAYS: always ? '1' : '0',
    SPEC_DELTA_TEST_ROOT: ROOT,
  }).start([workspace.folder]);
}

test('the analysis thread dying is recovered from: it is started again and the document analysed again', async () => {
  const c = await crashingServer(false);
  try {
    const uri = uriOf('large');
    const text = large();
    c.open(uri, text, 1);
    const diagnostics = await c.diagnostics(uri, 1, 30000);
    await c.waitForLog(/The analysis thread stopped \(exit code 3\); starting it again/);
    assert.deepEqual(diagnostics, (await fresh(uri, text)).diagnostics);
    // The new thread serves the next versions too.
    const last = type(c, uri);
    assert.ok((await c.diagnostics(uri, last, 30000)).length > 0);
    assert.ok(await c.isAlive());
  } finally {
    await c.stop();
  }
});

test('an analysis thread that keeps dying: after three tries the main thread analyses, and the server keeps serving', async () => {
  const c = await crashingServer(true);
  try {
    const uri = uriOf('large');
    const text = large();
    c.open(uri, text, 1);
    const diagnostics = await c.diagnostics(uri, 1, 30000);
    await c.waitForLog(/analysing on the main thread from now on/);
    assert.deepEqual(diagnostics, (await fresh(uri, text)).diagnostics);
    assert.ok(await c.isAlive());
  } finally {
    await c.stop();
  }
});
