import * as vscode from 'vscode';
import { LanguageClient } from 'vscode-languageclient/browser';
import { activateSpecDelta } from '../activation';
import { webNewSpecDeltaHost } from './webNewSpecDelta';
import { WorkspaceFeeder } from './workspaceFeeder';

/** The browser's Worker, typed by its one use here (the client's types are Node's, not the DOM's). */
declare const Worker: new (url: string) => ConstructorParameters<typeof LanguageClient>[2];

let client: LanguageClient | undefined;

/**
 * VS Code for the Web (vscode.dev, github.dev, code-server's web worker host): the same activation
 * as desktop, the language server in a web worker, and the workspace fed through `vscode.workspace.fs`.
 */
export async function activate(context: vscode.ExtensionContext): Promise<void> {
  const worker = await serverWorker(vscode.Uri.joinPath(context.extensionUri, 'dist/web/server.js'));
  const schemes = new Set(['file', 'untitled', ...(vscode.workspace.workspaceFolders ?? []).map((f) => f.uri.scheme)]);
  const started = await activateSpecDelta(context, {
    createClient: (options) => (client = new LanguageClient('specDelta', 'Spec Delta', worker, options)),
    newSpecDelta: webNewSpecDeltaHost,
    schemes: [...schemes],
  });
  const feeder = new WorkspaceFeeder(started);
  context.subscriptions.push(feeder);
  feeder.start();
}

/**
 * The server's worker. A web worker host refuses a worker from a remote extension's URL (code-server:
 * "Creating workers from remote extensions is currently not supported"), so there the script is
 * read through the file system and started from a blob: URL.
 */
async function serverWorker(main: vscode.Uri): Promise<ConstructorParameters<typeof LanguageClient>[2]> {
  const script =
    main.scheme !== 'vscode-remote'
      ? main.toString(true)
      : URL.createObjectURL(new Blob([await vscode.workspace.fs.readFile(main)], { type: 'text/javascript' }));
  return new Worker(script);
}

export async function deactivate(): Promise<void> {
  await client?.stop();
  client = undefined;
}
