import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { pathToFileURL } from 'node:url';
import { FILES_FOR_READ_AHEAD, FILES_PER_WORKER, loadFrom, readAheadWanted, workerCount } from '../../server/src/cli/lint';
import { CATALOG_FORMATS } from '../../server/src/cli/catalogFormats';
import { FirstPass, readFile } from '../../server/src/cli/lintPasses';
import { ReadAhead, WINDOW, readAheadStats } from '../../server/src/cli/readAhead';
import { expandPaths } from '../../server/src/node/files';
import { ConfigLoader } from '../../server/src/node/configLoader';
import { poolStats } from '../../server/src/cli/threads';
import { ROOT } from '../support/repo';
import { APPROVED, TEMPLATE } from '../support/fixtures';
import { edit } from '../support/textEdits';
import { binCli, cli as inProcess, type CliResult } from '../support/cli';
import { inTemp } from '../support/tempFolders';

/**
 * The CLI spread over worker threads gives what one thread gives, byte for byte, in every format,
 * with the same exit status; `--fix` writes the same files. SPEC_DELTA_WORKERS forces the number
 * of workers whatever the number of files, so that a few dozen files run both ways.
 */

/** The CLI in-process with SPEC_DELTA_WORKERS set to `workers` (0: one thread). */
function cli(cwd: string, workers: number, argv: string[]): CliResult {
  const before = process.env['SPEC_DELTA_WORKERS'];
  process.env['SPEC_DELTA_WORKERS'] = String(workers);
  try {
    return inProcess(cwd, ...argv);
  } finally {
    if (before === undefined) delete process.env['SPEC_DELTA_WORKERS'];
    else process.env['SPEC_DELTA_WORKERS'] = before;
  }
}

/** Every format the CLI has, as its own usage message lists them, so that a new one is covered too. */
function formats(): string[] {
  const { stderr } = cli(ROOT, 0, ['lint', '--format', 'no-such-format']);
  const list = /use (.*)$/m.exec(stderr)?.[1];
  assert.ok(list, stderr);
  const names = list.split(/,\s*|\s+or\s+/).filter(Boolean);
  for (const expected of ['stylish', 'json', 'sarif', 'github']) assert.ok(names.includes(expected), `${expected} in ${list}`);
  return names;
}

/** A spec delta with the given id that references `ref`. */
function specDelta(id: string, ref: string, status = 'Approved'): string {
  return APPROVED.split('INVARIANT-042').join(id).replace('INVARIANT-017', ref).replace('**Status**: Approved', `**Status**: ${status}`);
}

/**
 * Files whose order by path is not the order of their definitions: references forward and back,
 * a duplicate id, an unknown reference, an id only in the Invariant ID section (not in the
 * title), CRLF, a BOM, a file over maxFileSize, a template left as it is, a section missing (for
 * --fix), a Markdown file that is no spec delta.
 */
function makeWorkspace(dir: string): void {
  const put = (relative: string, text: string): void => {
    const file = path.join(dir, relative);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, text);
  };
  put('.spec-delta.json', JSON.stringify({ maxFileSize: 20000 }));
  const statuses = ['Draft', 'Under Review', 'Approved', 'Rejected'];
  for (let i = 0; i < 36; i++) {
    const id = `INVARIANT-${200 + i}`;
    const ref = `INVARIANT-${200 + ((i * 7 + 5) % 40)}`; // 236-239 are nobody's
    put(`spec-deltas/${String.fromCharCode(97 + ((i * 11) % 26))}/${id}.md`, specDelta(id, ref, statuses[i % 4]));
  }
  put('spec-deltas/dup/one.md', specDelta('INVARIANT-300', 'INVARIANT-201'));
  put('spec-deltas/dup/two.md', specDelta('INVARIANT-300', 'INVARIANT-600'));
  put('spec-deltas/unknown.md', specDelta('INVARIANT-301', 'INVARIANT-999'));
  put('spec-deltas/crlf.md', specDelta('INVARIANT-302', 'INVARIANT-303').replace(/\n/g, '\r\n'));
  put('spec-deltas/bom.md', '\uFEFF' + specDelta('INVARIANT-303', 'INVARIANT-302'));
  put('spec-deltas/big.md', specDelta('INVARIANT-304', 'INVARIANT-200') + 'More prose.\n'.repeat(2000));
  put('spec-deltas/0-untitled.md', edit(specDelta('INVARIANT-600', 'INVARIANT-300'), '# Spec Delta: INVARIANT-600', '# Spec Delta:'));
  put('spec-deltas/a-refers-to-untitled.md', specDelta('INVARIANT-601', 'INVARIANT-600'));
  // Defined after the files that refer to it, in its Invariant ID section only: known only once every file is read.
  put('spec-deltas/zz-untitled.md', edit(specDelta('INVARIANT-700', 'INVARIANT-200'), '# Spec Delta: INVARIANT-700', '# Spec Delta:'));
  put('spec-deltas/b-refers-to-700.md', specDelta('INVARIANT-701', 'INVARIANT-700'));
  put('spec-deltas/template.md', TEMPLATE);
  put('spec-deltas/missing-section.md', edit(specDelta('INVARIANT-602', 'INVARIANT-601', 'Draft'), '## Review Checklist', '## Not The Checklist'));
  put('spec-deltas/missing-section-crlf.md', edit(specDelta('INVARIANT-603', 'INVARIANT-602', 'Draft'), '## Approval', '## Sign-off').replace(/\n/g, '\r\n'));
  put('notes/readme.md', '# Notes\n\nINVARIANT-200 is mentioned here.\n');
}

