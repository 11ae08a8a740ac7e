import {
  IPCMessageReader,
  IPCMessageWriter,
  ProposedFeatures,
  StreamMessageReader,
  StreamMessageWriter,
  createConnection,
} from 'vscode-languageserver/node';
import { SpecDeltaServer } from './lsp/specDeltaServer';
import { VersionTracker } from './lsp/versionTracker';

// stdio for any LSP client, Node IPC for VS Code; other transports go through createConnection's own parsing.
const args = process.argv.slice(2);
let tracker: VersionTracker | undefined;
let connection;
if (args.includes('--node-ipc')) {
  tracker = new VersionTracker(new IPCMessageReader(process));
  connection = createConnection(ProposedFeatures.all, tracker, new IPCMessageWriter(process));
} else if (args.includes('--stdio')) {
  tracker = new VersionTracker(new StreamMessageReader(process.stdin));
  connection = createConnection(ProposedFeatures.all, tracker, new StreamMessageWriter(process.stdout));
} else {
  connection = createConnection(ProposedFeatures.all);
}
const server = new SpecDeltaServer(connection, tracker);

// Nothing ends the server: an unexpected error is logged and the server keeps serving.
process.on('uncaughtException', (error) => server.log(`Uncaught exception: ${error.stack ?? error}`));
process.on('unhandledRejection', (reason) => server.log(`Unhandled rejection: ${(reason as Error)?.stack ?? reason}`));

server.listen();
