import type { AnalysisCache } from './analysis';
import { stripBom } from '../core';

export interface IndexProgress {
  begin(total: number): void;
  report(done: number, total: number): void;
  done(): void;
}

/**
 * Where the server reads the files that are not open: the disk for the Node server, the texts
 * the client feeds from `vscode.workspace.fs` for the web worker, which has no file system.
 * Open documents are the editor's business: a source ignores its own text of them while open.
 */
export interface WorkspaceSource {
  setOpen(uri: string, open: boolean): void;
  /** Indexes every Markdown file of the folders it can reach; resolves to how many. */
  indexFolders(folderUris: readonly string[], progress: IndexProgress): Promise<number>;
  /** Reads one changed file into the index again (unless it is open). */
  indexFile(uri: string): Promise<void>;
  remove(uri: string): void;
  /** The text of a closed file, or undefined when there is none. */
  readText(uri: string): string | undefined;
}

/**
 * What every source shares: the set of documents the editor has open, whose text the source
 * leaves alone meanwhile, and the index it writes closed files' text into.
 */
export abstract class ClosedFilesSource implements WorkspaceSource {
  protected readonly open = new Set<string>();

  constructor(
    protected readonly analysis: AnalysisCache,
    protected readonly log: (message: string) => void,
  ) {}

  setOpen(uri: string, open: boolean): void {
    if (open) this.open.add(uri);
    else this.open.delete(uri);
  }

  remove(uri: string): void {
    if (!this.open.has(uri)) this.analysis.index.delete(uri);
  }

  /** Puts a closed file's text into the index; whether it is a spec delta. */
  protected indexText(uri: string, text: string): boolean {
    return indexText(this.analysis, uri, text, this.log);
  }

  abstract indexFolders(folderUris: readonly string[], progress: IndexProgress): Promise<number>;
  abstract indexFile(uri: string): Promise<void>;
  abstract readText(uri: string): string | undefined;
}

/** Puts one closed file's text into the workspace index; a failure is logged, never thrown. Whether it is a spec delta. */
function indexText(analysis: AnalysisCache, uri: string, text: string, log: (message: string) => void): boolean {
  try {
    const parsed = analysis.parse(uri, -1, stripBom(text));
    analysis.index.set(parsed.doc, parsed.isSpecDelta, parsed.config.idPattern);
    return parsed.isSpecDelta;
  } catch (error) {
    log(`Cannot index ${uri}: ${(error as Error).message}`);
    return false;
  }
}
