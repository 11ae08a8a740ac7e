import type { DataCallback, Disposable, Event, Message, MessageReader, PartialMessageInfo } from 'vscode-languageserver/node';

/**
 * Wraps the connection's reader to see each didChange as soon as it is read, before the
 * connection gets round to applying it. The diagnostics scheduler asks it whether a newer version
 * of a document is already on its way: then analysing the current one would be wasted work, and
 * a burst of edits costs one analysis instead of one per keystroke.
 */
export class VersionTracker implements MessageReader {
  private readonly received = new Map<string, number>();

  constructor(private readonly inner: MessageReader) {}

  /** The newest version of a document seen on the wire, if any. */
  latest(uri: string): number | undefined {
    return this.received.get(uri);
  }

  forget(uri: string): void {
    this.received.delete(uri);
  }

  get onError(): Event<Error> {
    return this.inner.onError;
  }

  get onClose(): Event<void> {
    return this.inner.onClose;
  }

  get onPartialMessage(): Event<PartialMessageInfo> {
    return this.inner.onPartialMessage;
  }

  listen(callback: DataCallback): Disposable {
    return this.inner.listen((message: Message) => {
      const m = message as { method?: string; params?: { textDocument?: { uri?: string; version?: number }; contentChanges?: unknown[] } };
      // A change with no content changes (LSP allows it) never reaches the document store, so it
      // would never schedule its version: counted as on its way, it would hide the one before it.
      const changesText = m.method === 'textDocument/didChange' && Array.isArray(m.params?.contentChanges) && m.params.contentChanges.length > 0;
      if (changesText || m.method === 'textDocument/didOpen') {
        const doc = m.params?.textDocument;
        if (typeof doc?.uri === 'string' && typeof doc.version === 'number') this.received.set(doc.uri, doc.version);
      }
      callback(message);
    });
  }

  dispose(): void {
    this.inner.dispose();
  }
}
