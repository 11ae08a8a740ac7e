// The language server in a web worker (VS Code for the Web): the same SpecDeltaServer as the Node
// server, with the browser's transport and the workspace fed by the client instead of read from disk.
import { BrowserMessageReader, BrowserMessageWriter, ProposedFeatures, createConnection } from 'vscode-languageserver/browser';
import type { ConfigSource } from '../lsp/analysis';
import { AnalysisThread } from '../lsp/analysisThread';
import { FedWorkspace } from '../lsp/fedWorkspace';
import { SpecDeltaServer } from '../lsp/specDeltaServer';
import { VersionTracker } from '../lsp/versionTracker';
import { DEFAULT_EFFECTIVE_CONFIG } from '../core';
import { WorkspaceFilesDeletedNotification, WorkspaceFilesNotification } from '$shared/protocol';
import { startBrowserWorker } from './browserAnalysisWorker';
import { installSetImmediate } from './setImmediate';

installSetImmediate();

/** No `.spec-delta.json` is read in the browser: every document gets the default settings. */
const defaults: ConfigSource = { effective: () => DEFAULT_EFFECTIVE_CONFIG, listsFile: () => false, invalidate: () => undefined };

/** The worker's global scope, typed by what is used of it (the server's types are Node's, not the DOM's). */
interface WorkerScope {
  addEventListener(type: 'error' | 'unhandledrejection', listener: (event: { message?: string; reason?: unknown }) => void): void;
}
const scope = globalThis as unknown as ConstructorParameters<typeof BrowserMessageReader>[0];
const events = globalThis as unknown as WorkerScope;
const tracker = new VersionTracker(new BrowserMessageReader(scope));
const connection = createConnection(ProposedFeatures.all, tracker, new BrowserMessageWriter(scope));
let workspace: FedWorkspace | undefined;
let analysisWorker: string | undefined;
const server = new SpecDeltaServer(
  connection,
  {
    configs: defaults,
    workspace: (analysis, log) => (workspace = new FedWorkspace(analysis, log)),
    // Large documents are analysed in a worker of this worker, so that requests never wait behind them.
    offThread: (log) =>
      new AnalysisThread(
        log,
        startBrowserWorker(() => analysisWorker),
      ),
    initialize: (options) => (analysisWorker = options?.analysisWorker),
  },
  tracker,
);
connection.onNotification(WorkspaceFilesNotification, ({ files }) => {
  workspace?.feed(files);
  server.indexChanged();
});
connection.onNotification(WorkspaceFilesDeletedNotification, ({ uris }) => {
  for (const uri of uris) workspace?.remove(uri);
  server.indexChanged();
});
events.addEventListener('error', (event) => server.log(`Uncaught exception: ${event.message}`));
events.addEventListener('unhandledrejection', (event) => server.log(`Unhandled rejection: ${(event.reason as Error)?.stack ?? event.reason}`));
server.listen();
