import { DiagnosticSeverity } from 'vscode-languageserver-types';
import { severityName } from '../../core';
import type { FileResult } from '../lint';
import type { LintFormat } from './format';
import { messageText } from './message';

/**
 * JUnit XML for CI systems that show test reports: one test case per spec delta, one failure per
 * Error; Warnings and Information go to the test case's output, where they are seen without
 * failing it.
 */
export const junit: LintFormat = { write: (results) => formatJunit(results) };

function formatJunit(results: readonly FileResult[]): string {
  const isError = (s: DiagnosticSeverity | undefined): boolean => s === undefined || s === DiagnosticSeverity.Error;
  const failed = results.filter((r) => r.diagnostics.some((d) => isError(d.severity))).length;
  const out = ['<?xml version="1.0" encoding="UTF-8"?>', `<testsuites name="spec-delta" tests="${results.length}" failures="${failed}" errors="0">`];
  out.push(`  <testsuite name="spec-delta" tests="${results.length}" failures="${failed}" errors="0" skipped="0">`);
  for (const r of results) {
    const file = r.file.split('\\').join('/');
    const line = (d: (typeof r.diagnostics)[number]): string =>
      `${file}:${d.range.start.line + 1}:${d.range.start.character + 1} ${messageText(d)} (${String(d.code)})`;
    const errors = r.diagnostics.filter((d) => isError(d.severity));
    const others = r.diagnostics.filter((d) => !isError(d.severity));
    if (errors.length === 0 && others.length === 0) {
      out.push(`    <testcase classname="spec-delta" name="${xml(file)}" file="${xml(file)}"/>`);
      continue;
    }
    out.push(`    <testcase classname="spec-delta" name="${xml(file)}" file="${xml(file)}">`);
    for (const d of errors) out.push(`      <failure type="${xml(String(d.code))}" message="${xml(messageText(d))}">${xml(line(d))}</failure>`);
    if (others.length) out.push(`      <system-out>${xml(others.map((d) => `${severityName(d.severity!)}: ${line(d)}`).join('\n'))}</system-out>`);
    out.push('    </testcase>');
  }
  out.push('  </testsuite>', '</testsuites>');
  return out.join('\n') + '\n';
}

/** Text for an XML attribute or element; characters XML 1.0 cannot hold become U+FFFD. */
function xml(text: string): string {
  return (
    text
      // XML 1.0 forbids these control characters even as references: they become U+FFFD.
      // eslint-disable-next-line no-control-regex
      .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g, '\uFFFD')
      .replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '\uFFFD')
      .replace(/&/g, '&amp;')
      .replace(/</g, '&lt;')
      .replace(/>/g, '&gt;')
      .replace(/"/g, '&quot;')
      .replace(/\n/g, '&#10;')
  );
}
