import { strict as assert } from 'node:assert';
import type { CodeAction, Diagnostic, Range, TextEdit, WorkspaceEdit } from 'vscode-languageserver-types';
import { applyTextEdits, keepsLines } from '../support/textEdits';

/** Building and applying code actions, for the in-memory and the wire tests of code actions alike. */

export function editsOf(action: CodeAction, uri: string): TextEdit[] {
  const changes = (action.edit as WorkspaceEdit).changes!;
  assert.deepEqual(Object.keys(changes), [uri], 'the edit touches the document only');
  return changes[uri]!;
}

export function quickFix(title: string, diagnostic: Diagnostic, uri: string, edits: TextEdit[], isPreferred?: boolean): CodeAction {
  return { title, kind: 'quickfix', diagnostics: [diagnostic], ...(isPreferred === undefined ? {} : { isPreferred }), edit: { changes: { [uri]: edits } } };
}

export function replace(range: Range, newText: string): TextEdit {
  return { range, newText };
}

export function insertLine(line: number, newText: string): TextEdit {
  return { range: { start: { line, character: 0 }, end: { line, character: 0 } }, newText };
}

/** Applies an action's edits, checks nothing the user wrote was removed, and returns the new text. */
export function apply(text: string, action: CodeAction, uri: string, replacedLines: string[] = []): string {
  const result = applyTextEdits(text, editsOf(action, uri));
  keepsLines(text, result, replacedLines);
  return result;
}