function snapshot(dir: string): Map<string, string> {
  const files = new Map<string, string>();
  const walk = (folder: string): void => {
    for (const entry of fs.readdirSync(folder, { withFileTypes: true })) {
      const file = path.join(folder, entry.name);
      if (entry.isDirectory()) walk(file);
      else files.set(path.relative(dir, file), fs.readFileSync(file, 'latin1'));
    }
  };
  walk(dir);
  return files;
}

test('workers or one thread: the same output, byte for byte, and exit status in every format', () => {
  inTemp((dir) => {
    makeWorkspace(dir);
    for (const format of formats()) {
      const single = cli(dir, 0, ['lint', '--format', format, '.']);
      const started = poolStats.started;
      const jobs = poolStats.jobs;
      const workerBatches = poolStats.workerBatches;
      for (const workers of format === 'json' ? [1, 2, 3] : [2]) {
        const parallel = cli(dir, workers, ['lint', '--format', format, '.']);
        assert.equal(parallel.stdout, single.stdout, `${format} with ${workers} workers`);
        assert.equal(parallel.stderr, single.stderr, `${format} with ${workers} workers`);
        assert.equal(parallel.code, single.code, `${format} with ${workers} workers`);
      }
      assert.equal(poolStats.started - started, format === 'json' ? 6 : 2, 'the parallel runs started their workers');
      assert.ok(poolStats.jobs > jobs, 'the workers were given the first pass');
      assert.ok(poolStats.workerBatches > workerBatches, 'the workers reported batches they ran');
      assert.equal(single.code, 1);
    }
    // The cross-file findings are there to compare: the duplicate, the unknown references, the
    // reference to an id written only in an Invariant ID section, the oversized file.
    const files = JSON.parse(cli(dir, 2, ['lint', '--format', 'json', '.']).stdout) as { file: string; diagnostics: { code: string; message: string }[] }[];
    const codes = (name: string): string[] => files.find((f) => f.file === name)!.diagnostics.map((d) => d.code);
    assert.ok(codes(path.join('spec-deltas', 'dup', 'one.md')).includes('SD012'));
    assert.ok(codes(path.join('spec-deltas', 'dup', 'two.md')).includes('SD012'));
    assert.ok(codes(path.join('spec-deltas', 'unknown.md')).includes('SD403'));
    assert.ok(!codes(path.join('spec-deltas', 'a-refers-to-untitled.md')).includes('SD403'));
    assert.ok(!codes(path.join('spec-deltas', 'b-refers-to-700.md')).includes('SD403'));
    assert.ok(codes(path.join('spec-deltas', 'big.md')).length === 1);
    assert.equal(
      files.some((f) => f.file.startsWith('notes')),
      false,
    );
  });
});

