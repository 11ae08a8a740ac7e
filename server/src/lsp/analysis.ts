import type { CancellationToken } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Diagnostic } from 'vscode-languageserver-types';
import { URI } from 'vscode-uri';
import {
  analyze,
  checkAnalysable,
  DEFAULT_EFFECTIVE_CONFIG,
  hasSpecDeltaTitleAtHead,
  parseDocument,
  RULES,
  splitLines,
  WorkspaceIndex,
  type EffectiveConfig,
  type Rule,
  type SpecDeltaDocument,
} from '../core';
import type { DocumentStatus } from '$shared/protocol';
import { type AnalysisRequest, type AnalysisResult, AnalysisThreadLost } from './analysisJob';
import { type ModelView, currentView, viewThrough } from './lastModelView';
import { type TransferModel, fromTransfer } from './modelTransfer';

/** One version of one document, parsed once and read by every feature. */
export interface Analysis {
  readonly version: number;
  readonly doc: SpecDeltaDocument;
  readonly config: EffectiveConfig;
  readonly isSpecDelta: boolean;
  /** A spec delta too large or binary: the one diagnostic that says so, and nothing else is computed. */
  readonly refused: Diagnostic | undefined;
  diagnostics: Diagnostic[] | undefined;
}

/**
 * Where a document's settings come from: `.spec-delta.json` files on disk for the Node server,
 * the defaults in the browser, which has no file system of its own.
 */
export interface ConfigSource {
  /** The settings for one file; throws a ConfigError when its config cannot be used. */
  effective(file: string): EffectiveConfig;
  /** Whether the file's config lists it as a spec delta. */
  listsFile(file: string): boolean;
  invalidate(): void;
}

export interface AnalysisHost {
  log(message: string): void;
  /** A .spec-delta.json could not be used; said once per file and problem. */
  configError(message: string): void;
  /** The newest version of an open document applied so far. */
  currentVersion?(uri: string): number | undefined;
}

/**
 * Analyses large documents away from the thread that answers requests (analysisThread.ts): a
 * worker thread in Node, a nested worker in the web worker server. Injected, so that neither
 * bundle holds the other's kind of thread, and so that tests can give a thread of their own.
 */
export interface OffThreadAnalysis {
  /** False once it has been lost too often: analysis stays on the main thread. */
  readonly available: boolean;
  /** Documents at least this long (UTF-16 units) are analysed off the main thread. */
  readonly minLength: number;
  /** How long a request waits for the thread's model of a document before it answers without it. */
  readonly patienceMs: number;
  /** Whether the request must carry the definitions (the thread has an older state or none). */
  needsDefinitions(version: number): boolean;
  /** Rejects with AnalysisThreadLost when the thread went away before answering. */
  run(request: AnalysisRequest): Promise<AnalysisResult>;
  dispose(): void;
}

/** What a request on a document reads: a model and the diagnostics computed from it, both in the model's line numbers. */
export interface RequestModel {
  readonly view: ModelView;
  readonly config: EffectiveConfig;
  diagnostics(): Diagnostic[];
}

/** The newest model the analysis thread returned for a document, and the text it was parsed from. */
interface LastModel {
  readonly version: number;
  /** The text the model was parsed from: empty when the text was refused. */
  readonly text: string;
  readonly refused: boolean;
  readonly config: EffectiveConfig;
  readonly model: TransferModel;
  readonly diagnostics: Diagnostic[];
  readonly status: DocumentStatus;
  doc?: SpecDeltaDocument;
}

/**
 * What is kept of a document analysed on the thread, from its first version sent there until it
 * leaves (closed, or edited under the thread's limit) or the settings change: then all of it goes
 * at once, and a result sent under it is not kept in the next one.
 */
interface OnThread {
  /** Its newest model, even when a newer version came meanwhile. */
  last?: LastModel;
  /** The request model of its current version, made once for the requests on it. */
  view?: { version: number; last: LastModel; request: RequestModel };
  /** The thread's newest result, kept while it is current. */
  remote?: AnalysisResult;
  /** The version whose entry (its ids and their places) the workspace index holds. */
  indexed?: number;
}

