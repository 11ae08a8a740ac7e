import { ChildProcess, spawn } from 'node:child_process';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { type CancellationToken, MessageConnection, StreamMessageReader, StreamMessageWriter, createMessageConnection } from 'vscode-jsonrpc/node';
import type {
  ApplyWorkspaceEditParams,
  ClientCapabilities,
  Diagnostic,
  InitializeResult,
  PublishDiagnosticsParams,
  Range,
  TextEdit,
} from 'vscode-languageserver-protocol';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { ROOT } from './repo';

/** What an editor that supports everything the server offers announces. */
export const FULL_CAPABILITIES: ClientCapabilities = {
  workspace: {
    didChangeConfiguration: { dynamicRegistration: true },
    didChangeWatchedFiles: { dynamicRegistration: true },
    workspaceFolders: true,
    applyEdit: true,
    workspaceEdit: { documentChanges: true },
  },
  window: { workDoneProgress: true },
  textDocument: { publishDiagnostics: { versionSupport: true }, completion: { completionItem: { snippetSupport: true } } },
};

/**
 * A minimal LSP client for protocol tests: starts the real bundled server over stdio and speaks
 * JSON-RPC to it as an editor would. It keeps its own copy of every open document (applying the
 * same incremental changes it sends), so that a test can compare the server's view with a fresh
 * open of the same text.
 */
export class LspClient {
  readonly connection: MessageConnection;
  private readonly process: ChildProcess;
  readonly published: PublishDiagnosticsParams[] = [];
  readonly logs: string[] = [];
  readonly notifications: { method: string; params: unknown }[] = [];
  readonly appliedEdits: ApplyWorkspaceEditParams[] = [];
  /** client/registerCapability: the methods the server registered dynamically. */
  readonly registrations: string[] = [];
  /** window/showMessageRequest: what the user would see in a notification. */
  readonly shownMessages: { type: number; message: string }[] = [];
  private readonly waiters: { test: (p: PublishDiagnosticsParams) => boolean; resolve: (p: PublishDiagnosticsParams) => void }[] = [];
  private readonly documents = new Map<string, TextDocument>();
  private exited = false;
  /** Resolves with the exit code when the server process ends. */
  readonly exit: Promise<number | null>;
  stderr = '';

  constructor(env: NodeJS.ProcessEnv = {}) {
    this.process = spawn(process.execPath, [path.join(ROOT, 'dist/server.js'), '--stdio'], {
      stdio: ['pipe', 'pipe', 'pipe'],
      env: { ...process.env, ...env },
    });
    this.exit = new Promise((resolve) =>
      this.process.on('exit', (code) => {
        this.exited = true;
        resolve(code);
      }),
    );
    this.process.stderr!.on('data', (d) => (this.stderr += d));
    this.connection = createMessageConnection(new StreamMessageReader(this.process.stdout!), new StreamMessageWriter(this.process.stdin!));
    this.connection.onNotification('textDocument/publishDiagnostics', (p: PublishDiagnosticsParams) => {
      this.published.push(p);
      for (const w of [...this.waiters]) {
        if (w.test(p)) {
          this.waiters.splice(this.waiters.indexOf(w), 1);
          w.resolve(p);
        }
      }
    });
    this.connection.onNotification('window/logMessage', (p: { message: string }) => void this.logs.push(p.message));
    this.connection.onNotification((method, params) => void this.notifications.push({ method, params }));
    this.connection.onRequest('window/workDoneProgress/create', () => null);
    this.connection.onRequest('client/registerCapability', (p: { registrations: { method: string }[] }) => {
      this.registrations.push(...p.registrations.map((r) => r.method));
      return null;
    });
    this.connection.onRequest('workspace/configuration', () => []);
    this.connection.onRequest('window/showMessageRequest', (p: { type: number; message: string }) => {
      this.shownMessages.push(p);
      return null;
    });
    this.connection.onRequest('workspace/applyEdit', (p: ApplyWorkspaceEditParams) => {
      this.appliedEdits.push(p);
      return { applied: true };
    });
    this.connection.listen();
  }

  /** Initializes as an editor that supports everything and asks for the custom notifications, unless told otherwise. */
  async initialize(
    folders: string[] = [],
    capabilities: ClientCapabilities = FULL_CAPABILITIES,
    initializationOptions: unknown = { notifications: true },
  ): Promise<InitializeResult> {
    const result = await this.connection.sendRequest<InitializeResult>('initialize', {
      processId: process.pid,
      rootUri: folders[0] ? pathToFileURL(folders[0]).href : null,
      workspaceFolders: folders.map((f) => ({ uri: pathToFileURL(f).href, name: path.basename(f) })),
      capabilities,
      initializationOptions,
    });
    await this.connection.sendNotification('initialized', {});
    return result;
  }

  /** Initializes with the folders and waits until the server has indexed them. */
  async start(folders: string[] = []): Promise<this> {
    await this.initialize(folders);
    await this.waitForLog(/Indexed \d+ Markdown files/);
    return this;
  }

  /** Waits until the server logs a line matching the pattern, counting only lines from `since` on. */
  async waitForLog(pattern: RegExp, since = 0, timeoutMs = 10000): Promise<string> {
    return this.poll(
      () => this.logs.slice(since).find((l) => pattern.test(l)),
      timeoutMs,
      () => `no log line matching ${pattern}; logs:\n${this.logs.join('\n')}`,
    );
  }

