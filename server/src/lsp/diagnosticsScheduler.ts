import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Diagnostic } from 'vscode-languageserver-types';

/**
 * Publishes diagnostics for the newest version of each document only. A change is analysed on the
 * next turn of the event loop unless a newer version has already been received, so a burst of
 * edits costs one analysis, and a version older than one already published is never sent.
 */
export class DiagnosticsScheduler {
  private readonly pending = new Set<string>();
  private readonly published = new Map<string, number>();
  private timer: NodeJS.Immediate | undefined;

  constructor(
    private readonly document: (uri: string) => TextDocument | undefined,
    /** The newest version already received but perhaps not yet applied. */
    private readonly incoming: (uri: string) => number | undefined,
    private readonly compute: (document: TextDocument) => Diagnostic[],
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
  }

  private flush(): void {
    this.timer = undefined;
    const uris = [...this.pending];
    this.pending.clear();
    for (const uri of uris) {
      const document = this.document(uri);
      if (!document) continue;
      // A newer version is on its way: its own change will schedule it; this one is already stale.
      const incoming = this.incoming(uri);
      if (incoming !== undefined && incoming > document.version) continue;
      let diagnostics: Diagnostic[];
      try {
        diagnostics = this.compute(document);
      } catch (error) {
        this.log(`Diagnostics failed for ${uri}: ${(error as Error)?.stack ?? String(error)}`);
        continue;
      }
      // A newer version may have arrived while computing; then it is pending and this result is stale.
      const current = this.document(uri);
      if (!current || current.version !== document.version) continue;
      const last = this.published.get(uri);
      if (last !== undefined && last > document.version) continue;
      this.published.set(uri, document.version);
      this.publish(uri, document.version, diagnostics);
    }
  }
}
