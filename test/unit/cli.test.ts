import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { test } from 'node:test';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver-types';
import { messageText } from '../../server/src/cli/formats/message';
import { ALL_RULES, analyze, parseDocument } from '../../server/src/core/languageService';
import { WorkspaceIndex } from '../../server/src/core/workspaceIndex';
import { ROOT, readRepoFile } from '../support/repo';
import { APPROVED, TEMPLATE } from '../support/fixtures';
import { edit } from '../support/textEdits';
import { binCli, cli, type CliResult as Result } from '../support/cli';
import { inTemp, write } from '../support/tempFolders';

/**
 * The CLI, run in-process on temporary folders: exit statuses, how files are found, the output
 * formats (SPEC section 4) and `--fix`. Every test makes its own folder and removes it.
 */

interface JsonFile {
  readonly file: string;
  readonly diagnostics: Diagnostic[];
}

function json(cwd: string, ...paths: string[]): { code: number; files: JsonFile[] } {
  const result = cli(cwd, 'lint', '--format', 'json', ...paths);
  assert.equal(result.stderr, '');
  return { code: result.code, files: JSON.parse(result.stdout) as JsonFile[] };
}

/** Asserts that stderr is one line (ending in a newline) that contains every part. */
function assertOneLineReason(result: Result, ...parts: string[]): void {
  assert.equal(result.code, 2, result.stderr);
  assert.equal(result.stdout, '');
  assert.match(result.stderr, /^spec-delta: [^\n]+\n$/);
  for (const part of parts) assert.ok(result.stderr.includes(part), `'${part}' in ${result.stderr}`);
}

const codes = (files: readonly JsonFile[]): string[] => [...new Set(files.flatMap((f) => f.diagnostics.map((d) => String(d.code))))].sort();
const EXAMPLES = fs
  .readdirSync(path.join(ROOT, 'examples'))
  .filter((f) => f.endsWith('.md'))
  .sort();
const MANY_ERRORS = readRepoFile('test/fixtures/broken/INVARIANT-060-many-errors.md');
const DUPLICATE_042 = readRepoFile('test/fixtures/broken/INVARIANT-042-duplicate-id.md');
const UNDER_REVIEW = readRepoFile('examples/INVARIANT-051-migrations-keep-deployed-columns.md');

function copyExamples(dir: string): void {
  for (const name of EXAMPLES) write(dir, path.join('examples', name), readRepoFile(path.join('examples', name)));
}

// ---- exit statuses ---------------------------------------------------------------------------

test('the raw template exits 0 with warnings only (a missing Status counts as Draft)', () => {
  inTemp((dir) => {
    write(dir, 'template.md', TEMPLATE);
    const stylish = cli(dir, 'lint', 'template.md');
    assert.equal(stylish.code, 0, stylish.stderr);
    assert.equal(stylish.stderr, '');
    assert.match(stylish.stdout, /✖ \d+ problems \(0 errors, \d+ warnings, 0 info\) in 1 spec delta\n$/);
    const { code, files } = json(dir, 'template.md');
    assert.equal(code, 0);
    assert.ok(files[0]!.diagnostics.length > 20);
    assert.deepEqual([...new Set(files[0]!.diagnostics.map((d) => d.severity))], [DiagnosticSeverity.Warning]);
  });
});

test('the examples folder exits 0: only the Draft has findings, and those are warnings', () => {
  inTemp((dir) => {
    copyExamples(dir);
    const stylish = cli(dir, 'lint', 'examples');
    assert.equal(stylish.code, 0, stylish.stdout);
    assert.equal(stylish.stderr, '');
    assert.doesNotMatch(stylish.stdout, /\berror\b/);
    const { code, files } = json(dir, 'examples');
    assert.equal(code, 0);
    assert.deepEqual(
      files.map((f) => path.basename(f.file)),
      EXAMPLES,
    );
    for (const file of files) {
      if (file.file.includes('INVARIANT-058')) {
        assert.ok(file.diagnostics.length >= 5, 'the half-written Draft has several warnings');
        assert.ok(file.diagnostics.every((d) => d.severity === DiagnosticSeverity.Warning));
      } else {
        assert.deepEqual(file.diagnostics, [], `${file.file} has no findings`);
      }
    }
  });
});

test('a broken spec delta exits 1 and reports each of its defects', () => {
  inTemp((dir) => {
    write(dir, 'broken.md', MANY_ERRORS);
    const stylish = cli(dir, 'lint', 'broken.md');
    assert.equal(stylish.code, 1);
    assert.match(stylish.stdout, /^broken\.md\n/);
    assert.match(stylish.stdout, /\d+ errors/);
    const { code, files } = json(dir, 'broken.md');
    assert.equal(code, 1);
    // Missing section, duplicate section, invalid values, malformed dates, id mismatch, two enforcement levels.
    for (const expected of ['SD001', 'SD003', 'SD006', 'SD007', 'SD010', 'SD011']) assert.ok(codes(files).includes(expected), expected);
    assert.ok(files[0]!.diagnostics.every((d) => d.severity === DiagnosticSeverity.Error));
  });
});

