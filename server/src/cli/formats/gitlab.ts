import { DiagnosticSeverity } from 'vscode-languageserver-types';
import type { FileResult } from '../lint';
import type { LintFormat } from './format';
import { messageText } from './message';

type GitlabSeverity = 'info' | 'minor' | 'major' | 'critical' | 'blocker';

/**
 * GitLab Code Quality report (a JSON array of issues). The fingerprint leaves out line numbers,
 * its own and those a message cites ("on line 71"), so that a finding keeps its identity when lines
 * above it move; the same message twice in one file is told apart by its order.
 */
export const gitlab: LintFormat = { note: '(Code Quality)', write: (results) => formatGitlab(results) };

function formatGitlab(results: readonly FileResult[]): string {
  // Loaded for this format only: node:crypto took 1.5 ms of every run's start.
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- see above
  const { createHash } = require('node:crypto') as typeof import('node:crypto');
  const issues = [];
  for (const result of results) {
    const path = result.file.split('\\').join('/');
    const seen = new Map<string, number>();
    for (const d of result.diagnostics) {
      const description = messageText(d);
      const key = `${path}\0${String(d.code)}\0${description.replace(/\blines? \d+(?:(?:, | and | to |-)\d+)*/g, 'line')}`;
      const occurrence = seen.get(key) ?? 0;
      seen.set(key, occurrence + 1);
      issues.push({
        description,
        check_name: String(d.code),
        fingerprint: createHash('md5').update(`${key}\0${occurrence}`).digest('hex'),
        severity: severity(d.severity),
        location: { path, lines: { begin: d.range.start.line + 1, end: d.range.end.line + 1 } },
      });
    }
  }
  return JSON.stringify(issues, null, 2) + '\n';
}

// An Error fails the lint (exit 1), as `major` fails GitLab's default quality gate.
function severity(s: DiagnosticSeverity | undefined): GitlabSeverity {
  return s === DiagnosticSeverity.Warning ? 'minor' : s === DiagnosticSeverity.Error || s === undefined ? 'major' : 'info';
}
