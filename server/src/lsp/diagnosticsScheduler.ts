import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Diagnostic } from 'vscode-languageserver-types';

/**
 * Publishes diagnostics for the newest version of each document only. A change is analysed on the
 * next turn of the event loop unless a newer version has already been received, so a burst of
 * edits costs one analysis, and a version older than one already published is never sent.
 * An analysis may finish later (on the analysis thread): meanwhile the document is not analysed
 * again; when it finishes, only its newest version is, and a result overtaken by a newer version
 * is dropped.
 */
export class DiagnosticsScheduler {
  private readonly pending = new Set<string>();
  private readonly published = new Map<string, number>();
  /** Documents with an analysis under way, and whether it was asked for again meanwhile. */
  private readonly running = new Map<string, boolean>();
  private timer: NodeJS.Immediate | undefined;

  constructor(
    private readonly document: (uri: string) => TextDocument | undefined,
    /** The newest version already received but perhaps not yet applied. */
    private readonly incoming: (uri: string) => number | undefined,
    /** Undefined (later): the result came too late to be kept; the document is analysed again. */
    private readonly compute: (document: TextDocument) => Diagnostic[] | Promise<Diagnostic[] | undefined>,
    private readonly publish: (uri: string, version: number, diagnostics: Diagnostic[]) => void,
    private readonly log: (message: string) => void,
  ) {}

  schedule(uri: string): void {
    this.pending.add(uri);
    this.timer ??= setImmediate(() => this.flush());
  }

  forget(uri: string): void {
    this.pending.delete(uri);
    this.published.delete(uri);
    if (this.running.has(uri)) this.running.set(uri, false);
  }

  private flush(): void {
    this.timer = undefined;
    const uris = [...this.pending];
    this.pending.clear();
    for (const uri of uris) {
      if (this.running.has(uri)) {
        this.running.set(uri, true);
        continue;
      }
      const document = this.document(uri);
      if (!document) continue;
      // A newer version is on its way: its own change will schedule it; this one is already stale.
      const incoming = this.incoming(uri);
      const version = document.version;
      if (incoming !== undefined && incoming > version) continue;
      let diagnostics: Diagnostic[] | Promise<Diagnostic[] | undefined>;
      try {
        diagnostics = this.compute(document);
      } catch (error) {
        this.failed(uri, error);
        continue;
      }
      if (Array.isArray(diagnostics)) {
        this.finish(uri, version, diagnostics);
        continue;
      }
      this.running.set(uri, false);
      diagnostics
        .then(
          (later) => {
            if (later) this.finish(uri, version, later);
            else this.running.set(uri, true);
          },
          (error) => this.failed(uri, error),
        )
        .finally(() => {
          const again = this.running.get(uri);
          this.running.delete(uri);
          if (again) this.schedule(uri);
        })
        .catch((error) => this.failed(uri, error));
    }
  }

  private finish(uri: string, version: number, diagnostics: Diagnostic[]): void {
    // A newer version may have arrived while computing; then it is pending and this result is stale.
    const current = this.document(uri);
    if (!current || current.version !== version) return;
    const last = this.published.get(uri);
    if (last !== undefined && last > version) return;
    this.published.set(uri, version);
    this.publish(uri, version, diagnostics);
  }

  private failed(uri: string, error: unknown): void {
    this.log(`Diagnostics failed for ${uri}: ${(error as Error)?.stack ?? String(error)}`);
  }
}
