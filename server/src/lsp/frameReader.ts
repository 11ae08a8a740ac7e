import { AbstractMessageReader, DataCallback, Disposable, Message } from 'vscode-languageserver/node';

const HEADER_END = '\r\n\r\n';
const CONTENT_LENGTH = 'content-length:';
const HEADER_LINE = /^([A-Za-z0-9-]+):[ \t]*(.*)$/;

/**
 * Reads LSP frames (`Content-Length: n\r\n\r\n<n bytes of JSON>`) from a stream. Unlike the
 * library's reader, a frame whose length does not match its body, or bytes that are no frame,
 * cost only that message: it is dropped, said, and reading resumes at the next header. (The
 * library's reader then stays one frame out of step and never answers again.)
 */
export class FrameReader extends AbstractMessageReader {
  private buffer: Buffer = Buffer.alloc(0);
  /** Chunks received after `buffer` while a body is incomplete: joined once it is all there, not at every chunk. */
  private pending: Buffer[] = [];
  private pendingLength = 0;
  /** The buffer length the incomplete frame needs, if known. */
  private needed = 0;

  constructor(
    private readonly stream: NodeJS.ReadableStream,
    private readonly warn: (message: string) => void,
  ) {
    super();
  }

  listen(callback: DataCallback): Disposable {
    const onData = (chunk: Buffer | string): void => {
      const bytes = typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : chunk;
      this.pending.push(bytes);
      this.pendingLength += bytes.length;
      if (this.buffer.length + this.pendingLength < this.needed) return;
      this.buffer = Buffer.concat([this.buffer, ...this.pending]);
      this.pending = [];
      this.pendingLength = 0;
      this.needed = 0;
      this.drain(callback);
    };
    const onError = (error: Error): void => this.fireError(error);
    const onClose = (): void => this.fireClose();
    this.stream.on('data', onData);
    this.stream.on('error', onError);
    this.stream.on('end', onClose);
    this.stream.on('close', onClose);
    return Disposable.create(() => {
      this.stream.off('data', onData);
      this.stream.off('error', onError);
      this.stream.off('end', onClose);
      this.stream.off('close', onClose);
    });
  }

  private drain(callback: DataCallback): void {
    for (;;) {
      const headerEnd = this.buffer.indexOf(HEADER_END, 0, 'latin1');
      if (headerEnd === -1) {
        // Bytes before any header start are not a frame; a header still arriving is kept.
        if (!this.startsLikeHeader()) this.resync('bytes that are no frame');
        return;
      }
      const length = contentLength(this.buffer.toString('latin1', 0, headerEnd));
      if (length === undefined) {
        if (!this.resync('a header without a valid Content-Length')) return;
        continue;
      }
      const bodyStart = headerEnd + HEADER_END.length;
      if (this.buffer.length < bodyStart + length) {
        this.needed = bodyStart + length;
        return;
      }
      const body = this.buffer.toString('utf8', bodyStart, bodyStart + length);
      let message: Message | undefined;
      try {
        message = JSON.parse(body) as Message;
      } catch {
        // The length was wrong (or the body is no JSON): what follows its header is searched for the next one.
        this.buffer = this.buffer.subarray(headerEnd);
        this.resync(`a message whose body (Content-Length ${length}) is not JSON`);
        continue;
      }
      this.buffer = this.buffer.subarray(bodyStart + length);
      callback(message);
    }
  }

  /** The buffer could be the start of a header (possibly still incomplete). */
  private startsLikeHeader(): boolean {
    const head = this.buffer.toString('latin1', 0, Math.min(this.buffer.length, CONTENT_LENGTH.length)).toLowerCase();
    return CONTENT_LENGTH.startsWith(head) || head.startsWith(CONTENT_LENGTH) || /^[A-Za-z0-9-]+(:|$)/.test(head);
  }

  /** Drops everything before the next `Content-Length:` after the first byte; false when there is none yet. */
  private resync(what: string): boolean {
    const text = this.buffer.toString('latin1').toLowerCase();
    const next = text.indexOf(CONTENT_LENGTH, 1);
    // Without a next header, the tail is kept: it may be the start of one cut by the chunking.
    const drop = next === -1 ? Math.max(0, this.buffer.length - (CONTENT_LENGTH.length - 1)) : next;
    if (drop > 0) this.warn(`Dropped ${drop} bytes from the client: ${what}.`);
    this.buffer = this.buffer.subarray(drop);
    return next !== -1;
  }
}

/** The Content-Length of a header block, undefined when a line is no header or the length is missing or no number. */
function contentLength(block: string): number | undefined {
  let length: number | undefined;
  for (const line of block.split('\r\n')) {
    const header = HEADER_LINE.exec(line);
    if (!header) return undefined;
    if (header[1]!.toLowerCase() === 'content-length') {
      if (!/^\d+$/.test(header[2]!.trim())) return undefined;
      length = Number(header[2]!.trim());
    }
  }
  return length;
}