test('a path that does not exist exits 2 with a one-line reason', () => {
  inTemp((dir) => {
    assertOneLineReason(cli(dir, 'lint', 'no-such-folder'), "'no-such-folder'", 'no such file or directory');
  });
});

test('a glob that matches nothing exits 2 with a one-line reason', () => {
  inTemp((dir) => {
    write(dir, 'docs/a.md', TEMPLATE);
    assertOneLineReason(cli(dir, 'lint', 'specs/**/*.md'), "no files match 'specs/**/*.md'");
  });
});

test('usage errors exit 2 with a one-line reason: unknown option, unknown or missing format, unknown command', () => {
  inTemp((dir) => {
    write(dir, 'a.md', TEMPLATE);
    assertOneLineReason(cli(dir, 'lint', '--quiet', 'a.md'), "unknown option '--quiet'");
    assertOneLineReason(cli(dir, 'lint', '--format', 'xml', 'a.md'), "unknown format 'xml'", 'stylish, json, sarif, github');
    assertOneLineReason(cli(dir, 'lint', '--format=checkstyle', 'a.md'), "unknown format 'checkstyle'");
    assertOneLineReason(cli(dir, 'lint', 'a.md', '-f'), '-f needs a value');
    assertOneLineReason(cli(dir, 'check', 'a.md'), "unknown command 'check'");
    assertOneLineReason(cli(dir), 'missing command');
  });
});

