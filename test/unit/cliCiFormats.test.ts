import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver-types';
import { messageText } from '../../server/src/cli/formats/message';
import { readRepoFile } from '../support/repo';
import { APPROVED } from '../support/fixtures';
import { edit } from '../support/textEdits';
import { cli } from '../support/cli';
import { inTemp, write } from '../support/tempFolders';

/** `--format gitlab` (GitLab Code Quality) and `--format junit`, checked against `--format json`. */

const MANY_ERRORS = readRepoFile('test/fixtures/broken/INVARIANT-060-many-errors.md');
const UNDER_REVIEW = readRepoFile('examples/INVARIANT-051-migrations-keep-deployed-columns.md');

function jsonOf(dir: string): { file: string; diagnostics: Diagnostic[] }[] {
  return JSON.parse(cli(dir, 'lint', '--format', 'json', '.').stdout) as { file: string; diagnostics: Diagnostic[] }[];
}

interface GitlabIssue {
  description: string;
  check_name: string;
  fingerprint: string;
  severity: string;
  location: { path: string; lines: { begin: number; end: number } };
}

test('--format gitlab is a Code Quality array: one issue per diagnostic, 1-based lines, GitLab severities', () => {
  inTemp((dir) => {
    write(dir, 'docs/spec-deltas/broken.md', MANY_ERRORS);
    write(dir, 'docs/spec-deltas/review.md', edit(UNDER_REVIEW, 'MUST', 'SHOULD'));
    write(dir, 'docs/spec-deltas/good.md', APPROVED);
    const result = cli(dir, 'lint', '--format', 'gitlab', '.');
    assert.equal(result.code, 1);
    assert.equal(result.stderr, '');
    const issues = JSON.parse(result.stdout) as GitlabIssue[];
    const expected = jsonOf(dir).flatMap((f) =>
      f.diagnostics.map((d) => ({
        description: messageText(d),
        check_name: String(d.code),
        severity: d.severity === DiagnosticSeverity.Error ? 'major' : d.severity === DiagnosticSeverity.Warning ? 'minor' : 'info',
        location: { path: f.file, lines: { begin: d.range.start.line + 1, end: d.range.end.line + 1 } },
      })),
    );
    assert.ok(expected.length > 10);
    assert.deepEqual(
      issues.map(({ fingerprint: _f, ...rest }) => rest),
      expected,
    );
    for (const issue of issues) {
      assert.deepEqual(Object.keys(issue).sort(), ['check_name', 'description', 'fingerprint', 'location', 'severity']);
      assert.ok(['info', 'minor', 'major', 'critical', 'blocker'].includes(issue.severity));
      assert.match(issue.fingerprint, /^[0-9a-f]{32}$/);
    }
    assert.equal(new Set(issues.map((i) => i.fingerprint)).size, issues.length, 'fingerprints are unique');
    assert.ok(issues.some((i) => i.severity === 'minor') && issues.some((i) => i.severity === 'major'));
  });
});

test('--format gitlab fingerprints stay the same across runs and when lines above a finding move', () => {
  inTemp((dir) => {
    write(dir, 'specs/a.spec-delta.md', MANY_ERRORS);
    const before = JSON.parse(cli(dir, 'lint', '--format', 'gitlab', '.').stdout) as GitlabIssue[];
    const again = JSON.parse(cli(dir, 'lint', '--format', 'gitlab', '.').stdout) as GitlabIssue[];
    assert.deepEqual(again, before);
    // A paragraph added under the title moves every later finding down two lines.
    write(dir, 'specs/a.spec-delta.md', edit(MANY_ERRORS, '\n**Date**', '\nA note added above the fields.\n\n**Date**'));
    const moved = JSON.parse(cli(dir, 'lint', '--format', 'gitlab', '.').stdout) as GitlabIssue[];
    const shifted = before.filter((i) => i.location.lines.begin > 2);
    assert.ok(shifted.length > 3);
    assert.ok(
      shifted.some((i) => /line \d+/.test(i.description)),
      'a message that cites a line keeps its fingerprint too',
    );
    for (const issue of shifted) {
      const same = moved.filter((m) => m.check_name === issue.check_name && m.location.lines.begin === issue.location.lines.begin + 2);
      assert.equal(same.length > 0, true, issue.description);
      assert.ok(
        same.some((m) => m.fingerprint === issue.fingerprint),
        `${issue.description}: ${JSON.stringify(same)}`,
      );
    }
  });
});

test('--format gitlab prints [] and exits 0 when nothing is found', () => {
  inTemp((dir) => {
    write(dir, 'docs/spec-deltas/good.md', edit(APPROVED, 'INVARIANT-017', 'INVARIANT-042'));
    const result = cli(dir, 'lint', '--format', 'gitlab', '.');
    assert.equal(result.code, 0);
    assert.deepEqual(JSON.parse(result.stdout), []);
  });
});

