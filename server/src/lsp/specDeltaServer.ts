import {
  CancellationToken,
  CodeAction,
  CodeActionContext,
  CodeActionKind,
  CompletionItem,
  Connection,
  DidChangeConfigurationNotification,
  DidChangeWatchedFilesNotification,
  Diagnostic,
  DocumentLink,
  FileChangeType,
  InitializeParams,
  InitializeResult,
  LSPErrorCodes,
  Position,
  Range,
  ResponseError,
  TextDocumentSyncKind,
  TextDocuments,
  WorkspaceEdit,
} from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import {
  CONFIG_FILE_NAME,
  DEFAULT_ID_PATTERN,
  DEFAULT_ID_PREFIX,
  documentStatus,
  FIX_ALL_KIND,
  getCodeActions,
  getCompletions,
  getDefinition,
  getHover,
  getReferences,
  implementationPrLinks,
  localDate,
  missingSectionEdits,
  prepareRename,
  rename,
  stripBom,
  workspaceEntry,
  WorkspaceIndex,
  type IndexEntry,
} from '../core';
import {
  CatalogRequest,
  DocumentStatus,
  DocumentStatusChangedNotification,
  DocumentStatusRequest,
  INSERT_MISSING_SECTIONS_COMMAND,
  InsertMissingSectionsResult,
  InitializationOptions,
  NextFreeIdRequest,
  WorkspaceChangedNotification,
  WorkspaceCatalog,
  WorkspaceCatalogEntry,
  WorkspaceEntry,
  WorkspaceStatusRequest,
} from '$shared/protocol';
import { AnalysisCache, type RequestModel } from './analysis';
import { withoutData } from './analysisJob';
import { DiagnosticsScheduler } from './diagnosticsScheduler';
import { VersionTracker } from './versionTracker';
import type { ServerEdges } from './serverEdges';
import type { WorkspaceSource } from './workspaceSource';
import { workspaceCatalog, workspaceCatalogEntry } from './workspaceCatalog';

/** One spec delta as the tree and the catalogue see it, made from one analysis. */
interface WorkspaceRecord {
  readonly entry: WorkspaceEntry;
  readonly catalog: WorkspaceCatalogEntry;
}

/**
 * The LSP wiring: every handler is a thin call into the pure language service over the one
 * parsed model of the newest version. No handler lets an exception escape: a failure is logged
 * and answered with an empty result.
 */
export class SpecDeltaServer {
  private readonly documents = new TextDocuments(TextDocument);
  private readonly index = new WorkspaceIndex(DEFAULT_ID_PATTERN);
  private readonly analysis: AnalysisCache;
  private readonly indexer: WorkspaceSource;
  private readonly scheduler: DiagnosticsScheduler;
  private readonly reportedConfigErrors = new Set<string>();
  private readonly workspaceEntries = new Map<string, WorkspaceRecord>();
  private folders: string[] = [];
  private workspaceChangeTimer: NodeJS.Timeout | undefined;
  private lastDefinitions = 0;
  private supportsDynamicWatchers = false;
  /** A shutdown request came: ending now is orderly (exit code 0). */
  shutdownReceived = false;
  private supportsDynamicConfiguration = false;
  /** The client resolves code actions' edits (codeAction/resolve) when one is chosen. */
  private supportsActionResolve = false;
  /** The edits of the code actions last offered, by the id their action carries, until resolved. */
  private readonly deferredEdits = new Map<string, { uri: string; version: number; edit: WorkspaceEdit }>();
  private deferredIds = 0;
  /** The client asked for the specDelta/* notifications (initializationOptions.notifications). */
  private wantsNotifications = false;
  private supportsSnippets = false;
  private supportsWorkspaceFolders = false;

