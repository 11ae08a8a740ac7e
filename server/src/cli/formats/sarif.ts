import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { DiagnosticSeverity } from 'vscode-languageserver-types';
import { ALL_RULES, DOCS_BASE_URL, severityOf } from '../../core';
import type { FileResult } from '../lint';
import { repositoryRoot } from '../../node/repositoryRoot';
import type { LintFormat } from './format';
import { messageText } from './message';

declare const SPEC_DELTA_VERSION: string;

/**
 * SARIF 2.1.0, with every rule's metadata and help URI, columns in UTF-16 code units. Files are
 * named relative to `%SRCROOT%`, the repository root `root`, as code scanning expects.
 */
export const sarif: LintFormat = { write: (results, { cwd }) => formatSarif(results, repositoryRoot(cwd)) };

function formatSarif(results: readonly FileResult[], root: string): string {
  const ruleIndex = new Map(ALL_RULES.map((r, i) => [r.code, i]));
  const level = (s: DiagnosticSeverity | undefined): string =>
    s === DiagnosticSeverity.Error ? 'error' : s === DiagnosticSeverity.Warning ? 'warning' : 'note';
  const log = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'spec-delta',
            version: typeof SPEC_DELTA_VERSION === 'string' ? SPEC_DELTA_VERSION : '0.0.0',
            informationUri: DOCS_BASE_URL.replace(/blob\/main\/docs\/rules\/$/, ''),
            rules: ALL_RULES.map((r) => ({
              id: r.code,
              name: r.name,
              shortDescription: { text: r.description },
              helpUri: `${DOCS_BASE_URL}${r.code}.md`,
              help: { text: `${r.description} See ${DOCS_BASE_URL}${r.code}.md` },
              defaultConfiguration: { level: level(severityOf(r.ruleClass, 'Under Review') ?? severityOf(r.ruleClass, 'Approved')) },
              properties: { class: r.ruleClass },
            })),
          },
        },
        columnKind: 'utf16CodeUnits',
        originalUriBaseIds: { [SRCROOT]: { uri: pathToFileURL(root).href.replace(/\/?$/, '/') } },
        artifacts: results.map((r) => ({ location: artifactLocation(r.path, root) })),
        results: results.flatMap((r, fileIndex) =>
          r.diagnostics.map((d) => ({
            ruleId: String(d.code),
            ruleIndex: ruleIndex.get(String(d.code)) ?? -1,
            level: level(d.severity),
            message: { text: messageText(d) },
            locations: [
              {
                physicalLocation: {
                  artifactLocation: { ...artifactLocation(r.path, root), index: fileIndex },
                  region: {
                    startLine: d.range.start.line + 1,
                    startColumn: d.range.start.character + 1,
                    endLine: d.range.end.line + 1,
                    endColumn: d.range.end.character + 1,
                  },
                },
              },
            ],
          })),
        ),
      },
    ],
  };
  return JSON.stringify(log, null, 2) + '\n';
}

const SRCROOT = '%SRCROOT%';

/** Relative to the root with `/`; a file outside the repository keeps its absolute file: uri. */
function artifactLocation(file: string, root: string): { uri: string; uriBaseId?: string } {
  const relative = path.relative(root, file);
  if (relative === '..' || relative.startsWith(`..${path.sep}`) || path.isAbsolute(relative)) return { uri: pathToFileURL(file).href };
  return { uri: relative.split(path.sep).map(encodeURIComponent).join('/'), uriBaseId: SRCROOT };
}
