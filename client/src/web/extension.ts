import * as vscode from 'vscode';
import { LanguageClient } from 'vscode-languageclient/browser';
import type { InitializationOptions } from '$shared/protocol';
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
  const serverScript = await scriptUrl(vscode.Uri.joinPath(context.extensionUri, 'dist/web/server.js'));
  const worker = new Worker(serverScript);
  // The server analyses large documents in a worker of its own, on this bundle.
  const analysisWorker = await scriptUrl(vscode.Uri.joinPath(context.extensionUri, 'dist/web/analysisWorker.js'));
  const schemes = new Set(['file', 'untitled', ...(vscode.workspace.workspaceFolders ?? []).map((f) => f.uri.scheme)]);
  const started = await activateSpecDelta(context, {
    createClient: (options) =>
      (client = new LanguageClient('specDelta', 'Spec Delta', worker, {
        ...options,
        initializationOptions: { ...(options.initializationOptions as InitializationOptions), analysisWorker } satisfies InitializationOptions,
      })),
    newSpecDelta: webNewSpecDeltaHost,
    schemes: [...schemes],
  });
  const feeder = new WorkspaceFeeder(started);
  context.subscriptions.push(feeder);
  feeder.start();
}

/**
 * The address a worker can load a script of the extension from. A web worker host refuses a
 * worker from a remote extension's URL (code-server: "Creating workers from remote extensions is
 * currently not supported"), so there the script is read through the file system and given a
 * blob: URL.
 */
async function scriptUrl(file: vscode.Uri): Promise<string> {
  return file.scheme !== 'vscode-remote'
    ? file.toString(true)
    : URL.createObjectURL(new Blob([await vscode.workspace.fs.readFile(file)], { type: 'text/javascript' }));
}

export async function deactivate(): Promise<void> {
  await client?.stop();
  client = undefined;
}