  constructor(
    private readonly connection: Connection,
    private readonly edges: ServerEdges,
    private readonly versions?: VersionTracker,
  ) {
    this.analysis = new AnalysisCache(
      edges.configs,
      this.index,
      {
        log: (m) => this.log(m),
        configError: (m) => this.configError(m),
        currentVersion: (uri) => this.documents.get(uri)?.version,
      },
      edges.offThread?.((m) => this.log(m)),
    );
    this.indexer = edges.workspace(this.analysis, (m) => this.log(m));
    this.scheduler = new DiagnosticsScheduler(
      (uri) => this.documents.get(uri),
      (uri) => this.versions?.latest(uri),
      (document) => this.diagnosticsSoon(document),
      (uri, version, diagnostics) => {
        // The fixes stay here: code actions look them up, so that every publish is not whole sections long.
        this.send(() => connection.sendDiagnostics({ uri, version, diagnostics: diagnostics.map(withoutData) }));
        const document = this.documents.get(uri);
        if (this.wantsNotifications && document && document.version === version)
          this.send(() => connection.sendNotification(DocumentStatusChangedNotification, this.statusOf(document)));
      },
      (m) => this.log(m),
    );
  }

  /** The workspace source changed the index outside a request (fed files): diagnostics and the tree follow. */
  indexChanged(): void {
    this.workspaceEntries.clear();
    this.workspaceChanged();
  }

  /** The analysis cache, for tests that inject failing rules. */
  get cache(): AnalysisCache {
    return this.analysis;
  }

  listen(): void {
    const c = this.connection;
    c.onInitialize((params) => this.initialize(params));
    c.onInitialized(() => void this.initialized());
    c.onShutdown(() => {
      this.shutdownReceived = true;
    });
    this.documents.onDidOpen((e) => {
      this.indexer.setOpen(e.document.uri, true);
      this.afterChange(e.document);
    });
    this.documents.onDidChangeContent((e) => this.afterChange(e.document));
    this.documents.onDidClose((e) => {
      this.indexer.setOpen(e.document.uri, false);
      this.analysis.close(e.document.uri);
      this.scheduler.forget(e.document.uri);
      this.versions?.forget(e.document.uri);
      this.send(() => c.sendDiagnostics({ uri: e.document.uri, diagnostics: [] }));
      // Back to what is on disk.
      void this.indexer.indexFile(e.document.uri).then(() => this.workspaceChanged());
    });
    c.onCompletion((p, token) => this.guard('completion', [], () => this.completion(p.textDocument.uri, p.position, token)));
    c.onCodeAction((p, token) => this.guard('codeAction', [], () => this.codeActions(p.textDocument.uri, p.range, p.context, token)));
    c.onCodeActionResolve((action) => this.guard('codeActionResolve', action, () => this.resolveEdit(action)));
    c.onHover((p, token) =>
      this.guard('hover', null, () =>
        this.atPosition(p.textDocument.uri, p.position, token, null, ({ view }, at) => {
          const hover = getHover(view.doc, at, this.index);
          const range = hover?.range && view.rangeToCurrent(hover.range);
          return hover && range ? { ...hover, range } : null;
        }),
      ),
    );
    // The index holds the document's own ids where its last analysis found them: answered from the current version's.
    c.onDefinition((p, token) =>
      this.guard('definition', [], () => this.atCurrent(p.textDocument.uri, p.position, token, [], ({ view }, at) => getDefinition(view.doc, at, this.index))),
    );
    c.onReferences((p, token) =>
      this.guard('references', [], () =>
        this.atCurrent(p.textDocument.uri, p.position, token, [], ({ view }, at) => getReferences(view.doc, at, this.index, p.context.includeDeclaration)),
      ),
    );
    c.onPrepareRename((p, token) =>
      this.guard('prepareRename', null, () =>
        this.atPosition(p.textDocument.uri, p.position, token, null, ({ view }, at) => {
          const found = prepareRename(view.doc, at);
          const range = found && view.rangeToCurrent(found.range);
          return found && range ? { ...found, range } : null;
        }),
      ),
    );
    c.onRenameRequest((p, token) =>
      this.guard('rename', null, () =>
        // As definition: with text typed since the last analysis, the index's places of the ids may have moved.
        this.atCurrent(p.textDocument.uri, p.position, token, null, ({ view, config }, at) => {
          try {
            return rename(view.doc, at, p.newName, this.index, config.idPattern);
          } catch (error) {
            // RequestFailed: the request was understood but the new name is not a valid id.
            return new ResponseError<void>(LSPErrorCodes.RequestFailed, (error as Error).message);
          }
        }),
      ),
    );
    c.onDocumentLinks((p, token) =>
      this.guard('documentLinks', [], () =>
        this.withModel(p.textDocument.uri, token, [] as DocumentLink[], ({ view }) =>
          implementationPrLinks(view.doc).flatMap((l) => {
            const range = view.rangeToCurrent(l.range);
            return range ? [{ range, target: l.target, tooltip: 'Open the implementation PR' }] : [];
          }),
        ),
      ),
    );
    c.onExecuteCommand((p, token) => this.guard('executeCommand', null, () => this.executeCommand(p.command, p.arguments ?? [], token)));
    c.onDidChangeWatchedFiles((p) => this.guard('watchedFiles', undefined, () => this.filesChanged(p.changes)));
    c.onDidChangeConfiguration(() => this.guard('configuration', undefined, () => this.revalidateAll()));
    c.onRequest(NextFreeIdRequest, () => ({ id: this.index.nextFreeId(DEFAULT_ID_PREFIX) }));
    c.onRequest(DocumentStatusRequest, (p) => this.guard('documentStatus', null, () => this.documentStatusOf(p.uri)));
    c.onRequest(WorkspaceStatusRequest, () => this.guard('workspaceStatus', [], () => this.workspaceStatus()));
    c.onRequest(CatalogRequest, () => this.guard('catalog', { version: 1, invariants: [] }, () => this.catalog()));
    this.documents.listen(c);
    c.listen();
  }