/** A request waiting for a model of its document: any model (`version` undefined), or that of `version` with its index entry. */
interface Waiter {
  readonly version: number | undefined;
  resolve(last: LastModel | undefined): void;
}

const EMPTY_DOC = parseDocument('', '', 0);

/**
 * Parses each open document once per version (like VS Code's languageModelCache), keeps the
 * workspace index current with it, and computes diagnostics on demand for the newest version.
 */
export class AnalysisCache {
  private readonly cache = new Map<string, Analysis>();
  private readonly reportedRuleErrors = new Set<string>();
  /** The documents analysed on the thread. */
  private readonly onThread = new Map<string, OnThread>();
  /** Requests that came before the thread's first model of their document, or its model of their version. */
  private readonly waiting = new Map<string, Waiter[]>();
  rules: readonly Rule[] = RULES;

  constructor(
    readonly configs: ConfigSource,
    readonly index: WorkspaceIndex,
    private readonly host: AnalysisHost,
    private readonly thread?: OffThreadAnalysis,
  ) {}

  get(document: TextDocument): Analysis {
    const cached = this.cache.get(document.uri);
    if (cached && cached.version === document.version) return cached;
    const analysis = this.parse(document.uri, document.version, document.getText());
    this.cache.set(document.uri, analysis);
    this.index.set(analysis.doc, analysis.isSpecDelta, analysis.config.idPattern);
    return analysis;
  }

  /** Parses a text that is not open in the editor (workspace indexing). */
  parse(uri: string, version: number, text: string): Analysis {
    const config = this.configFor(uri);
    const refusal = checkAnalysable(text, config);
    const doc = refusal ? { ...EMPTY_DOC, uri, version } : parseDocument(text, uri, version, config);
    // Decided before the refusal is shown: other Markdown gets no diagnostics at all (SPEC section 1).
    const specDelta = this.isSpecDelta(refusal ? hasSpecDeltaTitleAtHead(text) : doc.hasSpecDeltaTitle, uri);
    return { version, doc, config, isSpecDelta: specDelta && !refusal, refused: specDelta ? refusal : undefined, diagnostics: undefined };
  }

  /**
   * The diagnostics of the document's current version: at once when known or cheap, else from
   * the analysis thread, which leaves the main thread free for requests meanwhile. Undefined
   * when the result came too late to be kept (the thread was lost, the definitions it was given
   * changed meanwhile, the configuration changed, or the document left the thread): the caller analyses again.
   */
  diagnosticsSoon(document: TextDocument): Diagnostic[] | Promise<Diagnostic[] | undefined> {
    const known = this.known(document);
    if (known) return known;
    const thread = this.thread;
    if (!thread || !this.offThread(document)) return this.diagnostics(document);
    const { uri, version } = document;
    const state = this.onThread.get(uri) ?? this.enterThread(uri);
    const definitionsVersion = this.index.definitionsVersion;
    const request = {
      uri,
      version,
      text: document.getText(),
      config: this.configFor(uri),
      matchesFiles: this.isSpecDelta(false, uri),
      definitionsVersion,
      definitions: thread.needsDefinitions(definitionsVersion) ? [...this.index.all()].flatMap((e) => (e.definition ? [e.definition] : [])) : undefined,
    };
    return thread.run(request).then(
      // The document left the thread (closed, edited under the limit; perhaps back over it since) or the settings
      // changed: what the result holds is older than the main thread's parse, or of the old settings. The caller
      // analyses again.
      (result) => (this.onThread.get(uri) === state ? this.received(state, result, request.text, request.config) : undefined),
      (error: Error) => {
        this.wake(uri, undefined);
        if (error instanceof AnalysisThreadLost) return undefined;
        throw error;
      },
    );
  }