test('a named pipe, device or socket named on the command line exits 2 with a one-line reason, never waits', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'spec-delta-cli-'));
  const server = net.createServer();
  try {
    // A pipe with no writer: reading it would wait forever.
    assert.equal(spawnSync('mkfifo', [path.join(dir, 'fifo.spec-delta.md')]).status, 0);
    assertOneLineReason(cli(dir, 'lint', 'fifo.spec-delta.md'), "cannot lint 'fifo.spec-delta.md': it is a named pipe, not a file");
    assertOneLineReason(cli(dir, 'lint', '/dev/null'), "cannot lint '/dev/null': it is a device, not a file");
    await new Promise<void>((resolve) => server.listen(path.join(dir, 'socket.md'), resolve));
    assertOneLineReason(cli(dir, 'lint', 'socket.md'), "cannot lint 'socket.md': it is a socket, not a file");
    // Folders and globs pass them by, as they pass by anything that is not a regular file.
    write(dir, 'specs/a.spec-delta.md', TEMPLATE);
    assert.equal(spawnSync('mkfifo', [path.join(dir, 'specs/pipe.spec-delta.md')]).status, 0);
    for (const paths of [['.'], ['**/*.md'], ['specs/*.spec-delta.md']]) {
      const { files } = json(dir, ...paths);
      assert.deepEqual(
        files.map((f) => f.file.split(path.sep).join('/')),
        ['specs/a.spec-delta.md'],
        paths.join(' '),
      );
    }
  } finally {
    server.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('a bad .spec-delta.json exits 2 with one line naming the file, the key and the problem', () => {
  inTemp((dir) => {
    write(dir, 'specs/deep/a.md', TEMPLATE);
    const config = path.join(dir, '.spec-delta.json');
    const cases: [string, string][] = [
      ['{"rules": {"SD999": "off"}}', 'rules.SD999'],
      ['{"rules": {"SD101": "loud"}}', 'rules.SD101'],
      ['{"idPatern": "INV-\\\\d+"}', 'idPatern'],
      ['{"overrides": [{"rules": {}}]}', 'overrides[0].files'],
      ['{"maxFileSize": "big"}', 'maxFileSize'],
    ];
    for (const [text, key] of cases) {
      fs.writeFileSync(config, text);
      // Found upward from the document, two folders up.
      const result = cli(dir, 'lint', 'specs');
      assertOneLineReason(result, `${config}: "${key}": `);
      assert.ok(result.stderr.length > `spec-delta: ${config}: "${key}": `.length + 10, `a problem is named: ${result.stderr}`);
    }
    fs.writeFileSync(config, '{"rules": ');
    assertOneLineReason(cli(dir, 'lint', 'specs'), `${config}: `, 'JSON');
  });
});

test('a .spec-delta.json that is a folder, unreadable or not JSON exits 2 saying what to write', () => {
  inTemp((dir) => {
    write(dir, 'specs/a.md', TEMPLATE);
    const config = path.join(dir, '.spec-delta.json');
    fs.mkdirSync(config);
    assertOneLineReason(
      cli(dir, 'lint', 'specs'),
      `${config}: is a folder; .spec-delta.json must be a file holding a JSON object such as {"rules": {}}: remove or rename the folder`,
    );
    fs.rmdirSync(config);
    fs.writeFileSync(config, '{\n  "rules": {\n    "SD101": "off",\n  }\n}\n');
    assertOneLineReason(cli(dir, 'lint', 'specs'), `${config}: not valid JSON at line 3, column 19: expected no comma after the last property: remove it\n`);
    fs.writeFileSync(config, '{"files": 3}');
    assertOneLineReason(cli(dir, 'lint', 'specs'), `${config}: "files": must be a glob string or an array of glob strings`);
    // A pipe with no writer would block the read forever.
    fs.rmSync(config);
    assert.equal(spawnSync('mkfifo', [config]).status, 0);
    assertOneLineReason(cli(dir, 'lint', 'specs'), `${config}: is not a regular file; .spec-delta.json must be a file`);
    fs.rmSync(config);
    if (process.getuid?.() !== 0) {
      fs.writeFileSync(config, '{}');
      fs.chmodSync(config, 0o000);
      assertOneLineReason(cli(dir, 'lint', 'specs'), `${config}: cannot be read (permission denied)`);
    }
  });
});

test('a good .spec-delta.json found upward from the document changes what is reported', () => {
  inTemp((dir) => {
    write(dir, 'specs/deep/a.md', TEMPLATE);
    const before = json(dir, 'specs').files;
    assert.ok(codes(before).includes('SD101'));
    write(dir, '.spec-delta.json', JSON.stringify({ rules: { SD101: 'off', 'empty-list-item': 'error' } }));
    const { code, files } = json(dir, 'specs');
    assert.equal(code, 1, 'empty list items are errors now');
    assert.ok(!codes(files).includes('SD101'));
    assert.ok(files[0]!.diagnostics.filter((d) => d.code === 'SD103').every((d) => d.severity === DiagnosticSeverity.Error));
  });
});

test('--help and --version exit 0', () => {
  inTemp((dir) => {
    for (const flag of ['--help', '-h']) {
      const help = cli(dir, 'lint', flag);
      assert.equal(help.code, 0);
      assert.match(help.stdout, /^Usage: spec-delta lint/);
      assert.match(help.stdout, /--format/);
      assert.equal(help.stderr, '');
    }
    const version = cli(dir, '--version');
    assert.equal(version.code, 0);
    assert.match(version.stdout, /^\d+\.\d+\.\d+\S*\n$/);
    assert.equal(version.stderr, '');
  });
});

// ---- finding spec deltas ---------------------------------------------------------------------

/** A folder with spec deltas found by title and by the default globs, and Markdown that is none. */
function specTree(dir: string): string[] {
  write(dir, 'docs/deep/nested/INVARIANT-042.md', APPROVED);
  write(dir, 'docs/lower-case-title.md', TEMPLATE.replace('# Spec Delta:', '# spec delta:'));
  write(dir, 'docs/spec-deltas/2026/untitled.md', '# Incident notes\n\nNothing here yet.\n');
  write(dir, 'services/checkout/refunds.spec-delta.md', 'Notes without a heading.\n');
  write(dir, 'README.md', '# Checkout\n\nSee INVARIANT-042.\n');
  write(dir, 'docs/not-a-title.md', '# Spec Delta notes\n\n# Spec Delta: INVARIANT-9 is not the first heading\n');
  write(dir, 'docs/spec-deltas/diagram.txt', '# Spec Delta: INVARIANT-7 not Markdown\n');
  write(dir, 'node_modules/some-package/README.md', APPROVED);
  return ['docs/deep/nested/INVARIANT-042.md', 'docs/lower-case-title.md', 'docs/spec-deltas/2026/untitled.md', 'services/checkout/refunds.spec-delta.md'];
}

test('folders are searched recursively for spec deltas by title and by the default globs; other Markdown is ignored', () => {
  inTemp((dir) => {
    const expected = specTree(dir);
    const { files } = json(dir, '.');
    assert.deepEqual(
      files.map((f) => f.file.split(path.sep).join('/')),
      expected,
    );
    const untitled = files.find((f) => f.file.endsWith('untitled.md'))!;
    assert.ok(
      untitled.diagnostics.some((d) => d.code === 'SD009'),
      'a spec delta found by its path still needs a title',
    );
  });
});

test('the default globs also find spec deltas in a folder outside the working directory', () => {
  inTemp((dir) => {
    const expected = specTree(path.join(dir, 'repo'));
    fs.mkdirSync(path.join(dir, 'elsewhere'));
    const { files } = json(path.join(dir, 'elsewhere'), path.join(dir, 'repo'));
    assert.deepEqual(
      files.map((f) =>
        path
          .relative(path.join(dir, 'repo'), path.resolve(dir, 'elsewhere', f.file))
          .split(path.sep)
          .join('/'),
      ),
      expected,
    );
  });
});

test('a file named on the command line is linted whatever its title; a glob finds only spec deltas', () => {
  inTemp((dir) => {
    specTree(dir);
    const named = json(dir, 'README.md');
    assert.deepEqual(
      named.files.map((f) => f.file),
      ['README.md'],
    );
    assert.ok(codes(named.files).includes('SD009'));
    const globbed = json(dir, 'docs/**/*.md');
    assert.deepEqual(
      globbed.files.map((f) => f.file.split(path.sep).join('/')),
      ['docs/deep/nested/INVARIANT-042.md', 'docs/lower-case-title.md', 'docs/spec-deltas/2026/untitled.md'],
    );
  });
});

test('a spec delta over the size limit gets its SD901 notice whether named or found by a folder or a glob', () => {
  inTemp((dir) => {
    const title = '# Spec Delta: INVARIANT-107 Exports are streamed\n\n';
    write(dir, 'docs/a.md', title + 'x'.repeat(10 * 1024 * 1024));
    write(dir, 'docs/README.md', '# Notes\n\n' + 'x'.repeat(10 * 1024 * 1024));
    for (const paths of [['.'], ['docs'], ['docs/*.md'], ['docs/a.md']]) {
      const { code, files } = json(dir, ...paths);
      assert.equal(code, 0, paths.join(' '));
      assert.deepEqual(
        files.map((f) => [f.file.split(path.sep).join('/'), f.diagnostics.map((d) => [d.code, d.severity, messageText(d)])]),
        [
          [
            'docs/a.md',
            [
              [
                'SD901',
                DiagnosticSeverity.Information,
                'This document (10.0 MiB) is over the 4.0 MiB limit and is not checked; raise "maxFileSize" in .spec-delta.json to check it.',
              ],
            ],
          ],
        ],
        paths.join(' '),
      );
    }
    // A lowered limit: the ordinary examples are now over it, and each still gets its notice.
    copyExamples(dir);
    write(dir, '.spec-delta.json', '{"maxFileSize": 1000}');
    const { files } = json(dir, 'examples');
    assert.equal(files.length, EXAMPLES.length);
    for (const file of files)
      assert.deepEqual(
        file.diagnostics.map((d) => d.code),
        ['SD901'],
        file.file,
      );
  });
});

test('a huge file is recognised from its head, never read whole', () => {
  inTemp((dir) => {
    // Sparse: 700 MB on paper, nothing on disk, more than a string can hold if it were read whole.
    const file = write(dir, 'docs/big.md', '# Spec Delta: INVARIANT-108 Huge\n');
    fs.truncateSync(file, 700 * 1024 * 1024);
    write(dir, 'docs/other.md', '# Notes\n');
    fs.truncateSync(path.join(dir, 'docs/other.md'), 700 * 1024 * 1024);
    for (const paths of [['docs'], ['docs/big.md']]) {
      const { files } = json(dir, ...paths);
      assert.deepEqual(
        files.map((f) => [f.file.split(path.sep).join('/'), f.diagnostics.map((d) => messageText(d))]),
        [['docs/big.md', ['This document (700.0 MiB) is over the 4.0 MiB limit and is not checked; raise "maxFileSize" in .spec-delta.json to check it.']]],
      );
    }
  });
});

test('a named file with glob characters in its name is taken as a file, not as a glob', () => {
  inTemp((dir) => {
    write(dir, 'notes [draft].md', '# Notes\n');
    const { files } = json(dir, 'notes [draft].md');
    assert.deepEqual(
      files.map((f) => f.file),
      ['notes [draft].md'],
    );
    assert.ok(codes(files).includes('SD009'), 'linted like any file named on the command line');
  });
});

test('a folder without spec deltas exits 0 and says so on stderr', () => {
  inTemp((dir) => {
    write(dir, 'README.md', '# Just a readme\n');
    const result = cli(dir, 'lint', '.');
    assert.equal(result.code, 0);
    assert.match(result.stderr, /no spec deltas found/);
  });
});

// ---- output formats --------------------------------------------------------------------------

/** The Under Review example with one unknown reference after an emoji, so that UTF-16 columns show. */
function withEmojiReference(dir: string): { file: string; line: number; character: number } {
  const text = edit(UNDER_REVIEW, 'INVARIANT-017 and INVARIANT-042 protect', '🔥 INVARIANT-099 protects');
  write(dir, 'INVARIANT-051.md', text);
  const lines = text.split('\n');
  const line = lines.findIndex((l) => l.includes('INVARIANT-099'));
  return { file: 'INVARIANT-051.md', line, character: lines[line]!.indexOf('INVARIANT-099') };
}

test('--format json prints the SPEC shape: file and LSP diagnostics, 0-based lines, UTF-16 characters', () => {
  inTemp((dir) => {
    const at = withEmojiReference(dir);
    write(dir, 'broken.md', MANY_ERRORS);
    const result = cli(dir, 'lint', '--format', 'json', '.');
    assert.equal(result.code, 1);
    assert.equal(result.stderr, '');
    assert.ok(result.stdout.endsWith('\n'));
    const files = JSON.parse(result.stdout) as JsonFile[];
    assert.deepEqual(
      files.map((f) => f.file),
      ['INVARIANT-051.md', 'broken.md'],
    );
    for (const file of files) {
      assert.deepEqual(Object.keys(file).sort(), ['diagnostics', 'file']);
      for (const d of file.diagnostics) {
        for (const key of ['range', 'severity', 'code', 'message', 'source']) assert.ok(key in d, `${key} in ${JSON.stringify(d)}`);
        assert.ok(!('data' in d), 'fix data is left out');
        assert.ok([1, 2, 3, 4].includes(d.severity!));
        assert.equal(d.source, 'spec-delta');
        assert.match(String(d.code), /^SD\d{3}$/);
        assert.equal(typeof d.message, 'string');
        for (const p of [d.range.start, d.range.end]) assert.ok(Number.isInteger(p.line) && Number.isInteger(p.character) && p.line >= 0 && p.character >= 0);
      }
    }
    // The emoji is two UTF-16 code units: the column counts them both.
    assert.equal(at.character, 3);
    const reference = files[0]!.diagnostics.find((d) => d.code === 'SD403')!;
    assert.deepEqual(reference.range, { start: { line: at.line, character: 3 }, end: { line: at.line, character: 3 + 'INVARIANT-099'.length } });
    assert.equal(reference.severity, DiagnosticSeverity.Information);
    // Lines are 0-based: a missing section is reported on the title, line 0.
    const missing = files[1]!.diagnostics.find((d) => d.code === 'SD001')!;
    assert.equal(missing.range.start.line, 0);
  });
});

test("--format sarif is SARIF 2.1.0 with every rule's metadata and 1-based regions", () => {
  inTemp((dir) => {
    withEmojiReference(dir);
    write(dir, 'broken.md', MANY_ERRORS);
    const sarif = cli(dir, 'lint', '--format', 'sarif', '.');
    assert.equal(sarif.code, 1);
    const log = JSON.parse(sarif.stdout);
    assert.equal(log.version, '2.1.0');
    assert.match(log.$schema, /sarif-2\.1\.0/);
    assert.equal(log.runs.length, 1);
    const driver = log.runs[0].tool.driver;
    assert.equal(driver.name, 'spec-delta');
    assert.deepEqual(
      driver.rules.map((r: { id: string }) => r.id),
      ALL_RULES.map((r) => r.code),
    );
    for (const [i, rule] of driver.rules.entries()) {
      assert.equal(rule.name, ALL_RULES[i]!.name);
      assert.equal(rule.shortDescription.text, ALL_RULES[i]!.description);
      assert.match(rule.helpUri, new RegExp(`/docs/rules/${rule.id}\\.md$`));
    }
    const diagnostics = json(dir, '.').files.flatMap((f) => f.diagnostics.map((d) => ({ file: f.file, d })));
    const results = log.runs[0].results;
    assert.equal(results.length, diagnostics.length);
    for (const [i, result] of results.entries()) {
      const { file, d } = diagnostics[i]!;
      assert.equal(result.ruleId, d.code);
      assert.equal(driver.rules[result.ruleIndex].id, d.code);
      assert.equal(result.level, d.severity === 1 ? 'error' : d.severity === 2 ? 'warning' : 'note');
      assert.equal(result.message.text, d.message);
      const location = result.locations[0].physicalLocation;
      assert.equal(location.artifactLocation.uri, file);
      assert.equal(location.artifactLocation.uriBaseId, '%SRCROOT%');
      assert.deepEqual(location.region, {
        startLine: d.range.start.line + 1,
        startColumn: d.range.start.character + 1,
        endLine: d.range.end.line + 1,
        endColumn: d.range.end.character + 1,
      });
    }
  });
});

test('--format sarif gives paths relative to %SRCROOT%, the repository root, also when run from a subfolder', () => {
  inTemp((dir) => {
    // A worktree's .git is a file; a clone's is a folder: either marks the root.
    for (const makeGit of [() => fs.mkdirSync(path.join(dir, '.git')), () => fs.writeFileSync(path.join(dir, '.git'), 'gitdir: /elsewhere\n')]) {
      fs.rmSync(path.join(dir, '.git'), { recursive: true, force: true });
      makeGit();
      write(dir, 'docs/specs/broken 1.md', MANY_ERRORS);
      const cwd = path.join(dir, 'docs', 'specs');
      const log = JSON.parse(cli(cwd, 'lint', '--format', 'sarif', '.').stdout);
      const run = log.runs[0];
      assert.deepEqual(run.originalUriBaseIds, { '%SRCROOT%': { uri: pathToFileURL(dir).href + '/' } });
      assert.deepEqual(run.artifacts, [{ location: { uri: 'docs/specs/broken%201.md', uriBaseId: '%SRCROOT%' } }]);
      assert.ok(run.results.length > 5);
      for (const result of run.results) {
        assert.deepEqual(result.locations[0].physicalLocation.artifactLocation, { uri: 'docs/specs/broken%201.md', uriBaseId: '%SRCROOT%', index: 0 });
      }
    }
  });
  inTemp((dir) => {
    // No repository: the current folder is the root.
    write(dir, 'specs/broken.md', MANY_ERRORS);
    const run = JSON.parse(cli(path.join(dir, 'specs'), 'lint', '--format', 'sarif', 'broken.md').stdout).runs[0];
    assert.deepEqual(run.originalUriBaseIds, { '%SRCROOT%': { uri: pathToFileURL(path.join(dir, 'specs')).href + '/' } });
    assert.deepEqual(run.artifacts, [{ location: { uri: 'broken.md', uriBaseId: '%SRCROOT%' } }]);
    // Outside the root there is no relative path code scanning could map: the whole file: uri.
    write(dir, 'outside.md', MANY_ERRORS);
    const outside = JSON.parse(cli(path.join(dir, 'specs'), 'lint', '--format', 'sarif', '../outside.md').stdout).runs[0];
    assert.deepEqual(outside.artifacts, [{ location: { uri: pathToFileURL(path.join(dir, 'outside.md')).href } }]);
  });
});

test('--format github prints one workflow command per diagnostic with 1-based line and column', () => {
  inTemp((dir) => {
    const at = withEmojiReference(dir);
    write(dir, 'broken.md', MANY_ERRORS);
    const github = cli(dir, 'lint', '--format', 'github', '.');
    assert.equal(github.code, 1);
    const expected = json(dir, '.').files.flatMap((f) =>
      f.diagnostics.map((d) => {
        const kind = d.severity === 1 ? 'error' : d.severity === 2 ? 'warning' : 'notice';
        const { start, end } = d.range;
        return `::${kind} file=${f.file},line=${start.line + 1},endLine=${end.line + 1},col=${start.character + 1},endColumn=${end.character + 1},title=${d.code} (spec-delta)::${messageText(d)}`;
      }),
    );
    assert.ok(expected.length > 10);
    assert.equal(github.stdout, expected.join('\n') + '\n');
    assert.ok(
      expected.some((l) => l.startsWith('::error file=broken.md,line=1,endLine=1,col=1,')),
      'a missing section is an error on line 1',
    );
    assert.ok(expected.some((l) => l.startsWith(`::notice file=INVARIANT-051.md,line=${at.line + 1},endLine=${at.line + 1},col=${at.character + 1},`)));
  });
});

test('duplicate ids across two files are reported in both and exit 1', () => {
  inTemp((dir) => {
    write(dir, 'specs/INVARIANT-042-checkout.md', APPROVED);
    write(dir, 'specs/INVARIANT-042-refunds.md', DUPLICATE_042);
    const alone = json(dir, 'specs/INVARIANT-042-refunds.md');
    assert.ok(!codes(alone.files).includes('SD012'), 'one file alone has no duplicate');
    const { code, files } = json(dir, 'specs');
    assert.equal(code, 1);
    for (const [file, other] of [
      [files[0]!, 'INVARIANT-042-refunds.md'],
      [files[1]!, 'INVARIANT-042-checkout.md'],
    ] as const) {
      const duplicates = file.diagnostics.filter((d) => d.code === 'SD012');
      assert.equal(duplicates.length, 1, file.file);
      assert.equal(duplicates[0]!.severity, DiagnosticSeverity.Error);
      assert.ok(messageText(duplicates[0]!).includes(other), messageText(duplicates[0]!));
      assert.deepEqual(duplicates[0]!.range.start, { line: 0, character: '# Spec Delta: '.length });
    }
  });
});

test('SD012 names the other files as written, relative to the working directory, in every file that defines the id', () => {
  inTemp((dir) => {
    write(dir, 'specs/INVARIANT 042 crlf.md', APPROVED.replace(/\n/g, '\r\n'));
    write(dir, 'specs/résumé/INVARIANT-042.md', DUPLICATE_042);
    write(dir, 'other/100%.spec-delta.md', APPROVED);
    const { code, files } = json(dir, '.');
    assert.equal(code, 1);
    const names = ['other/100%.spec-delta.md', 'specs/INVARIANT 042 crlf.md', 'specs/résumé/INVARIANT-042.md'].map((f) => f.split('/').join(path.sep));
    assert.deepEqual(
      files.map((f) => f.file),
      names,
    );
    for (const file of files) {
      const duplicates = file.diagnostics.filter((d) => d.code === 'SD012');
      const others = names.filter((n) => n !== file.file).join(', ');
      assert.deepEqual(duplicates.map(messageText), [`INVARIANT-042 is also defined in ${others}: give this spec delta the next free id.`], file.file);
    }
    // GitHub decodes %25 to %: the names come out as written, escaped once.
    const github = cli(dir, 'lint', '--format', 'github', '.')
      .stdout.split('\n')
      .filter((l) => l.includes('title=SD012'));
    assert.equal(github.length, 3);
    assert.ok(github[0]!.endsWith(`::INVARIANT-042 is also defined in ${names[1]}, ${names[2]}: give this spec delta the next free id.`), github[0]);
    assert.ok(github[1]!.includes(`defined in ${names[0]!.replace('%', '%25')}, ${names[2]}:`), github[1]);
  });
});

// ---- --fix -----------------------------------------------------------------------------------

test('--fix inserts a missing section, keeps CRLF and the BOM, leaves no temporary file, and a second run changes nothing', () => {
  inTemp((dir) => {
    const start = UNDER_REVIEW.indexOf('## Review Checklist');
    const end = UNDER_REVIEW.indexOf('## Approval');
    const withoutChecklist = UNDER_REVIEW.slice(0, start) + UNDER_REVIEW.slice(end);
    const file = write(dir, 'INVARIANT-051.md', '\uFEFF' + withoutChecklist.replace(/\n/g, '\r\n'));

    const before = json(dir, 'INVARIANT-051.md');
    assert.equal(before.code, 1);
    const errors = before.files[0]!.diagnostics.filter((d) => d.severity === DiagnosticSeverity.Error);
    assert.deepEqual(
      errors.map((d) => d.code),
      ['SD001'],
    );

    const fixed = cli(dir, 'lint', '--fix', 'INVARIANT-051.md');
    assert.equal(fixed.code, 0, fixed.stdout);
    assert.match(fixed.stdout, /fixed 1 file/);
    const text = fs.readFileSync(file, 'utf8');
    assert.ok(text.startsWith('\uFEFF# Spec Delta: INVARIANT-051'), 'the BOM is kept');
    assert.doesNotMatch(text, /[^\r]\n/, 'every line ends in CRLF');
    assert.ok(text.indexOf('## Review Checklist') > text.indexOf('## Validation'));
    assert.ok(text.indexOf('## Review Checklist') < text.indexOf('## Approval'));
    assert.ok(text.includes('\r\n- [ ] False positive analysis is complete\r\n'));
    // Nothing the author wrote changed: the fixed text minus the inserted section is the original.
    const inserted = text.slice(text.indexOf('## Review Checklist'), text.indexOf('## Approval'));
    assert.equal(text.replace(inserted, ''), '\uFEFF' + withoutChecklist.replace(/\n/g, '\r\n'));
    assert.deepEqual(fs.readdirSync(dir), ['INVARIANT-051.md'], 'no temporary file is left');

    const inode = fs.statSync(file).ino;
    const again = cli(dir, 'lint', '--fix', 'INVARIANT-051.md');
    assert.equal(again.code, 0);
    assert.doesNotMatch(again.stdout, /fixed/);
    assert.equal(fs.readFileSync(file, 'utf8'), text);
    assert.equal(fs.statSync(file).ino, inode, 'the file was not rewritten');
    assert.deepEqual(fs.readdirSync(dir), ['INVARIANT-051.md']);
  });
});

test('--fix inserts missing fields and rows but never replaces a value', () => {
  inTemp((dir) => {
    let text = edit(MANY_ERRORS, '**Severity**: High\n', '');
    text = edit(text, '| Platform Owner | | | |\n', '');
    const file = write(dir, 'broken.md', text);
    const result = json(dir, 'broken.md');
    assert.ok(['SD004', 'SD005', 'SD006'].every((c) => codes(result.files).includes(c)));
    assert.equal(cli(dir, 'lint', '--fix', 'broken.md').code, 1, 'the invalid values are still errors');
    const fixed = fs.readFileSync(file, 'utf8');
    assert.ok(fixed.includes('**Status**: Done\n**Severity**: Critical | High | Medium | Low\n'));
    assert.ok(fixed.includes('| Tech Lead | | | Maybe |\n| Platform Owner | | | |\n'));
    assert.ok(fixed.includes('**Date**: 14/05/2026') && fixed.includes('**Expected Invariant Check Result**: PASS'));
    const after = json(dir, 'broken.md');
    assert.ok(!['SD001', 'SD004', 'SD005'].some((c) => codes(after.files).includes(c)));
  });
});

// Root writes through any mode bits, so as root the CLI runs as `nobody` in its own process.
test('--fix on a read-only folder exits 2 with a one-line reason', () => {
  inTemp((dir) => {
    write(dir, 'specs/broken.md', edit(MANY_ERRORS, '**Severity**: High\n', ''));
    fs.chmodSync(dir, 0o755);
    fs.chmodSync(path.join(dir, 'specs'), 0o555);
    try {
      const result = process.getuid?.() === 0 ? cliAsNobody(dir, 'lint', '--fix', 'specs') : cli(dir, 'lint', '--fix', 'specs');
      assertOneLineReason(result, `cannot write '${path.join('specs', 'broken.md')}'`, 'permission denied');
      assert.equal(fs.readFileSync(path.join(dir, 'specs/broken.md'), 'utf8'), edit(MANY_ERRORS, '**Severity**: High\n', ''));
    } finally {
      fs.chmodSync(path.join(dir, 'specs'), 0o755);
    }
  });
});

function cliAsNobody(cwd: string, ...argv: string[]): Result {
  return binCli(cwd, argv, { uid: 65534, gid: 65534 });
}

test('each folder reads ids with its own idPattern, for the rules that span files', () => {
  inTemp((dir) => {
    write(dir, 'a/.spec-delta.json', JSON.stringify({ idPattern: 'INV-\\d{4}' }));
    write(dir, 'a/INV-0001.md', APPROVED.replaceAll('INVARIANT-042', 'INV-0001').replaceAll('INVARIANT-017', 'INV-0017'));
    write(dir, 'b/one.md', APPROVED);
    write(dir, 'b/two.md', APPROVED);
    const result = json(dir, 'a', 'b');
    const duplicates = result.files.map((f) => [f.file, f.diagnostics.filter((d) => d.code === 'SD012').length]);
    assert.deepEqual(duplicates, [
      [path.join('a', 'INV-0001.md'), 0],
      [path.join('b', 'one.md'), 1],
      [path.join('b', 'two.md'), 1],
    ]);
  });
});

test('results that depend on files read later equal those of a linter that indexed everything first', () => {
  inTemp((dir) => {
    const withId = (id: string, reference = 'INVARIANT-017'): string =>
      APPROVED.replaceAll('INVARIANT-042', id).replaceAll('INVARIANT-017 checks', `${reference} checks`);
    // Each finding across files depends on a file that comes later, or earlier, in the order files are read.
    const files: Record<string, string> = {
      'a/refers-forward.md': withId('INVARIANT-501', 'INVARIANT-500'),
      'b/duplicate-first.md': withId('INVARIANT-600'),
      'c/unknown-reference.md': withId('INVARIANT-502', 'INVARIANT-999'),
      'd/INVARIANT-017.md': withId('INVARIANT-017', 'INVARIANT-500'),
      'y/duplicate-second.md': withId('INVARIANT-600'),
      'z/defines-500.md': withId('INVARIANT-500'),
    };
    for (const [name, text] of Object.entries(files)) write(dir, name, text);
    const index = new WorkspaceIndex('INVARIANT-\\d+');
    const docs = Object.entries(files).map(([name, text]) => parseDocument(text, pathToFileURL(path.join(dir, name)).href, 0));
    for (const doc of docs) index.set(doc, true);
    // The CLI names other files relative to the working directory, as in its file column.
    const workspace = { definitions: (id: string) => index.definitions(id), pathOf: (uri: string) => path.relative(dir, fileURLToPath(uri)) };
    const expected = Object.keys(files).map((name, i) => ({ file: name.split('/').join(path.sep), diagnostics: analyze(docs[i]!, { workspace }) }));
    const result = json(dir, '.');
    assert.deepEqual(result.files, expected);
    assert.deepEqual(
      result.files.map((f) => f.diagnostics.map((d) => d.code)),
      [[], ['SD012'], ['SD403'], [], ['SD012'], []],
    );
  });
});
