// A stand-in for the `vscode` module, enough to load the extension's client bundle and run its
// activate() outside an editor: the activation benchmark times our code and the real language
// server, not a workbench. Namespaces hold what the client and vscode-languageclient call; any
// other member is an inert stub that accepts every call and returns a disposable.
'use strict';
const path = require('node:path');
const { pathToFileURL } = require('node:url');

/** Callable, constructible, iterable as empty, converts to 0 or ''. */
const inert = new Proxy(function inert() {}, {
  get(_target, key) {
    if (key === 'then') return undefined;
    if (key === Symbol.toPrimitive) return (hint) => (hint === 'number' ? 0 : '');
    if (key === Symbol.iterator) return function* () {};
    return inert;
  },
  apply: () => inert,
  construct: () => inert,
});

/** An object whose listed members are real and whose other members are inert. */
const namespace = (members) => new Proxy(members, { get: (target, key) => (key in target ? target[key] : inert) });

class Disposable {
  constructor(callOnDispose = () => {}) {
    this.callOnDispose = callOnDispose;
  }
  static from(...items) {
    return new Disposable(() => items.forEach((i) => i?.dispose?.()));
  }
  dispose() {
    this.callOnDispose();
  }
}

class EventEmitter {
  listeners = new Set();
  event = (listener) => {
    this.listeners.add(listener);
    return new Disposable(() => this.listeners.delete(listener));
  };
  fire(value) {
    for (const listener of this.listeners) listener(value);
  }
  dispose() {
    this.listeners.clear();
  }
}

class Uri {
  constructor(scheme, fsPath) {
    this.scheme = scheme;
    this.fsPath = fsPath;
    this.path = fsPath;
  }
  static file(fsPath) {
    return new Uri('file', fsPath);
  }
  static parse(value) {
    return value.startsWith('file://') ? new Uri('file', new URL(value).pathname) : new Uri(value.split(':')[0], value);
  }
  static joinPath(base, ...parts) {
    return new Uri(base.scheme, path.join(base.fsPath, ...parts));
  }
  toString() {
    return this.scheme === 'file' ? pathToFileURL(this.fsPath).href : this.fsPath;
  }
  with() {
    return this;
  }
}

const event = () => new Disposable();
const configuration = { get: (_key, fallback) => fallback, has: () => false, inspect: () => undefined, update: async () => {} };
const outputChannel = (name) =>
  namespace({
    name,
    appendLine() {},
    append() {},
    replace() {},
    clear() {},
    show() {},
    hide() {},
    dispose() {},
    trace() {},
    debug() {},
    info() {},
    warn() {},
    error() {},
    logLevel: 0,
    onDidChangeLogLevel: event,
  });

// The client's own modules import `* as vscode`: the bundler copies the names present here, so
// every top-level name they use is listed (classes they only construct may stay inert).
module.exports = namespace({
  version: '1.95.0',
  StatusBarAlignment: { Left: 1, Right: 2 },
  TreeItemCollapsibleState: { None: 0, Collapsed: 1, Expanded: 2 },
  TextEditorRevealType: { Default: 0, InCenter: 1, InCenterIfOutsideViewport: 2, AtTop: 3 },
  TreeItem: inert,
  ThemeColor: inert,
  ThemeIcon: inert,
  Selection: inert,
  Range: inert,
  Position: inert,
  MarkdownString: inert,
  env: namespace({ appName: 'bench', language: 'en', machineId: 'bench', sessionId: 'bench', uiKind: 1, uriScheme: 'vscode' }),
  Disposable,
  EventEmitter,
  Uri,
  workspace: namespace({
    workspaceFolders: undefined,
    textDocuments: [],
    notebookDocuments: [],
    isTrusted: true,
    getConfiguration: () => configuration,
    onDidChangeConfiguration: event,
    onDidOpenTextDocument: event,
    onDidChangeTextDocument: event,
    onDidCloseTextDocument: event,
    onDidSaveTextDocument: event,
    onWillSaveTextDocument: event,
    onDidChangeWorkspaceFolders: event,
    onDidOpenNotebookDocument: event,
    onDidChangeNotebookDocument: event,
    onDidCloseNotebookDocument: event,
    onDidSaveNotebookDocument: event,
    onDidCreateFiles: event,
    onDidRenameFiles: event,
    onDidDeleteFiles: event,
    onWillCreateFiles: event,
    onWillRenameFiles: event,
    onWillDeleteFiles: event,
    createFileSystemWatcher: () => namespace({ onDidCreate: event, onDidChange: event, onDidDelete: event, dispose() {} }),
  }),
  window: namespace({
    activeTextEditor: undefined,
    visibleTextEditors: [],
    createOutputChannel: outputChannel,
    onDidChangeActiveTextEditor: event,
    onDidChangeVisibleTextEditors: event,
    onDidChangeTextEditorSelection: event,
    createStatusBarItem: () => namespace({ show() {}, hide() {}, dispose() {} }),
    registerWebviewViewProvider: () => new Disposable(),
    registerTreeDataProvider: () => new Disposable(),
    registerUriHandler: () => new Disposable(),
  }),
  commands: namespace({ registerCommand: () => new Disposable(), executeCommand: async () => undefined, getCommands: async () => [] }),
  languages: namespace({ createDiagnosticCollection: () => namespace({ set() {}, delete() {}, clear() {}, dispose() {}, get: () => [] }), match: () => 0 }),
  extensions: namespace({ getExtension: () => undefined, all: [] }),
});