  /**
   * The model a request reads. A document analysed on the thread is never parsed here for a
   * request (a 1 MB document takes 36 ms or more): it answers from the thread's last model, seen
   * through the edits since; before the thread's first model of it, it waits for that model at most
   * the thread's `patienceMs` (undefined: it did not come in time, the request was cancelled, the document closed
   * or left the thread, or the thread was lost).
   */
  requestModel(document: TextDocument, token?: CancellationToken): RequestModel | Promise<RequestModel | undefined> {
    if (!this.offThread(document)) {
      const analysis = this.get(document);
      return { view: currentView(analysis.doc), config: analysis.config, diagnostics: () => this.diagnostics(document) };
    }
    const last = this.onThread.get(document.uri)?.last;
    if (last) return this.requestOn(document, last);
    // Edits may come before the model does: the request's position is in the text it was asked on.
    const { version } = document;
    const text = document.getText();
    return this.wait(document.uri, undefined, token).then((found) => {
      if (!found) return undefined;
      return document.version === version ? this.requestOn(document, found) : this.requestThrough(version, text, found);
    });
  }

  /**
   * The model of the document's current version itself, for requests whose answers the view cannot
   * map (the index's places of the document's own ids, for definition and references) or whose
   * edits must land where the text is now: when the thread's last model is older, waits for its
   * analysis of this version and for the index to hold it, at most the thread's `patienceMs`. Undefined when it
   * did not come in time, the request was cancelled, the document changed or closed meanwhile, or
   * the thread was lost: the caller answers that the content changed, never from an older model.
   */
  currentModel(document: TextDocument, token?: CancellationToken): RequestModel | undefined | Promise<RequestModel | undefined> {
    if (!this.offThread(document)) return this.requestModel(document, token);
    const { uri, version } = document;
    const ready = this.readyAt(uri, version);
    if (ready) return this.requestOn(document, ready);
    return this.wait(uri, version, token).then((last) =>
      last && document.version === version && this.onThread.get(uri)?.last === last ? this.requestOn(document, last) : undefined,
    );
  }

  /**
   * Waits for a model of the document (any, when `version` is undefined), at most the thread's `patienceMs` and
   * until the request is cancelled: a request never waits for ever on a thread that is slow or holds
   * a version back. Undefined when the model did not come, or none is coming.
   */
  private wait(uri: string, version: number | undefined, token: CancellationToken | undefined): Promise<LastModel | undefined> {
    if (token?.isCancellationRequested) return Promise.resolve(undefined);
    return new Promise<LastModel | undefined>((resolve) => {
      // Called only later (a result, the timer, the cancellation), when the constants below are set.
      const waiter: Waiter = {
        version,
        resolve: (last) => {
          clearTimeout(timer);
          cancelled?.dispose();
          resolve(last);
        },
      };
      this.enqueue(uri, waiter);
      // Without a thread no model comes: nothing to wait for.
      const timer = setTimeout(() => this.answer(uri, undefined, (w) => w === waiter), this.thread?.patienceMs ?? 0);
      const cancelled = token?.onCancellationRequested(() => this.answer(uri, undefined, (w) => w === waiter));
    });
  }

  /** The last model, when it is of this version and the index holds the document's entry from it. */
  private readyAt(uri: string, version: number): LastModel | undefined {
    const state = this.onThread.get(uri);
    return state?.last?.version === version && state.indexed === version ? state.last : undefined;
  }

  private enqueue(uri: string, waiter: Waiter): void {
    const list = this.waiting.get(uri);
    if (list) list.push(waiter);
    else this.waiting.set(uri, [waiter]);
  }

  /** The thread's last model and status of a document analysed there, without parsing it here. */
  lastAnalysed(document: TextDocument): { doc: SpecDeltaDocument; status: DocumentStatus } | undefined {
    const last = this.offThread(document) ? this.onThread.get(document.uri)?.last : undefined;
    return last && { doc: this.modelOf(last), status: last.status };
  }

