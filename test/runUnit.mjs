// Builds the sources and tests into out/ and runs the suites of node's test runner:
//   unit      test/unit: the core, the CLI, configuration, docs, security
//   protocol  test/protocol: the real server as a process, spoken to over stdio
//   fuzz      test/fuzz: the seeded random (property) tests; FUZZ_RUNS and FUZZ_SEED apply
// `node test/runUnit.mjs [--suite=<name>]... [name-filter]` runs the named suites (all three when
// none is named), and only their test files whose name contains the filter.
import { spawnSync } from 'node:child_process';
import { readdirSync, statSync, rmSync } from 'node:fs';
import { join } from 'node:path';

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
  const result = spawnSync(process.execPath, ['--enable-source-maps', '--test', '--test-reporter=spec', `--test-timeout=${TEST_TIMEOUT_MS}`, ...files], {
    stdio: 'inherit',
  });
  if (result.status !== 0) status = result.status ?? 1;
}
rmSync(out, { recursive: true, force: true });
process.exit(status);

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
