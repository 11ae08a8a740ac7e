import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import { APPROVED, withInvariant017 } from '../support/fixtures';
import { serversOfThisFile } from '../support/servers';
import { LspClient, delay } from '../support/lspClient';

/**
 * The server's life follows its connection: it ends as soon as its input ends, never throws on a
 * closed connection, and a malformed frame costs one message, not the connection.
 */

const servers = serversOfThisFile(withInvariant017());
const workspace = servers.workspace;

const started = (): Promise<LspClient> => servers.started();

/** The exit code, or 'running' when the process has not ended within `ms`. */
function exitWithin(client: LspClient, ms: number): Promise<number | null | 'running'> {
  return Promise.race([client.exit, delay(ms).then(() => 'running' as const)]);
}

test('when its input ends while idle the server exits at once: 1 without shutdown, 0 after it', async () => {
  const idle = await started();
  await idle.endInput();
  assert.equal(await exitWithin(idle, 2000), 1);
  const shut = await started();
  assert.equal(await shut.request('shutdown'), null);
  await shut.endInput();
  assert.equal(await exitWithin(shut, 2000), 0);
});

test('when its input ends right after an edit the server exits with 1, nothing thrown', async () => {
  const client = await started();
  const uri = workspace.uri('docs/spec-deltas/edited.md');
  client.open(uri, APPROVED, 1);
  await client.diagnostics(uri, 1);
  // The edit schedules diagnostics, a status notification and the workspace notification's timer.
  client.change(uri, { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, 'x');
  await client.endInput();
  assert.equal(await exitWithin(client, 2000), 1);
  assert.doesNotMatch(client.stderr, /Error|exception/i);
});

/** One JSON-RPC frame with the Content-Length it should have, plus `delta` bytes. */
function frame(message: object, delta = 0): string {
  const body = JSON.stringify({ jsonrpc: '2.0', ...message });
  return `Content-Length: ${Buffer.byteLength(body) + delta}\r\n\r\n${body}`;
}

test('a frame whose Content-Length is shorter than its body is dropped, logged, and the next message is answered', async () => {
  const client = await started();
  const uri = workspace.uri('docs/spec-deltas/short-frame.md');
  const logged = client.logs.length;
  client.writeRaw(frame({ method: 'textDocument/didOpen', params: { textDocument: { uri, languageId: 'markdown', version: 1, text: 'é'.repeat(20) } } }, -10));
  assert.ok(await client.isAlive(), 'the server answers the next request');
  await client.waitForLog(/Dropped/, logged);
  // And keeps reading frames: a document opened after it gets its diagnostics.
  client.open(uri, APPROVED, 1);
  assert.deepEqual(await client.diagnostics(uri, 1), []);
});

test('bytes that are no frame between two frames are skipped', async () => {
  const client = await started();
  client.writeRaw('oops\r\n');
  assert.ok(await client.isAlive(), 'the server answers the next request');
  client.writeRaw(`Content-Length: 5\r\n\r\n{"a":${frame({ method: 'specDelta/unknown', params: {} })}`);
  assert.ok(await client.isAlive(), 'the server answers after a frame cut short');
});
