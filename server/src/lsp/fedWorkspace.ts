import { ClosedFilesSource, type IndexProgress } from './workspaceSource';

/**
 * The workspace of a server without a file system (the web worker): the client reads the Markdown
 * files through `vscode.workspace.fs` and feeds their text here (WorkspaceFilesNotification),
 * as VS Code's Markdown language features do. Kept texts answer the tree and cross-file features.
 */
export class FedWorkspace extends ClosedFilesSource {
  private readonly texts = new Map<string, string>();

  /** Nothing to walk: the client feeds the files; the ones fed so far are indexed again. */
  async indexFolders(_folderUris: readonly string[], progress: IndexProgress): Promise<number> {
    progress.begin(this.texts.size);
    for (const uri of this.texts.keys()) await this.indexFile(uri);
    progress.done();
    return this.texts.size;
  }

  async indexFile(uri: string): Promise<void> {
    const text = this.texts.get(uri);
    if (text !== undefined && !this.open.has(uri)) this.indexText(uri, text);
  }

  /**
   * Markdown files read by the client, indexed unless the editor has them open. The server, not
   * the client, decides which are spec deltas; only theirs are kept, for the tree and status.
   */
  feed(files: readonly { uri: string; text: string }[]): void {
    for (const { uri, text } of files) {
      if (this.open.has(uri)) {
        this.texts.set(uri, text);
        continue;
      }
      if (this.indexText(uri, text)) this.texts.set(uri, text);
      else this.texts.delete(uri);
    }
  }

  override remove(uri: string): void {
    this.texts.delete(uri);
    super.remove(uri);
  }

  readText(uri: string): string | undefined {
    return this.texts.get(uri);
  }
}
