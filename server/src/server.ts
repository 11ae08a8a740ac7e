import { IPCMessageReader, IPCMessageWriter, ProposedFeatures, StreamMessageWriter, createConnection } from 'vscode-languageserver/node';
import { isAnalysisThread, serveAnalyses } from './lsp/analysisWorker';
import { FrameReader } from './lsp/frameReader';
import { nodeEdges } from './lsp/nodeEdges';
import { SpecDeltaServer } from './lsp/specDeltaServer';
import { VersionTracker } from './lsp/versionTracker';

if (isAnalysisThread()) serveAnalyses();
else startServer();

function startServer(): void {
  // stdio for any LSP client, Node IPC for VS Code; other transports go through createConnection's own parsing.
  const args = process.argv.slice(2);
  let tracker: VersionTracker | undefined;
  let connection;
  // Assigned once, after the transport whose callbacks read it (they may run before it is set).
  // eslint-disable-next-line prefer-const
  let server: SpecDeltaServer | undefined;
  if (args.includes('--node-ipc')) {
    tracker = new VersionTracker(new IPCMessageReader(process));
    connection = createConnection(ProposedFeatures.all, tracker, new IPCMessageWriter(process));
  } else if (args.includes('--stdio')) {
    tracker = new VersionTracker(new FrameReader(process.stdin, (m) => server?.log(m)));
    connection = createConnection(ProposedFeatures.all, tracker, new StreamMessageWriter(process.stdout));
    // The editor is gone when its end of the pipe is: the library's own exit-on-end watches only
    // streams it was handed, and its parent-process watchdog would keep an orphan alive while the
    // editor runs. Exit codes as for the exit notification.
    tracker.onClose(() => process.exit(server?.shutdownReceived ? 0 : 1));
  } else {
    connection = createConnection(ProposedFeatures.all);
  }
  server = new SpecDeltaServer(connection, nodeEdges(process.cwd()), tracker);

  // Nothing ends the server: an unexpected error is logged and the server keeps serving.
  process.on('uncaughtException', (error) => server.log(`Uncaught exception: ${error.stack ?? error}`));
  process.on('unhandledRejection', (reason) => server.log(`Unhandled rejection: ${(reason as Error)?.stack ?? reason}`));

  server.listen();
}
