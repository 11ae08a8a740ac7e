import * as fs from 'node:fs/promises';
import { URI } from 'vscode-uri';
import { walkMarkdown } from '../node/files';
import type { AnalysisCache } from './analysis';

export interface IndexProgress {
  begin(total: number): void;
  report(done: number, total: number): void;
  done(): void;
}

/**
 * Builds the workspace index from every Markdown file of the workspace folders at start, and
 * keeps it current from file-watcher events. Open documents are the editor's business: their
 * text on disk is ignored while they are open.
 */
export class WorkspaceIndexer {
  private readonly open = new Set<string>();

  constructor(
    private readonly analysis: AnalysisCache,
    private readonly log: (message: string) => void,
  ) {}

  setOpen(uri: string, open: boolean): void {
    if (open) this.open.add(uri);
    else this.open.delete(uri);
  }

  /** Indexes every Markdown file below the folders; yields to the event loop as it goes. */
  async indexFolders(folderUris: readonly string[], progress: IndexProgress, isCancelled: () => boolean = () => false): Promise<number> {
    const files: string[] = [];
    for (const folder of folderUris) {
      const root = URI.parse(folder);
      if (root.scheme !== 'file') continue;
      try {
        for (const file of walkMarkdown(root.fsPath)) files.push(file);
      } catch (error) {
        this.log(`Cannot list ${root.fsPath}: ${(error as Error).message}`);
      }
    }
    progress.begin(files.length);
    let done = 0;
    const batch = 64;
    for (let i = 0; i < files.length && !isCancelled(); i += batch) {
      await Promise.all(files.slice(i, i + batch).map((file) => this.indexFile(URI.file(file).toString())));
      done = Math.min(files.length, i + batch);
      progress.report(done, files.length);
    }
    progress.done();
    return done;
  }

  /** Reads one file from disk into the index (unless it is open in the editor). */
  async indexFile(uri: string): Promise<void> {
    if (this.open.has(uri)) return;
    try {
      const text = await fs.readFile(URI.parse(uri).fsPath, 'utf8');
      // Opened while the file was read (closed and reopened at once): the editor's text wins.
      if (this.open.has(uri)) return;
      const analysis = this.analysis.parse(uri, -1, text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
      this.analysis.index.set(analysis.doc, analysis.isSpecDelta, analysis.config.idPattern);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (this.open.has(uri)) return;
      if (code === 'ENOENT' || code === 'EISDIR') this.analysis.index.delete(uri);
      else this.log(`Cannot index ${uri}: ${(error as Error).message}`);
    }
  }

  remove(uri: string): void {
    if (!this.open.has(uri)) this.analysis.index.delete(uri);
  }
}
