import { DiagnosticSeverity } from 'vscode-languageserver-types';
import { severityName } from '../../core';
import type { FileResult } from '../lint';
import type { LintFormat } from './format';
import { messageText } from './message';

/** eslint-style text: a block per file, `line:col  severity  message  code`, then totals. */
export const stylish: LintFormat = { forPeople: true, write: (results, { color }) => formatStylish(results, color) };

function formatStylish(results: readonly FileResult[], color: boolean): string {
  const paint = (code: string, text: string): string => (color ? `\u001b[${code}m${text}\u001b[0m` : text);
  const colors: Record<string, string> = { error: '31', warning: '33', information: '36', hint: '90' };
  const out: string[] = [];
  const counts = { error: 0, warning: 0, information: 0, hint: 0 };
  for (const result of results) {
    if (result.diagnostics.length === 0) continue;
    out.push(paint('4', result.file));
    const rows = result.diagnostics.map((d) => {
      const severity = severityName(d.severity ?? DiagnosticSeverity.Error);
      counts[severity]++;
      return [`${d.range.start.line + 1}:${d.range.start.character + 1}`, severity, messageText(d), String(d.code ?? '')] as const;
    });
    const width = [Math.max(...rows.map((r) => r[0].length)), Math.max(...rows.map((r) => r[1].length))];
    for (const [where, severity, message, code] of rows) {
      out.push(`  ${paint('2', where.padEnd(width[0]!))}  ${paint(colors[severity]!, severity.padEnd(width[1]!))}  ${message}  ${paint('2', code)}`);
    }
    out.push('');
  }
  const total = counts.error + counts.warning + counts.information + counts.hint;
  const files = results.length;
  const fixed = results.filter((r) => r.fixed).length;
  const fixedNote = fixed ? `, fixed ${fixed} file${fixed === 1 ? '' : 's'}` : '';
  if (total === 0) {
    out.push(`${paint('32', '✔')} ${files} spec delta${files === 1 ? '' : 's'} checked, no problems${fixedNote}`);
  } else {
    const summary = `${total} problem${total === 1 ? '' : 's'} (${counts.error} error${counts.error === 1 ? '' : 's'}, ${counts.warning} warning${counts.warning === 1 ? '' : 's'}, ${counts.information + counts.hint} info) in ${files} spec delta${files === 1 ? '' : 's'}${fixedNote}`;
    out.push(paint(counts.error ? '31;1' : '33;1', `✖ ${summary}`));
  }
  return out.join('\n') + '\n';
}