  private initialize(params: InitializeParams): InitializeResult {
    this.folders = (params.workspaceFolders ?? []).map((f) => f.uri);
    if (this.folders.length === 0 && params.rootUri) this.folders = [params.rootUri];
    this.supportsDynamicWatchers = params.capabilities.workspace?.didChangeWatchedFiles?.dynamicRegistration === true;
    this.supportsActionResolve = params.capabilities.textDocument?.codeAction?.resolveSupport?.properties.includes('edit') === true;
    this.supportsDynamicConfiguration = params.capabilities.workspace?.didChangeConfiguration?.dynamicRegistration === true;
    const options = (params.initializationOptions ?? undefined) as InitializationOptions | undefined;
    this.wantsNotifications = options?.notifications === true;
    this.edges.initialize?.(options);
    this.supportsSnippets = params.capabilities.textDocument?.completion?.completionItem?.snippetSupport === true;
    this.supportsWorkspaceFolders = params.capabilities.workspace?.workspaceFolders === true;
    return {
      capabilities: {
        textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental },
        completionProvider: { triggerCharacters: [' ', '-', '#', '|', ':'] },
        codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, FIX_ALL_KIND], resolveProvider: true },
        hoverProvider: true,
        definitionProvider: true,
        referencesProvider: true,
        renameProvider: { prepareProvider: true },
        documentLinkProvider: { resolveProvider: false },
        executeCommandProvider: { commands: [INSERT_MISSING_SECTIONS_COMMAND] },
        workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
      },
      serverInfo: { name: 'spec-delta-language-server', version: typeof SPEC_DELTA_VERSION === 'string' ? SPEC_DELTA_VERSION : '0.0.0' },
    };
  }

  private async initialized(): Promise<void> {
    // A client that did not declare dynamic registration of a capability rejects (or warns about) its registration.
    if (this.supportsDynamicConfiguration) await this.connection.client.register(DidChangeConfigurationNotification.type, undefined).catch(() => undefined);
    if (this.supportsDynamicWatchers) {
      await this.connection.client
        .register(DidChangeWatchedFilesNotification.type, { watchers: [{ globPattern: '**/*.md' }, { globPattern: `**/${CONFIG_FILE_NAME}` }] })
        .catch((e) => this.log(`Cannot watch files: ${e}`));
    }
    // The library throws when a client that never announced workspace folders is asked for their changes.
    if (this.supportsWorkspaceFolders) {
      this.connection.workspace.onDidChangeWorkspaceFolders((e) => {
        this.folders = this.folders.filter((f) => !e.removed.some((r) => r.uri === f)).concat(e.added.map((a) => a.uri));
        for (const removed of e.removed) for (const entry of [...this.index.all()]) if (entry.uri.startsWith(removed.uri + '/')) this.index.delete(entry.uri);
        void this.indexWorkspace();
      });
    }
    await this.indexWorkspace();
  }

  private async indexWorkspace(): Promise<void> {
    const started = Date.now();
    const progress = await this.connection.window.createWorkDoneProgress().catch(() => undefined);
    const count = await this.indexer.indexFolders(this.folders, {
      begin: (total) => progress?.begin('Indexing spec deltas', 0, `0/${total}`, false),
      report: (done, total) => progress?.report(Math.round((done / Math.max(1, total)) * 100), `${done}/${total}`),
      done: () => progress?.done(),
    });
    this.log(`Indexed ${count} Markdown files (${[...this.index.all()].filter((e) => e.isSpecDelta).length} spec deltas) in ${Date.now() - started} ms.`);
    this.workspaceChanged();
  }

  /** A result from the analysis thread also re-indexed its document. */
  private diagnosticsSoon(document: TextDocument): Diagnostic[] | Promise<Diagnostic[] | undefined> {
    const diagnostics = this.analysis.diagnosticsSoon(document);
    if (Array.isArray(diagnostics)) return diagnostics;
    const uri = document.uri;
    return diagnostics.then((later) => {
      this.workspaceEntries.delete(uri);
      // Its own diagnostics already count its new definition: only the others are analysed again.
      this.workspaceChanged(later ? uri : undefined);
      return later;
    });
  }

  private afterChange(document: TextDocument): void {
    // A large document is parsed on the analysis thread, which indexes it too; requests parse it here only when they need it.
    this.analysis.changed(document);
    this.workspaceEntries.delete(document.uri);
    this.scheduler.schedule(document.uri);
    this.workspaceChanged();
  }

  /**
   * After the index changed: when the set of defined ids changed, cross-document findings of
   * every open document may have too, so they are recomputed; the tree is told, once per burst.
   */
  private workspaceChanged(analysed?: string): void {
    const definitions = this.index.definitionsVersion;
    if (definitions !== this.lastDefinitions) {
      this.lastDefinitions = definitions;
      this.analysis.invalidateDiagnostics(analysed);
      // The tree's problem counts of closed files hold cross-document findings too.
      this.workspaceEntries.clear();
      for (const document of this.documents.all()) if (document.uri !== analysed) this.scheduler.schedule(document.uri);
    }
    if (this.workspaceChangeTimer) return;
    this.workspaceChangeTimer = setTimeout(() => {
      this.workspaceChangeTimer = undefined;
      if (this.wantsNotifications) this.send(() => this.connection.sendNotification(WorkspaceChangedNotification));
    }, 100);
  }

  private filesChanged(changes: readonly { uri: string; type: number }[]): void {
    let configChanged = false;
    const pending: Promise<void>[] = [];
    for (const change of changes) {
      if (change.uri.endsWith('/' + CONFIG_FILE_NAME)) {
        configChanged = true;
        continue;
      }
      this.workspaceEntries.delete(change.uri);
      if (change.type === FileChangeType.Deleted) this.indexer.remove(change.uri);
      else pending.push(this.indexer.indexFile(change.uri));
    }
    if (configChanged) {
      this.analysis.configs.invalidate();
      this.reportedConfigErrors.clear();
      this.revalidateAll();
      return;
    }
    void Promise.all(pending).then(() => this.workspaceChanged());
  }

  private revalidateAll(): void {
    this.analysis.clear();
    this.workspaceEntries.clear();
    for (const document of this.documents.all()) this.afterChange(document);
    void this.indexWorkspace();
  }

  /**
   * The action without its edit, which is kept here until the client resolves the action: an
   * editor asks for code actions at every cursor move, and Insert Missing Sections alone is the
   * rest of the template.
   */
  private deferEdit(document: TextDocument, action: CodeAction): CodeAction {
    if (!action.edit) return action;
    const id = String(++this.deferredIds);
    this.deferredEdits.set(id, { uri: document.uri, version: document.version, edit: action.edit });
    // Only recent answers are resolved: the oldest are forgotten.
    for (const old of this.deferredEdits.keys()) {
      if (this.deferredEdits.size <= MAX_DEFERRED_EDITS) break;
      this.deferredEdits.delete(old);
    }
    const { edit: _edit, ...rest } = action;
    return { ...rest, data: { id } };
  }

  /** The edit of an action offered without it; none when its document has changed since (its ranges would be wrong). */
  private resolveEdit(action: CodeAction): CodeAction {
    const id = (action.data as { id?: unknown } | undefined)?.id;
    const deferred = typeof id === 'string' ? this.deferredEdits.get(id) : undefined;
    if (!deferred) return action;
    if (this.documents.get(deferred.uri)?.version !== deferred.version) {
      this.log(`Code action '${action.title}' was resolved after its document changed; ask for it again.`);
      return action;
    }
    return { ...action, edit: deferred.edit };
  }

  private completion(uri: string, position: { line: number; character: number }, token: CancellationToken) {
    if (token.isCancellationRequested) return [];
    return this.atPosition(uri, position, token, [] as CompletionItem[], ({ view, config }, at) => {
      const index = this.index;
      let nextFreeId: string | undefined;
      let definitions: IndexEntry[] | undefined;
      const items = getCompletions(view.doc, at, {
        today: localDate(),
        categories: config.categories,
        // Computed only where an id is being completed: both walk the whole index (milliseconds for 10,000 files).
        get nextFreeId() {
          return (nextFreeId ??= index.nextFreeId(DEFAULT_ID_PREFIX));
        },
        get definitions() {
          return (definitions ??= [...index.all()].filter((e) => e.definition));
        },
        snippets: this.supportsSnippets,
      });
      // The items' edits are on the request's line, read from its current text: only the line number moves.
      const line = position.line;
      return at.line === line
        ? items
        : items.map((item) =>
            item.textEdit && 'range' in item.textEdit ? { ...item, textEdit: { ...item.textEdit, range: onLine(item.textEdit.range, line) } } : item,
          );
    });
  }

  /**
   * Fixes are computed on the model of the current version itself: an older model's findings may
   * have been fixed by hand since (a field typed), and its fix would then insert it twice. A large
   * document whose current version is not analysed yet waits for that analysis (bounded, as
   * definition does), and has no actions when it does not come in time.
   */
  private codeActions(uri: string, range: Range, context: CodeActionContext, token: CancellationToken): CodeAction[] | Promise<CodeAction[]> {
    const document = this.documents.get(uri);
    if (!document) return [];
    const answer = (model: RequestModel | undefined): CodeAction[] => {
      if (!model || token.isCancellationRequested) return [];
      const { view, diagnostics } = model;
      const all = diagnostics();
      const inRange = all.filter((d) => d.range.start.line <= range.end.line && d.range.end.line >= range.start.line);
      const requested = context.diagnostics.filter((d) => d.source === 'spec-delta');
      // Prefer our own copies of the diagnostics: they carry the fix data.
      const mine = inRange.filter(
        (d) =>
          requested.length === 0 ||
          requested.some((r) => r.code === d.code && r.range.start.line === d.range.start.line && r.range.start.character === d.range.start.character),
      );
      const actions = getCodeActions(view.doc, mine, all, context.only).map((a) => (a.diagnostics ? { ...a, diagnostics: a.diagnostics.map(withoutData) } : a));
      return this.supportsActionResolve ? actions.map((a) => this.deferEdit(document, a)) : actions;
    };
    return this.withCurrent(document, token, answer);
  }

  private async executeCommand(command: string, args: unknown[], token: CancellationToken): Promise<InsertMissingSectionsResult | null> {
    if (command !== INSERT_MISSING_SECTIONS_COMMAND) return null;
    const uri = typeof args[0] === 'string' ? args[0] : undefined;
    const document = uri ? this.documents.get(uri) : undefined;
    if (!document) return { applied: false, inserted: 0 };
    // Never from an older model: what it found missing may have been typed since, and inserted twice.
    // Not applied (the client says to try again) when the current version's analysis is late.
    const model = await this.withCurrent(document, token, (m) => m);
    if (!model) return { applied: false, inserted: 0 };
    const edits = missingSectionEdits(model.diagnostics());
    if (edits.length === 0) return { applied: true, inserted: 0 };
    const result = await this.connection.workspace.applyEdit({
      label: 'Insert Missing Sections',
      edit: { documentChanges: [{ textDocument: { uri: document.uri, version: document.version }, edits }] },
    });
    return { applied: result.applied, inserted: edits.length };
  }

  private statusOf(document: TextDocument): DocumentStatus {
    const known = this.analysis.status(document) ?? this.analysis.lastAnalysed(document)?.status;
    if (known) return known;
    const analysis = this.analysis.get(document);
    return documentStatus(analysis.doc, this.analysis.diagnostics(document).map(withoutData), analysis.isSpecDelta, analysis.config.idPattern);
  }

  private documentStatusOf(uri: string): DocumentStatus | null {
    const open = this.documents.get(uri);
    if (open) return this.statusOf(open);
    // A closed file is read afresh each time: cached, its version -1 would hide later changes on disk.
    const document = this.readDocument(uri);
    return document ? this.closedStatus(document) : null;
  }

  /** A closed document, read afresh for the tree (not kept in the cache). */
  private readDocument(uri: string): TextDocument | undefined {
    const text = this.indexer.readText(uri);
    return text === undefined ? undefined : TextDocument.create(uri, 'markdown', -1, stripBom(text));
  }

  private workspaceStatus(): WorkspaceEntry[] {
    return this.workspaceRecords()
      .map((r) => r.entry)
      .sort((a, b) => (a.id ?? '~').localeCompare(b.id ?? '~') || a.uri.localeCompare(b.uri));
  }

  private catalog(): WorkspaceCatalog {
    return workspaceCatalog(this.workspaceRecords().map((r) => r.catalog));
  }

  private workspaceRecords(): WorkspaceRecord[] {
    const out: WorkspaceRecord[] = [];
    // A snapshot: analysing a closed document re-sets its index entry, which would visit it again.
    for (const entry of [...this.index.all()]) {
      if (!entry.isSpecDelta) continue;
      let cached = this.workspaceEntries.get(entry.uri);
      if (!cached) {
        const open = this.documents.get(entry.uri);
        const document = open ?? this.readDocument(entry.uri);
        if (!document) continue;
        cached = this.recordOf(document, open !== undefined);
        this.workspaceEntries.set(entry.uri, cached);
      }
      out.push(cached);
    }
    return out;
  }

  private recordOf(document: TextDocument, open: boolean): WorkspaceRecord {
    // A large open document is not parsed here for the tree: its last analysis on the thread is shown.
    const last = open ? this.analysis.lastAnalysed(document) : undefined;
    if (last) return { entry: workspaceEntry(last.status), catalog: workspaceCatalogEntry(last.doc, last.status, this.folders) };
    const analysis = this.analysis.get(document);
    const status = documentStatus(analysis.doc, this.analysis.diagnostics(document), analysis.isSpecDelta, analysis.config.idPattern);
    // A closed document is not kept: cached, its version -1 would hide later changes on disk.
    if (!open) this.analysis.close(document.uri);
    return { entry: workspaceEntry(status), catalog: workspaceCatalogEntry(analysis.doc, status, this.folders) };
  }

  private closedStatus(document: TextDocument): DocumentStatus {
    const analysis = this.analysis.get(document);
    const status = documentStatus(analysis.doc, this.analysis.diagnostics(document).map(withoutData), analysis.isSpecDelta, analysis.config.idPattern);
    this.analysis.close(document.uri);
    return status;
  }

  /**
   * Runs `f` on the model requests read (see AnalysisCache.requestModel); the fallback when the
   * document is not open, or its first model did not come in time or before the request was cancelled.
   */
  private withModel<T>(uri: string, token: CancellationToken, fallback: T, f: (model: RequestModel) => T): T | Promise<T> {
    const document = this.documents.get(uri);
    if (!document) return fallback;
    const model = this.analysis.requestModel(document, token);
    return model instanceof Promise ? model.then((m) => (m ? f(m) : fallback)) : f(model);
  }

  /** `withModel` at a position, given in the model's lines; the fallback where the model has no counterpart for the line. */
  private atPosition<T>(uri: string, position: Position, token: CancellationToken, fallback: T, f: (model: RequestModel, at: Position) => T): T | Promise<T> {
    return this.withModel(uri, token, fallback, (model) => {
      const at = model.view.toModel(position);
      return at ? f(model, at) : fallback;
    });
  }

  /**
   * `atPosition` on the model of the document's current version itself (AnalysisCache.currentModel),
   * for answers that an older model's view cannot map; ContentModified when it is not there in time.
   */
  private atCurrent<T>(
    uri: string,
    position: Position,
    token: CancellationToken,
    fallback: T,
    f: (model: RequestModel, at: Position) => T | ResponseError<void>,
  ): T | ResponseError<void> | Promise<T | ResponseError<void>> {
    const document = this.documents.get(uri);
    if (!document) return fallback;
    const answer = (model: RequestModel | undefined): T | ResponseError<void> => {
      if (token.isCancellationRequested) return new ResponseError<void>(LSPErrorCodes.RequestCancelled, 'The request was cancelled.');
      if (!model) return new ResponseError<void>(LSPErrorCodes.ContentModified, 'The document is still being analysed: ask again in a moment.');
      return f(model, position);
    };
    return this.withCurrent(document, token, answer);
  }

  /**
   * Runs `f` on the model of the document's current version itself (AnalysisCache.currentModel,
   * whose view is always current), waiting for it at most the analysis thread's patienceMs; on undefined
   * when it did not come in time, the request was cancelled, or the document changed meanwhile.
   */
  private withCurrent<T>(document: TextDocument, token: CancellationToken, f: (model: RequestModel | undefined) => T): T | Promise<T> {
    const model = this.analysis.currentModel(document, token);
    return model instanceof Promise ? model.then(f) : f(model);
  }

  /** Runs a handler; an exception (or a rejection) is logged and answered with the fallback, never thrown. */
  private guard<T>(what: string, fallback: T, f: () => T | Promise<T>): T | Promise<T> {
    const failed = (error: unknown): T => {
      this.log(`${what} failed: ${(error as Error)?.stack ?? String(error)}`);
      return fallback;
    };
    try {
      const result = f();
      return result instanceof Promise ? result.catch(failed) : result;
    } catch (error) {
      return failed(error);
    }
  }

  private configError(message: string): void {
    if (this.reportedConfigErrors.has(message)) return;
    this.reportedConfigErrors.add(message);
    this.log(`Configuration error: ${message}`);
    // Also reached from indexing, which may outlive the connection.
    this.send(async () => this.connection.window.showErrorMessage(`Spec Delta: ${message} (using the default settings until it is fixed)`));
  }

  /**
   * Sends a message unless the connection is gone: a timer may fire after the client closed it,
   * and sending then throws (synchronously or through the promise).
   */
  private send(f: () => Promise<void>): void {
    try {
      void f().catch(() => undefined);
    } catch {
      // The client is gone; nobody is left to tell.
    }
  }

  /** Logs to the client; never throws (the process-wide error handlers log through here, also once the connection is closed). */
  log(message: string): void {
    try {
      this.connection.console.log(`[${new Date().toISOString().slice(11, 23)}] ${message}`);
    } catch {
      // The connection is closed: the process is about to end with its input.
    }
  }
}

const MAX_DEFERRED_EDITS = 200;

function onLine(range: Range, line: number): Range {
  return { start: { line, character: range.start.character }, end: { line, character: range.end.character } };
}

declare const SPEC_DELTA_VERSION: string;
