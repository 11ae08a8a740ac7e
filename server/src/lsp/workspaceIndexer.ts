import * as fs from 'node:fs';
import { URI } from 'vscode-uri';
import { walkMarkdown } from '../node/files';
import { fsPath } from './analysis';
import { ClosedFilesSource, type IndexProgress } from './workspaceSource';

/** How long indexing runs before it lets other messages in, and how often it reports progress. */
const SLICE_MS = 10;
const PROGRESS_MS = 100;

/**
 * Builds the workspace index from every Markdown file of the workspace folders at start, and
 * keeps it current from file-watcher events. Open documents are the editor's business: their
 * text on disk is ignored while they are open.
 */
export class WorkspaceIndexer extends ClosedFilesSource {
  /**
   * Indexes every Markdown file below the folders in slices of about 10 ms, yielding to the event
   * loop between slices so that requests and edits are answered while it runs. Files are read
   * synchronously: a 4 KB file takes microseconds, while an asynchronous read costs four
   * thread-pool round trips (open, stat, read, close); 10,000 files indexed in 2.1 s instead of 2.6 s.
   */
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
    let reported = performance.now();
    while (done < files.length && !isCancelled()) {
      const sliceEnd = performance.now() + SLICE_MS;
      do this.indexFileNow(URI.file(files[done++]!).toString());
      while (done < files.length && performance.now() < sliceEnd);
      if (performance.now() - reported >= PROGRESS_MS) {
        progress.report(done, files.length);
        reported = performance.now();
      }
      await new Promise((resolve) => setImmediate(resolve));
    }
    progress.done();
    return done;
  }

  /** Reads one file from disk into the index (unless it is open in the editor). */
  async indexFile(uri: string): Promise<void> {
    if (this.open.has(uri)) return;
    let text: string;
    try {
      text = await fs.promises.readFile(URI.parse(uri).fsPath, 'utf8');
    } catch (error) {
      this.readFailed(uri, error);
      return;
    }
    // Opened while the file was read (closed and reopened at once): the editor's text wins.
    if (!this.open.has(uri)) this.indexText(uri, text);
  }

  private indexFileNow(uri: string): void {
    if (this.open.has(uri)) return;
    let text: string;
    try {
      text = fs.readFileSync(URI.parse(uri).fsPath, 'utf8');
    } catch (error) {
      this.readFailed(uri, error);
      return;
    }
    this.indexText(uri, text);
  }

  readText(uri: string): string | undefined {
    try {
      const file = fsPath(uri);
      return file === undefined ? undefined : fs.readFileSync(file, 'utf8');
    } catch {
      return undefined;
    }
  }

  private readFailed(uri: string, error: unknown): void {
    const code = (error as NodeJS.ErrnoException).code;
    if (this.open.has(uri)) return;
    if (code === 'ENOENT' || code === 'EISDIR') this.analysis.index.delete(uri);
    else this.log(`Cannot index ${uri}: ${(error as Error).message}`);
  }
}
