// Builds the sources and tests into out/ and runs the suites of node's test runner:
//   unit      test/unit: the core, the CLI, configuration, docs, security; in-process, all files in
//             one process, so that the suite takes seconds
//   protocol  test/protocol: the real server and the built CLI as processes (over stdio), and the
//             CLI's worker threads
//   fuzz      test/fuzz: the seeded random (property) tests; FUZZ_RUNS and FUZZ_SEED apply
// `node test/runUnit.mjs [--suite=<name>]... [name-filter]` runs the named suites (all three when
// none is named), and only their test files whose name contains the filter.
import { spawnSync } from 'node:child_process';
import { readdirSync, statSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

const SUITES = ['unit', 'protocol', 'fuzz'];
const args = process.argv.slice(2);
const named = args.filter((a) => a.startsWith('--suite=')).map((a) => a.slice('--suite='.length));
const unknown = named.filter((s) => !SUITES.includes(s));
if (unknown.length > 0) {
  console.error(`unknown suite ${unknown.join(', ')}: use ${SUITES.join(', ')}`);
  process.exit(2);
}
const suites = named.length > 0 ? named : SUITES;
const filter = args.find((a) => !a.startsWith('--')) ?? '';

// Each run builds into its own folder, so that runs side by side do not trip over each other.
const out = join('out', `run-${process.pid}`);
const build = spawnSync(process.execPath, ['esbuild.mjs', '--tests', `--outdir=${out}`], { stdio: 'inherit' });
if (build.status !== 0) process.exit(build.status ?? 1);

// A test that hangs (a server that never answers) fails after this long instead of stalling CI.
const TEST_TIMEOUT_MS = 120_000;
let status = 0;
for (const suite of suites) {
  const files = [...walk(join(out, 'test', suite))].filter((f) => f.endsWith('.test.js') && f.includes(filter));
  if (files.length === 0) {
    console.log(`${suite}: no test file matches '${filter}'`);
    continue;
  }
  if (suites.length > 1) console.log(`\n=== ${suite} ===`);
  // The unit tests share one process: a process per file cost more than most files' tests.
  const entries = suite === 'unit' ? [oneProcess(files)] : files;
  const result = spawnSync(process.execPath, ['--enable-source-maps', '--test', '--test-reporter=spec', `--test-timeout=${TEST_TIMEOUT_MS}`, ...entries], {
    stdio: 'inherit',
  });
  if (result.status !== 0) status = result.status ?? 1;
}
rmSync(out, { recursive: true, force: true });
process.exit(status);

/**
 * A module that loads every test file, so that node's test runner runs them all in one process. A
 * file that throws while loading fails as a test of its own; the other files still run.
 */
function oneProcess(files) {
  const entry = join(out, 'test', 'unit.entry.js');
  const load = (f) => `try { require(${JSON.stringify(resolve(f))}); } catch (error) { test(${JSON.stringify(`loads ${f}`)}, () => { throw error; }); }\n`;
  writeFileSync(entry, `const { test } = require('node:test');\n${files.map(load).join('')}`);
  return entry;
}

function* walk(dir) {
  let names;
  try {
    names = readdirSync(dir);
  } catch {
    return;
  }
  for (const name of names.sort()) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) yield* walk(path);
    else yield path;
  }
}
