import { ProposedFeatures, createConnection } from 'vscode-languageserver/node';
import { SpecDeltaServer } from './lsp/specDeltaServer';

// The connection reads --stdio, --node-ipc or --socket from the command line.
const connection = createConnection(ProposedFeatures.all);
const server = new SpecDeltaServer(connection);

// Nothing ends the server: an unexpected error is logged and the server keeps serving.
process.on('uncaughtException', (error) => server.log(`Uncaught exception: ${error.stack ?? error}`));
process.on('unhandledRejection', (reason) => server.log(`Unhandled rejection: ${(reason as Error)?.stack ?? reason}`));

server.listen();
