import { DiagnosticSeverity } from 'vscode-languageserver-types';
import type { FileResult } from '../lint';
import type { LintFormat } from './format';
import { messageText } from './message';

/** GitHub Actions workflow commands: annotations on the changed lines of a pull request. */
export const github: LintFormat = { write: (results) => formatGithub(results) };

function formatGithub(results: readonly FileResult[]): string {
  const lines: string[] = [];
  for (const result of results) {
    for (const d of result.diagnostics) {
      const kind = d.severity === DiagnosticSeverity.Error ? 'error' : d.severity === DiagnosticSeverity.Warning ? 'warning' : 'notice';
      const properties = [
        `file=${property(result.file.split('\\').join('/'))}`,
        `line=${d.range.start.line + 1}`,
        `endLine=${d.range.end.line + 1}`,
        `col=${d.range.start.character + 1}`,
        `endColumn=${d.range.end.character + 1}`,
        `title=${property(`${d.code} (spec-delta)`)}`,
      ];
      lines.push(`::${kind} ${properties.join(',')}::${data(messageText(d))}`);
    }
  }
  return lines.length ? lines.join('\n') + '\n' : '';
}

function data(text: string): string {
  return text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

function property(text: string): string {
  return data(text).replace(/:/g, '%3A').replace(/,/g, '%2C');
}