test('the catalogue on workers or one thread: the same output, byte for byte, in every catalog format', () => {
  inTemp((dir) => {
    makeWorkspace(dir);
    // Every catalog format, as the catalog command's own usage message lists them.
    const list = /use (.*)$/m.exec(cli(dir, 0, ['catalog', '--format', 'no-such-format']).stderr)?.[1] ?? '';
    const names = list.split(/,\s*|\s+or\s+/).filter(Boolean);
    for (const expected of ['json', 'markdown']) assert.ok(names.includes(expected), `${expected} in ${list}`);
    for (const format of names) {
      const single = cli(dir, 0, ['catalog', '--format', format, '.']);
      assert.equal(single.code, 0, single.stderr);
      assert.match(single.stdout, /INVARIANT-700/, 'an id found only in its Invariant ID section');
      const started = poolStats.started;
      const jobs = poolStats.jobs;
      const workerBatches = poolStats.workerBatches;
      for (const workers of [1, 2]) {
        const parallel = cli(dir, workers, ['catalog', '--format', format, '.']);
        assert.equal(parallel.stdout, single.stdout, `${format} with ${workers} workers`);
        assert.equal(parallel.stderr, single.stderr, `${format} with ${workers} workers`);
        assert.equal(parallel.code, single.code, `${format} with ${workers} workers`);
      }
      assert.equal(poolStats.started - started, 3, 'the parallel runs started their workers');
      assert.ok(poolStats.jobs > jobs, 'the workers were given the first pass');
      assert.ok(poolStats.workerBatches > workerBatches, 'the workers reported batches they ran');
    }
  });
});

test('a file that fails stops the run with the same message whether or not workers run', () => {
  inTemp((dir) => {
    makeWorkspace(dir);
    fs.mkdirSync(path.join(dir, 'spec-deltas', 'm', 'broken'), { recursive: true });
    fs.writeFileSync(path.join(dir, 'spec-deltas', 'm', '.spec-delta.json'), '{"rules": 3}');
    const single = cli(dir, 0, ['lint', '.']);
    assert.equal(single.code, 2);
    assert.match(single.stderr, /rules/);
    assert.deepEqual(cli(dir, 2, ['lint', '.']), single);
    assert.deepEqual(cliReadingAhead(dir, true, ['lint', '.']), single, 'the read-ahead thread stops at the file; the main thread reports it');
  });
});

