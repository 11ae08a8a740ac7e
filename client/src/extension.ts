import * as vscode from 'vscode';
import { LanguageClient, ServerOptions, TransportKind } from 'vscode-languageclient/node';
import { activateSpecDelta } from './activation';
import { nodeNewSpecDeltaHost } from './nodeNewSpecDelta';

let client: LanguageClient | undefined;

/** Desktop: the language server runs in Node, started over IPC. */
export async function activate(context: vscode.ExtensionContext): Promise<void> {
  const serverModule = context.asAbsolutePath('dist/server.js');
  const serverOptions: ServerOptions = {
    run: { module: serverModule, transport: TransportKind.ipc },
    debug: { module: serverModule, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6010'] } },
  };
  await activateSpecDelta(context, {
    createClient: (options) => (client = new LanguageClient('specDelta', 'Spec Delta', serverOptions, options)),
    newSpecDelta: nodeNewSpecDeltaHost,
    schemes: ['file', 'untitled'],
  });
}

export async function deactivate(): Promise<void> {
  await client?.stop();
  client = undefined;
}
