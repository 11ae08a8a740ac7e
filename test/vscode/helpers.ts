import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';

/** The extension under test, as the manifest names it (publisher.name). */
const EXTENSION_ID = 'spec-delta.spec-delta';

/** Fixture files, relative to the test workspace (a copy of test/vscode/workspace). */
export const BROKEN = 'docs/spec-deltas/INVARIANT-060-payment-webhooks-processed-once.md';
export const DUPLICATE = 'docs/spec-deltas/INVARIANT-060-migrations-keep-deployed-columns.md';
export const GOOD = 'docs/spec-deltas/INVARIANT-042-checkout-totals-currency.md';
export const NOTES = 'notes.md';

/** How long to wait for an event before a test fails: a bound, never a pause. */
const EVENT_TIMEOUT_MS = 20_000;

export async function activateExtension(): Promise<void> {
  const extension = vscode.extensions.getExtension(EXTENSION_ID);
  assert.ok(extension, `${EXTENSION_ID} is not loaded`);
  await extension.activate();
}

export function workspaceUri(relative: string): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'the tests need a workspace folder');
  return vscode.Uri.joinPath(folder.uri, ...relative.split('/'));
}

/** Opens a workspace file (the language client sends didOpen) without showing it. */
export function openDocument(relative: string): Thenable<vscode.TextDocument> {
  return vscode.workspace.openTextDocument(workspaceUri(relative));
}

/** A diagnostic's code as a string (VS Code turns `code` + `codeDescription` into `{ value, target }`). */
export function codeOf(diagnostic: vscode.Diagnostic): string {
  const code = diagnostic.code;
  return String(typeof code === 'object' && code !== null ? code.value : code);
}

function specDeltaDiagnostics(uri: vscode.Uri): vscode.Diagnostic[] {
  return vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'spec-delta');
}

function describe(diagnostics: readonly vscode.Diagnostic[]): string {
  return diagnostics.map((d) => `${d.range.start.line + 1}:${d.range.start.character + 1} ${codeOf(d)} ${d.message}`).join('\n  ') || '(none)';
}

/**
 * Resolves with the spec-delta diagnostics of `uri` once `predicate` holds for them, checking now
 * and then on every `onDidChangeDiagnostics` for that uri. Fails after a bound, showing what was there.
 */
export function waitForDiagnostics(uri: vscode.Uri, predicate: (diagnostics: vscode.Diagnostic[]) => boolean, what: string): Promise<vscode.Diagnostic[]> {
  return new Promise((resolve, reject) => {
    const check = (): boolean => {
      const diagnostics = specDeltaDiagnostics(uri);
      if (!predicate(diagnostics)) return false;
      finish();
      resolve(diagnostics);
      return true;
    };
    const subscription = vscode.languages.onDidChangeDiagnostics((e) => {
      if (e.uris.some((u) => u.toString() === uri.toString())) check();
    });
    const timer = setTimeout(() => {
      finish();
      reject(new Error(`no ${what} within ${EVENT_TIMEOUT_MS} ms; diagnostics of ${uri.path}:\n  ${describe(specDeltaDiagnostics(uri))}`));
    }, EVENT_TIMEOUT_MS);
    const finish = (): void => {
      clearTimeout(timer);
      subscription.dispose();
    };
    check();
  });
}

/**
 * Opens a document and resolves with its diagnostics at the first publication for it. For a
 * document expected to have none: an empty publication is still an `onDidChangeDiagnostics` event.
 */
export async function openAndWaitForFirstDiagnostics(relative: string): Promise<{ document: vscode.TextDocument; diagnostics: vscode.Diagnostic[] }> {
  const uri = workspaceUri(relative);
  assert.ok(!vscode.workspace.textDocuments.some((d) => d.uri.toString() === uri.toString()), `${relative} is already open: open it first in the suite`);
  let subscription: vscode.Disposable | undefined;
  let timer: NodeJS.Timeout | undefined;
  const published = new Promise<void>((resolve, reject) => {
    subscription = vscode.languages.onDidChangeDiagnostics((e) => {
      if (e.uris.some((u) => u.toString() === uri.toString())) resolve();
    });
    timer = setTimeout(() => reject(new Error(`the server published nothing for ${relative} within ${EVENT_TIMEOUT_MS} ms`)), EVENT_TIMEOUT_MS);
  });
  try {
    const document = await vscode.workspace.openTextDocument(uri);
    await published;
    return { document, diagnostics: specDeltaDiagnostics(uri) };
  } finally {
    subscription?.dispose();
    clearTimeout(timer);
  }
}

/** Resolves when `document`'s text satisfies `predicate` (checked now and on every change). */
export function waitForText(document: vscode.TextDocument, predicate: (text: string) => boolean, what: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const check = (): void => {
      const text = document.getText();
      if (!predicate(text)) return;
      finish();
      resolve(text);
    };
    const subscription = vscode.workspace.onDidChangeTextDocument((e) => e.document === document && check());
    const timer = setTimeout(() => {
      finish();
      reject(new Error(`${what} did not happen within ${EVENT_TIMEOUT_MS} ms`));
    }, EVENT_TIMEOUT_MS);
    const finish = (): void => {
      clearTimeout(timer);
      subscription.dispose();
    };
    check();
  });
}

/** The position just after `prefix` on the first line that contains it. */
export function positionAfter(document: vscode.TextDocument, prefix: string): vscode.Position {
  for (let line = 0; line < document.lineCount; line++) {
    const at = document.lineAt(line).text.indexOf(prefix);
    if (at !== -1) return new vscode.Position(line, at + prefix.length);
  }
  throw new Error(`'${prefix}' is not in ${document.uri.path}`);
}

/** Puts a document back to `text` (in memory), so that the next test starts from the fixture. */
export async function restoreText(document: vscode.TextDocument, text: string): Promise<void> {
  if (document.getText() === text) return;
  const edit = new vscode.WorkspaceEdit();
  edit.replace(document.uri, new vscode.Range(document.positionAt(0), document.positionAt(document.getText().length)), text);
  assert.ok(await vscode.workspace.applyEdit(edit), `could not restore ${document.uri.path}`);
}

/** The lines of `original` appear in `changed` in the same order: text was only inserted. */
export function onlyInserted(original: string, changed: string): boolean {
  const lines = changed.split('\n');
  let at = 0;
  for (const line of original.split('\n')) {
    while (at < lines.length && lines[at] !== line) at++;
    if (at === lines.length) return false;
    at++;
  }
  return true;
}
