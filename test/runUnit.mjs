// Builds the sources and tests into out/ and runs the unit and protocol suites with node's test
// runner. `node test/runUnit.mjs [name-filter]` runs only the test files whose name contains it.
import { spawnSync } from 'node:child_process';
import { readdirSync, statSync, rmSync } from 'node:fs';
import { join } from 'node:path';

// Each run builds into its own folder, so that runs side by side do not trip over each other.
const out = join('out', `run-${process.pid}`);
const build = spawnSync(process.execPath, ['esbuild.mjs', '--tests', `--outdir=${out}`], { stdio: 'inherit' });
if (build.status !== 0) process.exit(build.status ?? 1);

const filter = process.argv[2] ?? '';
// A test that hangs (a server that never answers) fails after this long instead of stalling CI.
const TEST_TIMEOUT_MS = 120_000;
const files = [...walk(join(out, 'test/unit')), ...walk(join(out, 'test/protocol'))].filter((f) => f.endsWith('.test.js') && f.includes(filter));
const result = spawnSync(process.execPath, ['--enable-source-maps', '--test', '--test-reporter=spec', `--test-timeout=${TEST_TIMEOUT_MS}`, ...files], {
  stdio: 'inherit',
});
rmSync(out, { recursive: true, force: true });
process.exit(result.status ?? 1);

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
