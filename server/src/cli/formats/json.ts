import type { Diagnostic } from 'vscode-languageserver-types';
import type { FileResult } from '../lint';
import type { LintFormat } from './format';

export const json: LintFormat = { write: (results) => formatJson(results) };

/** `[{"file": "<path>", "diagnostics": [<LSP Diagnostic>]}]`, fix data left out. */
export function formatJson(results: readonly FileResult[]): string {
  return JSON.stringify(results.map((r) => ({ file: r.file, diagnostics: r.diagnostics.map(withoutData) }))) + '\n';
}

function withoutData(diagnostic: Diagnostic): Diagnostic {
  const { data: _data, ...rest } = diagnostic;
  return rest;
}