/** The `<testcase>` elements of a JUnit report with their failures and output, entities decoded. */
function testCases(xml: string): { name: string; file: string; failures: { type: string; message: string; body: string }[]; out: string }[] {
  const decode = (s: string): string =>
    s
      .replace(/&#10;/g, '\n')
      .replace(/&quot;/g, '"')
      .replace(/&gt;/g, '>')
      .replace(/&lt;/g, '<')
      .replace(/&amp;/g, '&');
  return [...xml.matchAll(/<testcase classname="spec-delta" name="([^"<]*)" file="([^"<]*)"(?:\/>|>([\s\S]*?)<\/testcase>)/g)].map((m) => ({
    name: decode(m[1]!),
    file: decode(m[2]!),
    failures: [...(m[3] ?? '').matchAll(/<failure type="([^"<]*)" message="([^"<]*)">([^<]*)<\/failure>/g)].map((f) => ({
      type: decode(f[1]!),
      message: decode(f[2]!),
      body: decode(f[3]!),
    })),
    out: decode(/<system-out>([^<]*)<\/system-out>/.exec(m[3] ?? '')?.[1] ?? ''),
  }));
}

test('--format junit has one test case per file and one failure per Error; warnings go to its output', () => {
  inTemp((dir) => {
    write(dir, 'docs/spec-deltas/broken.md', MANY_ERRORS);
    write(dir, 'docs/spec-deltas/review.md', edit(UNDER_REVIEW, 'MUST', 'SHOULD'));
    write(dir, 'docs/spec-deltas/good.md', edit(APPROVED, 'INVARIANT-017', 'INVARIANT-042'));
    const result = cli(dir, 'lint', '--format', 'junit', '.');
    assert.equal(result.code, 1);
    assert.match(result.stdout, /^<\?xml version="1.0" encoding="UTF-8"\?>\n<testsuites name="spec-delta" tests="3" failures="\d+" errors="0">\n/);
    const files = jsonOf(dir);
    const cases = testCases(result.stdout);
    assert.deepEqual(
      cases.map((c) => c.file),
      files.map((f) => f.file),
    );
    let failedFiles = 0;
    for (const [i, f] of files.entries()) {
      const errors = f.diagnostics.filter((d) => d.severity === DiagnosticSeverity.Error);
      const others = f.diagnostics.filter((d) => d.severity !== DiagnosticSeverity.Error);
      if (errors.length) failedFiles++;
      assert.equal(cases[i]!.name, f.file);
      assert.deepEqual(
        cases[i]!.failures,
        errors.map((d) => ({
          type: String(d.code),
          message: messageText(d),
          body: `${f.file}:${d.range.start.line + 1}:${d.range.start.character + 1} ${messageText(d)} (${String(d.code)})`,
        })),
      );
      for (const d of others)
        assert.ok(cases[i]!.out.includes(`${f.file}:${d.range.start.line + 1}:${d.range.start.character + 1} ${messageText(d)} (${String(d.code)})`));
    }
    assert.ok(failedFiles === 1 && cases.some((c) => c.failures.length === 0 && c.out.includes('SD303')), 'the SHOULD finding is output, not a failure');
    assert.ok(result.stdout.includes(`<testsuite name="spec-delta" tests="3" failures="${failedFiles}" errors="0" skipped="0">`));
    assert.equal(cases.find((c) => c.file.endsWith('good.md'))!.failures.length, 0);
  });
});

test('--format junit escapes what a document writes: markup and control characters never break the XML', () => {
  inTemp((dir) => {
    const hostile = edit(MANY_ERRORS, '**Status**: Done', '**Status**: <b a="1">&\u0001</b>');
    write(dir, 'docs/spec-deltas/x&<y>.md', hostile);
    const result = cli(dir, 'lint', '--format', 'junit', '.');
    assert.equal(result.code, 1);
    // eslint-disable-next-line no-control-regex -- the characters XML 1.0 forbids
    assert.ok(!/[\u0000-\u0008\u000B\u000C\u000E-\u001F]/.test(result.stdout), 'no character XML 1.0 forbids');
    const body = result.stdout.replace(/<\/?[a-z]+(?: [a-z]+="[^"<>]*")*\s*\/?>|<\?xml[^>]*\?>/g, '');
    assert.ok(!/[<>]|&(?!amp;|lt;|gt;|quot;|#10;)/.test(body), `only escaped markup outside the tags: ${body}`);
    const [only] = testCases(result.stdout);
    assert.equal(only!.file, 'docs/spec-deltas/x&<y>.md');
    assert.ok(
      only!.failures.some((f) => f.message.includes('<b a="1">&\uFFFD</b>')),
      JSON.stringify(only!.failures.map((f) => f.message)),
    );
  });
});
