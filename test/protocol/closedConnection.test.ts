import { strict as assert } from 'node:assert';
import { PassThrough } from 'node:stream';
import { test } from 'node:test';
import { StreamMessageReader, StreamMessageWriter, createMessageConnection } from 'vscode-jsonrpc/node';
import { ProposedFeatures, createConnection } from 'vscode-languageserver/node';
import { nodeEdges } from '../../server/src/lsp/nodeEdges';
import { SpecDeltaServer } from '../../server/src/lsp/specDeltaServer';
import { VersionTracker } from '../../server/src/lsp/versionTracker';
import { APPROVED, withInvariant017 } from '../support/fixtures';
import { TempWorkspace } from '../support/tempFolders';
import { delay } from '../support/lspClient';

/**
 * The server in this process over in-memory streams, so that its connection can close without
 * the process ending: what its timers and handlers do then is seen (a throw fails the test as an
 * uncaught exception; in the real server it ended the process with code 7).
 */
test('after the connection closes, pending timers and the error handlers send nothing and throw nothing', async () => {
  const workspace = new TempWorkspace(withInvariant017());
  const toServer = new PassThrough();
  const fromServer = new PassThrough();
  // Readers, not streams: given a stream, the library would end this process when it ends.
  const connection = createConnection(ProposedFeatures.all, new VersionTracker(new StreamMessageReader(toServer)), new StreamMessageWriter(fromServer));
  const server = new SpecDeltaServer(connection, nodeEdges(process.cwd()), undefined);
  server.listen();
  const client = createMessageConnection(new StreamMessageReader(fromServer), new StreamMessageWriter(toServer));
  const published: unknown[] = [];
  client.onNotification('textDocument/publishDiagnostics', (p) => void published.push(p));
  client.onNotification(() => undefined);
  client.onRequest(() => null);
  client.listen();
  // In-memory streams do not keep the event loop alive while the two sides talk.
  const alive = setInterval(() => undefined, 1000);
  try {
    await client.sendRequest('initialize', {
      processId: null,
      rootUri: null,
      workspaceFolders: [{ uri: workspace.uri(''), name: 'w' }],
      capabilities: {},
      initializationOptions: { notifications: true },
    });
    await client.sendNotification('initialized', {});
    const uri = workspace.uri('docs/spec-deltas/closing.md');
    await client.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'markdown', version: 1, text: APPROVED } });
    await client.sendNotification('textDocument/didChange', {
      textDocument: { uri, version: 2 },
      contentChanges: [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: 'x' }],
    });
    // Closed while the diagnostics and the workspace notification's 100 ms timer are pending.
    toServer.end();
    await delay(300);
    // The process-wide handlers log through the closed connection.
    assert.doesNotThrow(() => server.log('an uncaught exception, logged'));
  } finally {
    clearInterval(alive);
    client.dispose();
    workspace.dispose();
  }
});