  open(uri: string, text: string, version = 1): void {
    this.documents.set(uri, TextDocument.create(uri, 'markdown', version, text));
    void this.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'markdown', version, text } });
  }

  /** Sends incremental changes (not awaited, as an editor does while typing); returns the new version. */
  change(uri: string, range: Range, text: string): number {
    return this.changeMany(uri, [{ range, newText: text }]);
  }

  /** Several changes in one didChange, each against the text left by the one before. */
  changeMany(uri: string, edits: readonly TextEdit[]): number {
    const document = this.documents.get(uri);
    if (!document) throw new Error(`${uri} is not open`);
    const version = document.version + 1;
    const contentChanges = edits.map((e) => ({ range: e.range, text: e.newText }));
    this.documents.set(uri, TextDocument.update(document, contentChanges, version));
    void this.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges });
    return version;
  }

  /**
   * Applies the edits of a WorkspaceEdit (all relative to the current text) as an editor does: one
   * didChange whose changes run from the end of the document up, so that each range still holds.
   */
  applyEdits(uri: string, edits: readonly TextEdit[]): number {
    const byPositionDescending = [...edits].sort((a, b) => b.range.start.line - a.range.start.line || b.range.start.character - a.range.start.character);
    return this.changeMany(uri, byPositionDescending);
  }

  close(uri: string): void {
    this.documents.delete(uri);
    void this.connection.sendNotification('textDocument/didClose', { textDocument: { uri } });
  }

  /** The client's copy of an open document's text. */
  text(uri: string): string {
    const document = this.documents.get(uri);
    if (!document) throw new Error(`${uri} is not open`);
    return document.getText();
  }

  version(uri: string): number {
    return this.documents.get(uri)?.version ?? 0;
  }

  /** The diagnostics published for a uri and version (waiting for them when not there yet). */
  diagnostics(uri: string, version?: number, timeoutMs = 10000): Promise<Diagnostic[]> {
    const existing = [...this.published].reverse().find((p) => p.uri === uri && (version === undefined || p.version === version));
    if (existing && version !== undefined) return Promise.resolve(existing.diagnostics);
    return this.nextDiagnostics(uri, () => true, version, timeoutMs);
  }

  /** The first diagnostics published from now on for a uri (and version) that satisfy `test`. */
  nextDiagnostics(uri: string, test: (d: Diagnostic[]) => boolean, version?: number, timeoutMs = 10000): Promise<Diagnostic[]> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`no matching diagnostics for ${uri}@${version ?? 'any'}; last: ${JSON.stringify(this.lastPublished(uri))}`)),
        timeoutMs,
      );
      this.waiters.push({
        test: (p) => p.uri === uri && (version === undefined || p.version === version) && test(p.diagnostics),
        resolve: (p) => {
          clearTimeout(timer);
          resolve(p.diagnostics);
        },
      });
    });
  }

  /** The last diagnostics published for a uri, or the latest ones that satisfy `test` already published. */
  async diagnosticsWhere(uri: string, test: (d: Diagnostic[]) => boolean, timeoutMs = 10000): Promise<Diagnostic[]> {
    const last = this.lastPublished(uri);
    if (last && test(last.diagnostics)) return last.diagnostics;
    return this.nextDiagnostics(uri, test, undefined, timeoutMs);
  }

  lastPublished(uri: string): PublishDiagnosticsParams | undefined {
    return [...this.published].reverse().find((p) => p.uri === uri);
  }

  /** With a token, cancelling it sends `$/cancelRequest`; the promise still settles with the server's answer. */
  request<R>(method: string, params?: unknown, token?: CancellationToken): Promise<R> {
    if (token) return this.connection.sendRequest<R>(method, params, token);
    return params === undefined ? this.connection.sendRequest<R>(method) : this.connection.sendRequest<R>(method, params);
  }

  notify(method: string, params: unknown): void {
    void this.connection.sendNotification(method, params);
  }

  /** Writes bytes to the server's stdin as they are, bypassing the JSON-RPC framing (malformed frames). */
  writeRaw(bytes: string | Buffer): void {
    this.process.stdin!.write(bytes);
  }

  /** Ends the server's stdin once every message sent so far is written, as an editor that quits (or crashes) does. */
  async endInput(): Promise<void> {
    // Messages are written in order: once this one is, every earlier one is too ($/ methods may be ignored).
    await this.connection.sendNotification('$/flush');
    this.process.stdin!.end();
  }

  /** The process runs and answers a request. */
  async isAlive(): Promise<boolean> {
    if (this.exited || this.process.exitCode !== null) return false;
    const answer = await Promise.race([this.request('specDelta/nextFreeId', {}).then(() => true), delay(3000).then(() => false)]);
    return answer && !this.exited;
  }

  /** Shuts the server down as an editor does: shutdown, exit, and the process ends by itself. */
  async stop(): Promise<void> {
    if (!this.exited) {
      await Promise.race([this.connection.sendRequest('shutdown').catch(() => undefined), delay(2000)]);
      await this.connection.sendNotification('exit').catch(() => undefined);
      await Promise.race([this.exit, delay(2000)]);
    }
    this.connection.dispose();
    if (!this.exited) this.process.kill();
  }

  private async poll<T>(find: () => T | undefined, timeoutMs: number, describe: () => string): Promise<T> {
    const started = Date.now();
    for (;;) {
      const found = find();
      if (found !== undefined) return found;
      if (Date.now() - started > timeoutMs) throw new Error(describe());
      await delay(5);
    }
  }
}

/** A timer that never keeps the test process alive. */
export function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms).unref());
}
