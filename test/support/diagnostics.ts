import { strict as assert } from 'node:assert';
import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver-types';
import { analyzeText, AnalysisOptions } from '../../server/src/core/languageService';
import { parseSpecDelta } from '../../server/src/core/parser';
import { WorkspaceIndex } from '../../server/src/core/workspaceIndex';
import { where } from './positions';

/** Linting a text in memory and writing its diagnostics in short forms for readable deep-equals. */

export function lint(text: string, options: AnalysisOptions = {}): Diagnostic[] {
  return analyzeText(text, 'file:///test/doc.md', options);
}

/** The diagnostics of one code. */
export function only(diagnostics: readonly Diagnostic[], code: string): Diagnostic[] {
  return diagnostics.filter((d) => d.code === code);
}

/** A workspace index fed with the given documents, all spec deltas. */
export function workspaceOf(docs: readonly { readonly uri: string; readonly text: string }[], idPattern = 'INVARIANT-\\d+'): WorkspaceIndex {
  const index = new WorkspaceIndex(idPattern);
  for (const { uri, text } of docs) index.set(parseSpecDelta(text, uri, 0, { idPattern }), true);
  return index;
}

const { Error: E, Warning: W, Information: I } = DiagnosticSeverity;

/** `code where severity` of each diagnostic (1-based lines, see `where`). */
export function summary(diagnostics: readonly Diagnostic[]): string[] {
  return diagnostics.map((d) => `${d.code} ${where(d)} ${severityName(d.severity)}`);
}

/** `CODE line:char-line:char severity` (0-based, as sent over the protocol). */
export function brief(diagnostics: readonly Diagnostic[]): string[] {
  return diagnostics.map((d) => `${d.code} ${d.range.start.line}:${d.range.start.character}-${d.range.end.line}:${d.range.end.character} ${d.severity}`);
}

/** The message of a diagnostic of this language service: always plain text, never Markdown. */
export function messageOf(d: Diagnostic): string {
  assert.equal(typeof d.message, 'string', 'the message is plain text');
  return d.message as string;
}

export function severityName(severity: DiagnosticSeverity | undefined): string {
  return severity === E ? 'error' : severity === W ? 'warning' : severity === I ? 'information' : severity === DiagnosticSeverity.Hint ? 'hint' : 'none';
}
