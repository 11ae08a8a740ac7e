import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import { after, before, test } from 'node:test';
import { run } from '../../server/src/cli/main';
import type { Catalog, WorkspaceCatalog } from '$shared/protocol';
import { ROOT, readRepoFile } from '../support/repo';
import { APPROVED } from '../support/fixtures';
import { edit } from '../support/textEdits';
import { TempWorkspace } from '../support/tempFolders';
import { startServer, stopServer } from '../support/servers';
import { type LspClient, delay } from '../support/lspClient';

/**
 * specDelta/catalog: the server gives the catalogue `spec-delta catalog` gives for the same
 * folder, plus each document's uri, and follows unsaved edits and changes on disk.
 */

let workspace: TempWorkspace;
let client: LspClient;

const EXAMPLES = fs.readdirSync(`${ROOT}/examples`).filter((f) => f.endsWith('.md'));

before(async () => {
  const files: Record<string, string> = {};
  for (const name of EXAMPLES) files[`docs/spec-deltas/${name}`] = readRepoFile(`examples/${name}`);
  files['docs/notes.md'] = '# Notes\n\nINVARIANT-042 is mentioned here, but this is not a spec delta.\n';
  ({ workspace, client } = await startServer(files));
});

after(() => stopServer(workspace, client));

function cliCatalog(): Catalog {
  let stdout = '';
  const code = run(
    ['catalog', '--format', 'json'],
    workspace.folder,
    (s) => (stdout += s),
    () => undefined,
  );
  assert.equal(code, 0);
  return JSON.parse(stdout) as Catalog;
}

/** Waits for the server to say the workspace changed (what the tree and the Dashboard wait for). */
async function workspaceChanged(since: number): Promise<void> {
  for (let waited = 0; !client.notifications.slice(since).some((n) => n.method === 'specDelta/workspaceChanged'); waited += 20) {
    if (waited > 10000) throw new Error('no specDelta/workspaceChanged');
    await delay(20);
  }
}

const withoutUri = (catalog: WorkspaceCatalog): Catalog => ({ version: catalog.version, invariants: catalog.invariants.map(({ uri: _, ...entry }) => entry) });

test('specDelta/catalog equals the CLI catalogue of the same folder, with each document uri', async () => {
  const catalog = await client.request<WorkspaceCatalog>('specDelta/catalog');
  assert.equal(catalog.invariants.length, EXAMPLES.length);
  assert.deepStrictEqual(withoutUri(catalog), cliCatalog());
  assert.deepEqual(
    catalog.invariants.map((e) => e.uri),
    catalog.invariants.map((e) => workspace.uri(e.file)),
  );
  assert.equal(catalog.invariants[2]!.file, 'docs/spec-deltas/INVARIANT-042-checkout-totals-currency.md');
});

test('specDelta/catalog follows an unsaved edit, then the file on disk once it is closed and changed', async () => {
  const relative = 'docs/spec-deltas/INVARIANT-042-checkout-totals-currency.md';
  const uri = workspace.uri(relative);
  const draft = edit(APPROVED, '**Status**: Approved', '**Status**: Draft');
  client.open(uri, draft, 1);
  await client.diagnostics(uri, 1);
  const entryOf = async () => (await client.request<WorkspaceCatalog>('specDelta/catalog')).invariants.find((e) => e.uri === uri)!;
  assert.equal((await entryOf()).status, 'Draft');
  client.notify('textDocument/didClose', { textDocument: { uri } });
  workspace.write(relative, edit(APPROVED, '**Severity**: High', '**Severity**: Low'));
  const since = client.notifications.length;
  client.notify('workspace/didChangeWatchedFiles', { changes: [{ uri, type: 2 }] });
  await workspaceChanged(since);
  const entry = await entryOf();
  assert.deepEqual([entry.status, entry.severity], ['Approved', 'Low']);
  assert.deepStrictEqual(withoutUri(await client.request<WorkspaceCatalog>('specDelta/catalog')), cliCatalog());
});