test('--fix with workers writes the same files and reports the same as on one thread', () => {
  inTemp((a) =>
    inTemp((b) => {
      makeWorkspace(a);
      makeWorkspace(b);
      // The two folders differ only in their name, which the JSON's related locations hold.
      const inFolder = (dir: string, r: CliResult): CliResult => ({ ...r, stdout: r.stdout.split(pathToFileURL(dir).href).join('file:///folder') });
      const single = inFolder(a, cli(a, 0, ['lint', '--fix', '--format', 'json', '.']));
      const parallel = inFolder(b, cli(b, 2, ['lint', '--fix', '--format', 'json', '.']));
      assert.ok(single.stdout.includes('file:///folder/spec-deltas/dup/'));
      assert.ok(parallel.stdout === single.stdout, 'the same report');
      assert.deepEqual(parallel, single);
      const fixed = snapshot(a);
      assert.deepEqual(snapshot(b), fixed);
      assert.match(fixed.get(path.join('spec-deltas', 'missing-section.md'))!, /\n## Review Checklist\n/);
      assert.match(fixed.get(path.join('spec-deltas', 'missing-section-crlf.md'))!, /\r\n## Approval\r\n/);
      // Run again: nothing is left to insert, so nothing is written twice.
      assert.equal(inFolder(b, cli(b, 2, ['lint', '--fix', '--format', 'json', '.'])).stdout, inFolder(a, cli(a, 0, ['lint', '--format', 'json', '.'])).stdout);
      assert.deepEqual(snapshot(b), fixed);
    }),
  );
});

test('the built CLI (bin/spec-delta.js, dist/) runs its workers from dist/ with the same output', () => {
  assert.ok(fs.existsSync(path.join(ROOT, 'dist', 'cli.js')), 'dist/cli.js is built (node esbuild.mjs)');
  inTemp((dir) => {
    makeWorkspace(dir);
    const spawn = (workers: number) => binCli(dir, ['lint', '--format', 'sarif', '.'], { env: { ...process.env, SPEC_DELTA_WORKERS: String(workers) } });
    const single = spawn(0);
    const parallel = spawn(2);
    assert.equal(single.code, 1, single.stderr);
    assert.equal(parallel.stderr, single.stderr);
    assert.equal(parallel.stdout, single.stdout);
    assert.equal(parallel.code, single.code);
  });
});

test('workers start only with enough files per worker and an idle core for each', () => {
  const before = process.env['SPEC_DELTA_WORKERS'];
  delete process.env['SPEC_DELTA_WORKERS'];
  try {
    assert.equal(workerCount(FILES_PER_WORKER - 1, 4, 0), 0, 'too few files for one worker');
    assert.equal(workerCount(FILES_PER_WORKER, 4, 0.2), 1);
    assert.equal(workerCount(20000, 2, 0), 0, 'two cores are this thread and its V8 helpers (the read-ahead thread shares them)');
    assert.equal(workerCount(20000, 4, 0), 2);
    assert.equal(workerCount(20000, 4, 0.2), 1, 'a core a fifth busy is not idle');
    assert.equal(workerCount(20000, 8, 0.5), 5);
    assert.equal(workerCount(3 * FILES_PER_WORKER, 8, 0.5), 3);
    assert.equal(workerCount(20000, 4, 1.5), 0, 'the load leaves two and a half cores idle');
    assert.equal(workerCount(20000, 8, 5.2), 0, 'two idle cores: the read-ahead thread, not a worker');
    assert.equal(workerCount(20000, 8, 6.2), 0);
    assert.equal(workerCount(20000, 8, 3.9), 2);
    assert.equal(workerCount(20000, 1, 0), 0);
  } finally {
    if (before !== undefined) process.env['SPEC_DELTA_WORKERS'] = before;
  }
  process.env['SPEC_DELTA_WORKERS'] = '3';
  try {
    assert.equal(workerCount(5, 2, 9), 3, 'SPEC_DELTA_WORKERS decides');
  } finally {
    if (before === undefined) delete process.env['SPEC_DELTA_WORKERS'];
    else process.env['SPEC_DELTA_WORKERS'] = before;
  }
});

test("the load is what every reading of the running tasks agrees on, less this process's own threads", () => {
  const at = (running: number, own: number) => ({ running, own });
  assert.equal(loadFrom(1.8, [at(1, 1), at(1, 1), at(1, 1)]), 0, 'only this thread runs: the lagging average does not count');
  assert.equal(loadFrom(1.8, [at(2, 1), at(1, 1), at(1, 1)]), 0, 'a task running at one reading only is not load');
  assert.equal(loadFrom(1.8, [at(3, 3), at(2, 2), at(2, 1)]), 0, "V8's threads compiling this process's code are not load");
  assert.equal(loadFrom(1.8, [at(2, 1), at(3, 1), at(2, 1)]), 1, 'another process running throughout');
  assert.equal(loadFrom(0.4, [at(3, 1), at(3, 1), at(3, 1)]), 0.4, 'never more than the average');
  assert.equal(loadFrom(0.4, [at(0, 0)]), 0, 'a reading without this thread counts it');
  assert.equal(loadFrom(0.7, []), 0.7, 'no reading: the average');
});

test('the read-ahead thread starts only for a long run with two idle cores and no pool', () => {
  const saved = { workers: process.env['SPEC_DELTA_WORKERS'], ahead: process.env['SPEC_DELTA_READ_AHEAD'] };
  const restore = (name: string, value: string | undefined): void => {
    if (value === undefined) delete process.env[name];
    else process.env[name] = value;
  };
  delete process.env['SPEC_DELTA_WORKERS'];
  delete process.env['SPEC_DELTA_READ_AHEAD'];
  try {
    assert.equal(readAheadWanted(FILES_FOR_READ_AHEAD - 1, 2, 0), false, 'too short a run to repay it');
    assert.equal(readAheadWanted(FILES_FOR_READ_AHEAD, 2, 0), true, 'a long run on two idle cores');
    assert.equal(readAheadWanted(20000, 2, 0.5), false, 'not when the second core is busy');
    assert.equal(readAheadWanted(20000, 4, 1.5), true, 'two idle cores of four');
    assert.equal(readAheadWanted(20000, 1, 0), false, 'one core');
    process.env['SPEC_DELTA_WORKERS'] = '0';
    assert.equal(readAheadWanted(20000, 2, 0), false, 'SPEC_DELTA_WORKERS=0: one thread');
    process.env['SPEC_DELTA_READ_AHEAD'] = '1';
    assert.equal(readAheadWanted(5, 1, 9), true, 'SPEC_DELTA_READ_AHEAD decides');
    process.env['SPEC_DELTA_READ_AHEAD'] = 'wait';
    assert.equal(readAheadWanted(5, 1, 9), true, 'wait is forced too');
  } finally {
    restore('SPEC_DELTA_WORKERS', saved.workers);
    restore('SPEC_DELTA_READ_AHEAD', saved.ahead);
  }
});

/** The CLI in-process with the read-ahead thread forced and waited for (SPEC_DELTA_READ_AHEAD=wait) or not (0). */
function cliReadingAhead(cwd: string, ahead: boolean, argv: string[]): CliResult {
  const before = process.env['SPEC_DELTA_READ_AHEAD'];
  process.env['SPEC_DELTA_READ_AHEAD'] = ahead ? 'wait' : '0';
  try {
    return inProcess(cwd, ...argv);
  } finally {
    if (before === undefined) delete process.env['SPEC_DELTA_READ_AHEAD'];
    else process.env['SPEC_DELTA_READ_AHEAD'] = before;
  }
}

test('with the read-ahead thread or without: the same output, byte for byte, in every lint and catalog format', () => {
  inTemp((dir) => {
    makeWorkspace(dir);
    // SPEC_DELTA_READ_AHEAD=wait waits for the thread's first file, so that each run with it uses it.
    for (let i = 0; i < 150; i++)
      fs.writeFileSync(path.join(dir, 'spec-deltas', `more-${i}.md`), specDelta(`INVARIANT-${800 + i}`, `INVARIANT-${800 + ((i + 1) % 150)}`));
    const catalogFormats = Object.keys(CATALOG_FORMATS);
    assert.ok(catalogFormats.includes('json') && catalogFormats.includes('markdown'), catalogFormats.join(' '));
    const runs = [...formats().map((f) => ['lint', '--format', f, '.']), ...catalogFormats.map((f) => ['catalog', '--format', f, '.'])];
    const handed = readAheadStats.handed;
    for (const argv of runs) {
      const without = cliReadingAhead(dir, false, argv);
      const ahead = cliReadingAhead(dir, true, argv);
      assert.equal(ahead.stdout, without.stdout, argv.join(' '));
      assert.equal(ahead.stderr, without.stderr, argv.join(' '));
      assert.equal(ahead.code, without.code, argv.join(' '));
    }
    // Forced, the thread is waited for: the output was made from files it handed over.
    assert.ok(readAheadStats.handed > handed, `${readAheadStats.handed - handed} files handed over in ${runs.length} runs`);
  });
});

/** Starts a read-ahead thread on `script`, lets it fill its window, and checks what it hands over against the main thread's reads. */
function checkReadAhead(script: string | undefined): void {
  inTemp((dir) => {
    makeWorkspace(dir);
    for (let i = 0; i < WINDOW + 40; i++) fs.writeFileSync(path.join(dir, 'spec-deltas', `more-${i}.md`), specDelta(`INVARIANT-${800 + i}`, 'INVARIANT-200'));
    const files = expandPaths(['.'], dir);
    const ahead = new ReadAhead(files, dir, script);
    try {
      // Given time (its start, in the test build, loads every module), it fills its window and stops there.
      const sleeper = new Int32Array(new SharedArrayBuffer(4));
      for (let waited = 0; ahead.waiting < WINDOW && waited < 30_000; waited += 50) Atomics.wait(sleeper, 0, 0, 50);
      Atomics.wait(sleeper, 0, 0, 200);
      assert.equal(ahead.waiting, WINDOW, 'a full window, and no more');
      const configs = new ConfigLoader(dir);
      const pass = new FirstPass(dir);
      const handed = files.flatMap((found, i) => {
        const read = ahead.take(i);
        if (!read) return [];
        assert.deepEqual(read, readFile(found, configs.effective(found.path), dir, true), found.path);
        // And the first pass makes of it what it makes of the file read here.
        assert.deepEqual(pass.run(found, read), pass.run(found), found.path);
        return [read];
      });
      assert.ok(handed.length >= WINDOW, `${handed.length} files handed over`);
      assert.ok(
        handed.some((r) => r.blocks === undefined) && handed.some((r) => r.blocks !== undefined),
        'a file over maxFileSize is handed over without blocks, the others with',
      );
    } finally {
      ahead.close();
    }
  });
}

test('the read-ahead thread hands over each file as the main thread would read it, blocks included, at most WINDOW ahead', () => {
  checkReadAhead(undefined);
});

test('the built CLI (dist/cli.js) serves as the read-ahead thread as the test build does', () => {
  assert.ok(fs.existsSync(path.join(ROOT, 'dist', 'cli.js')), 'dist/cli.js is built (node esbuild.mjs)');
  checkReadAhead(path.join(ROOT, 'dist', 'cli.js'));
});
