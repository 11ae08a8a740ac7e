import type { AnalysisCache } from './analysis';
import { type IndexProgress, type WorkspaceSource, indexText } from './workspaceSource';

/**
 * The workspace of a server without a file system (the web worker): the client reads the Markdown
 * files through `vscode.workspace.fs` and feeds their text here (WorkspaceFilesNotification),
 * as VS Code's Markdown language features do. Kept texts answer the tree and cross-file features.
 */
export class FedWorkspace implements WorkspaceSource {
  private readonly open = new Set<string>();
  private readonly texts = new Map<string, string>();

  constructor(
    private readonly analysis: AnalysisCache,
    private readonly log: (message: string) => void,
  ) {}

  setOpen(uri: string, open: boolean): void {
    if (open) this.open.add(uri);
    else this.open.delete(uri);
  }

  /** Nothing to walk: the client feeds the files; the ones fed so far are indexed again. */
  async indexFolders(_folderUris: readonly string[], progress: IndexProgress): Promise<number> {
    progress.begin(this.texts.size);
    for (const uri of this.texts.keys()) await this.indexFile(uri);
    progress.done();
    return this.texts.size;
  }

  async indexFile(uri: string): Promise<void> {
    const text = this.texts.get(uri);
    if (text !== undefined && !this.open.has(uri)) indexText(this.analysis, uri, text, this.log);
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
      if (indexText(this.analysis, uri, text, this.log)) this.texts.set(uri, text);
      else this.texts.delete(uri);
    }
  }

  remove(uri: string): void {
    this.texts.delete(uri);
    if (!this.open.has(uri)) this.analysis.index.delete(uri);
  }

  readText(uri: string): string | undefined {
    return this.texts.get(uri);
  }
}
