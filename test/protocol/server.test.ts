import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, before, test } from 'node:test';
import { APPROVED, TEMPLATE } from '../support/fixtures';
import { edit } from '../support/textEdits';
import { LspClient } from '../support/lspClient';

let client: LspClient;
let folder: string;

before(async () => {
  folder = fs.mkdtempSync(path.join(os.tmpdir(), 'spec-delta-lsp-'));
  fs.mkdirSync(path.join(folder, 'docs/spec-deltas'), { recursive: true });
  fs.writeFileSync(
    path.join(folder, 'docs/spec-deltas/INVARIANT-017-totals.md'),
    edit(APPROVED, "INVARIANT-042 Checkout totals are computed in the order's currency", 'INVARIANT-017 Totals equal line items').replace(
      '`INVARIANT-042`',
      '`INVARIANT-017`',
    ),
  );
  client = new LspClient();
  await client.initialize([folder]);
  await client.waitForLog(/Indexed \d+ Markdown files/);
});

after(async () => {
  await client.stop();
  fs.rmSync(folder, { recursive: true, force: true });
});

test('opening the template publishes its warnings for that version', async () => {
  const uri = pathToFileURL(path.join(folder, 'docs/spec-deltas/new.md')).href;
  client.open(uri, TEMPLATE, 1);
  const diagnostics = await client.diagnostics(uri, 1);
  assert.ok(diagnostics.length > 20);
  assert.ok(diagnostics.every((d) => d.severity === 2));
});

test('a wrong Status typed in adds an error on its line', async () => {
  const uri = pathToFileURL(path.join(folder, 'docs/spec-deltas/approved.md')).href;
  client.open(uri, APPROVED, 1);
  const clean = await client.diagnostics(uri, 1);
  assert.deepEqual(clean, []);
  const line = APPROVED.split('\n').findIndex((l) => l.startsWith('**Status**'));
  const version = client.change(uri, { start: { line, character: 12 }, end: { line, character: 20 } }, 'Done');
  const diagnostics = await client.diagnostics(uri, version);
  const invalid = diagnostics.find((d) => d.code === 'SD006');
  assert.ok(invalid, JSON.stringify(diagnostics));
  assert.deepEqual(invalid.range, { start: { line, character: 12 }, end: { line, character: 16 } });
});

test('the workspace status lists each spec delta once, also the closed ones', async () => {
  const entries = await client.request<{ uri: string }[]>('specDelta/workspaceStatus');
  const uris = entries.map((e) => e.uri);
  assert.ok(
    uris.some((u) => u.endsWith('/INVARIANT-017-totals.md')),
    uris.join('\n'),
  );
  assert.deepEqual(uris, [...new Set(uris)]);
});
