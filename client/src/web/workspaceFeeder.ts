import * as vscode from 'vscode';
import type { BaseLanguageClient } from 'vscode-languageclient';
import { WorkspaceFile, WorkspaceFilesDeletedNotification, WorkspaceFilesNotification } from '$shared/protocol';

/** Files per notification, and the limits that keep a huge repository from being read whole. */
const BATCH = 50;
const MAX_FILES = 5000;
const MAX_BYTES = 1024 * 1024;

/**
 * The web worker server has no file system: this reads the workspace's Markdown files through
 * `vscode.workspace.fs` (any file system: github.dev, vscode.dev, code-server) and feeds their text
 * to the server, which decides which are spec deltas, as VS Code's Markdown language features do.
 * Reading runs in the background with window progress; typing is served meanwhile.
 */
export class WorkspaceFeeder implements vscode.Disposable {
  private readonly disposables: vscode.Disposable[] = [];
  private readonly decoder = new TextDecoder();

  constructor(private readonly client: BaseLanguageClient) {}

  start(): void {
    const watcher = vscode.workspace.createFileSystemWatcher('**/*.md');
    this.disposables.push(
      watcher,
      watcher.onDidCreate((uri) => void this.feed([uri])),
      watcher.onDidChange((uri) => void this.feed([uri])),
      watcher.onDidDelete((uri) => void this.client.sendNotification(WorkspaceFilesDeletedNotification, { uris: [uri.toString()] })),
      vscode.workspace.onDidChangeWorkspaceFolders(() => void this.indexAll()),
    );
    void this.indexAll();
  }

  private async indexAll(): Promise<void> {
    await vscode.window.withProgress({ location: vscode.ProgressLocation.Window, title: 'Spec Delta: indexing' }, async (progress) => {
      const uris = await vscode.workspace.findFiles('**/*.md', '**/node_modules/**', MAX_FILES);
      for (let at = 0; at < uris.length; at += BATCH) {
        progress.report({ message: `${at}/${uris.length}` });
        await this.feed(uris.slice(at, at + BATCH));
      }
    });
  }

  private async feed(uris: readonly vscode.Uri[]): Promise<void> {
    const files = (await Promise.all(uris.map((uri) => this.read(uri)))).filter((f): f is WorkspaceFile => f !== undefined);
    if (files.length > 0) await this.client.sendNotification(WorkspaceFilesNotification, { files });
  }

  private async read(uri: vscode.Uri): Promise<WorkspaceFile | undefined> {
    try {
      const stat = await vscode.workspace.fs.stat(uri);
      if (stat.type !== vscode.FileType.File || stat.size > MAX_BYTES) return undefined;
      return { uri: uri.toString(), text: this.decoder.decode(await vscode.workspace.fs.readFile(uri)) };
    } catch {
      // Gone or unreadable meanwhile: the watcher says so if it was deleted.
      return undefined;
    }
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
  }
}