  private requestOn(document: TextDocument, last: LastModel): RequestModel {
    const state = this.onThread.get(document.uri);
    const made = state?.view;
    if (made?.version === document.version && made.last === last) return made.request;
    const request = this.requestThrough(document.version, document.getText(), last);
    if (state) state.view = { version: document.version, last, request };
    return request;
  }

  /** The request model of version `version` of a document, whose text is `text`, read from its last model. */
  private requestThrough(version: number, text: string, last: LastModel): RequestModel {
    const doc = this.modelOf(last);
    // A refused text has the empty model: nothing in it to map.
    const view = last.version === version || last.refused ? currentView(doc) : viewThrough(doc, splitLines(text));
    return { view, config: last.config, diagnostics: () => last.diagnostics };
  }

  private modelOf(last: LastModel): SpecDeltaDocument {
    return (last.doc ??= fromTransfer(last.model, splitLines(last.text)));
  }

  private keep(state: OnThread, result: AnalysisResult, text: string, config: EffectiveConfig): void {
    if (state.last && state.last.version > result.version) return;
    const { version, model, diagnostics, status, refused } = result;
    const last = { version, text: refused ? '' : text, refused, config, model, diagnostics, status };
    state.last = last;
    this.wake(result.uri, last);
  }

  /** Answers the waiters the model satisfies or leaves behind; with none (the document closed, the thread was lost), all of them. */
  private wake(uri: string, last: LastModel | undefined): void {
    // A waiter for an older version is answered too: its version will not be analysed now, and it says so.
    this.answer(uri, last, (w) => !last || w.version === undefined || w.version < last.version || this.readyAt(uri, w.version) === last);
  }

  /** Answers the document's waiters that `picked` chooses with `last`, and forgets them: the one place a waiter leaves the queue. */
  private answer(uri: string, last: LastModel | undefined, picked: (waiter: Waiter) => boolean): void {
    const list = this.waiting.get(uri);
    if (!list) return;
    const woken = list.filter(picked);
    if (woken.length === 0) return;
    const left = list.filter((w) => !woken.includes(w));
    if (left.length > 0) this.waiting.set(uri, left);
    else this.waiting.delete(uri);
    for (const waiter of woken) waiter.resolve(last);
  }

  /**
   * A new version of an open document: parsed here unless it is analysed on the thread. What the
   * thread left of it is dropped when it is not (it was edited under the limit): up to a megabyte
   * of text and its model, and the model requests would read again were it to grow back.
   */
  changed(document: TextDocument): void {
    if (this.offThread(document)) return;
    this.leaveThread(document.uri);
    this.get(document);
  }

  /** The document is analysed on the analysis thread, not parsed on the main thread as it changes. */
  offThread(document: TextDocument): boolean {
    // Tests that inject rules run them on the main thread, where they were given.
    return !!this.thread?.available && this.rules === RULES && document.getText().length >= this.thread.minLength;
  }

  /** The analysis thread's result for the current version, if there is one. */
  status(document: TextDocument): DocumentStatus | undefined {
    const remote = this.onThread.get(document.uri)?.remote;
    return remote?.version === document.version ? remote.status : undefined;
  }

  private known(document: TextDocument): Diagnostic[] | undefined {
    const remote = this.onThread.get(document.uri)?.remote;
    if (remote?.version === document.version) return remote.diagnostics;
    const cached = this.cache.get(document.uri);
    return cached?.version === document.version ? cached.diagnostics : undefined;
  }

  private received(state: OnThread, result: AnalysisResult, text: string, config: EffectiveConfig): Diagnostic[] | undefined {
    for (const failed of result.ruleErrors) this.ruleFailed(failed, result.uri, failed.error);
    // Superseded or not, it is the newest model requests can read.
    this.keep(state, result, text, config);
    // Superseded: the scheduler drops it; the newer version is on its way to the thread.
    if (this.host.currentVersion && this.host.currentVersion(result.uri) !== result.version) return result.diagnostics;
    // Another document started or stopped defining an id meanwhile: cross-document findings may be wrong.
    if (this.index.definitionsVersion !== result.definitionsVersion) return undefined;
    state.remote = result;
    this.index.put(result.entry);
    state.indexed = result.version;
    if (state.last?.version === result.version) this.wake(result.uri, state.last);
    return result.diagnostics;
  }

