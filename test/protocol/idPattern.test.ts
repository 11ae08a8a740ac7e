import { strict as assert } from 'node:assert';
import { after, before, test } from 'node:test';
import type { Hover, Location } from 'vscode-languageserver-protocol';
import { APPROVED } from '../support/fixtures';
import { edit } from '../support/textEdits';
import { positionOf } from '../support/positions';
import { brief } from '../support/diagnostics';
import { TempWorkspace } from '../support/tempFolders';
import { LspClient } from '../support/lspClient';

/** A workspace whose `.spec-delta.json` sets its own id pattern: the index follows it. */

function withId(id: string, title: string, cites: string): string {
  const titled = edit(APPROVED, "INVARIANT-042 Checkout totals are computed in the order's currency", `${id} ${title}`);
  return edit(edit(titled, '`INVARIANT-042`', `\`${id}\``), 'INVARIANT-017 checks', `${cites} checks`);
}

const SEC_001 = withId('SEC-001', 'Tokens expire', 'SEC-002');
const SEC_002 = withId('SEC-002', 'Sessions are bound to a device', 'SEC-001');

let workspace: TempWorkspace;
let client: LspClient;

before(async () => {
  workspace = new TempWorkspace({
    '.spec-delta.json': JSON.stringify({ idPattern: 'SEC-\\d+' }),
    'docs/spec-deltas/SEC-001.md': SEC_001,
    'docs/spec-deltas/SEC-001-copy.md': SEC_001.replace('Tokens expire', 'Tokens expire (copy)'),
  });
  client = await new LspClient().start([workspace.folder]);
});

after(async () => {
  await client.stop();
  workspace.dispose();
});

test('ids of the configured pattern are defined, referenced and duplicated like the default ones', async () => {
  const uri = workspace.uri('docs/spec-deltas/SEC-002.md');
  client.open(uri, SEC_002, 1);
  // SEC-001 is defined (twice, but in other files): no SD403 for the reference.
  assert.deepEqual(await client.diagnostics(uri, 1), []);
  const reference = positionOf(SEC_002, 'SEC-001 checks', 2);
  const definition = await client.request<Location[]>('textDocument/definition', { textDocument: { uri }, position: reference });
  assert.deepEqual(definition, [
    { uri: workspace.uri('docs/spec-deltas/SEC-001-copy.md'), range: { start: { line: 0, character: 14 }, end: { line: 0, character: 21 } } },
    { uri: workspace.uri('docs/spec-deltas/SEC-001.md'), range: { start: { line: 0, character: 14 }, end: { line: 0, character: 21 } } },
  ]);
  const hover = await client.request<Hover>('textDocument/hover', { textDocument: { uri }, position: reference });
  assert.match((hover.contents as { value: string }).value, /^\*\*SEC-001\*\* Tokens expire/);
  // The copy that defines SEC-001 again, opened: SD012.
  const copy = workspace.uri('docs/spec-deltas/SEC-001-copy.md');
  client.open(copy, SEC_001.replace('Tokens expire', 'Tokens expire (copy)'), 1);
  assert.deepEqual(brief(await client.diagnostics(copy, 1)), ['SD012 0:14-0:21 1']);
});