  diagnostics(document: TextDocument): Diagnostic[] {
    const remote = this.onThread.get(document.uri)?.remote;
    if (remote?.version === document.version) return remote.diagnostics;
    const analysis = this.get(document);
    if (analysis.diagnostics) return analysis.diagnostics;
    if (analysis.refused) return (analysis.diagnostics = [analysis.refused]);
    if (!analysis.isSpecDelta) return (analysis.diagnostics = []);
    analysis.diagnostics = analyze(analysis.doc, {
      config: analysis.config,
      workspace: this.index,
      rules: this.rules,
      onRuleError: (rule, error) => this.ruleFailed(rule, document.uri, (error as Error)?.stack ?? String(error)),
    });
    return analysis.diagnostics;
  }

  /**
   * Cross-document results (duplicate ids) may have changed: recompute diagnostics when next asked,
   * except for the document `except`, whose analysis already counted the change (it made it).
   */
  invalidateDiagnostics(except?: string): void {
    for (const [uri, state] of this.onThread) if (uri !== except) state.remote = undefined;
    for (const [uri, analysis] of this.cache) if (uri !== except) analysis.diagnostics = undefined;
  }

  /**
   * Configuration changed: parse everything again when next asked; what the thread kept goes, and
   * the results in flight for it are not kept (diagnosticsSoon). Requests waiting for the model
   * of a version (currentModel) are answered now, as if the content changed: what they wait for is
   * analysed again, under the new settings, behind a re-indexing of the workspace that can take
   * longer than they wait. Requests waiting for any model get the first one under the new settings.
   */
  clear(): void {
    for (const uri of [...this.waiting.keys()]) this.answer(uri, undefined, (w) => w.version !== undefined);
    this.cache.clear();
    this.onThread.clear();
  }

  close(uri: string): void {
    this.cache.delete(uri);
    this.leaveThread(uri);
  }

  private enterThread(uri: string): OnThread {
    const state: OnThread = {};
    this.onThread.set(uri, state);
    return state;
  }

  /** Drops what the thread left of a document; the requests waiting for its model are answered that none is coming. */
  private leaveThread(uri: string): void {
    this.onThread.delete(uri);
    this.wake(uri, undefined);
  }

  dispose(): void {
    this.thread?.dispose();
  }

  private ruleFailed(rule: { code: string; name: string }, uri: string, error: string): void {
    const key = `${rule.code}\u0000${uri}`;
    if (this.reportedRuleErrors.has(key)) return;
    this.reportedRuleErrors.add(key);
    this.host.log(`Rule ${rule.code} (${rule.name}) failed on ${uri}; its findings are left out: ${error}`);
  }

  private configFor(uri: string): EffectiveConfig {
    const file = fsPath(uri);
    if (!file) return DEFAULT_EFFECTIVE_CONFIG;
    try {
      return this.configs.effective(file);
    } catch (error) {
      this.host.configError((error as Error).message);
      return DEFAULT_EFFECTIVE_CONFIG;
    }
  }

  private isSpecDelta(hasSpecDeltaTitle: boolean, uri: string): boolean {
    if (hasSpecDeltaTitle) return true;
    const file = fsPath(uri);
    if (!file) return false;
    try {
      return this.configs.listsFile(file);
    } catch {
      return false;
    }
  }
}

/** The file path of a file: uri, else undefined (untitled documents). */
export function fsPath(uri: string): string | undefined {
  try {
    const parsed = URI.parse(uri);
    return parsed.scheme === 'file' ? parsed.fsPath : undefined;
  } catch {
    return undefined;
  }
}
