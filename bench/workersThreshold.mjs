// How many files a second thread needs before it pays: `spec-delta lint` on N generated spec
// deltas with one worker of the pool (SPEC_DELTA_WORKERS=1) and with the read-ahead thread
// (SPEC_DELTA_READ_AHEAD=1) against one thread (SPEC_DELTA_WORKERS=0), interleaved, the median of
// `repeats` runs each. Sets FILES_PER_WORKER (the default counts bracket it) and
// FILES_FOR_READ_AHEAD (give counts around it, e.g. 2000,4000,8000,20000) in server/src/cli/lint.ts.
//
//   node bench/workersThreshold.mjs [counts, default 100,200,400,800,1600] [repeats, default 5]
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { corpus } from './corpus.mjs';
import { median } from './stats.mjs';

const counts = (process.argv[2] ?? '100,200,400,800,1600').split(',').map(Number);
const repeats = Number(process.argv[3] ?? 5);
const bin = join(process.cwd(), 'bin/spec-delta.js');

const ONE_THREAD = { SPEC_DELTA_WORKERS: '0' };
const ONE_WORKER = { SPEC_DELTA_WORKERS: '1' };
const READ_AHEAD = { SPEC_DELTA_READ_AHEAD: '1' };

function wall(dir, env) {
  const start = process.hrtime.bigint();
  const result = spawnSync(process.execPath, [bin, 'lint', '--format', 'json', 'docs'], {
    cwd: dir,
    encoding: 'utf8',
    maxBuffer: 1 << 30,
    env: { ...process.env, ...env },
  });
  if (result.status !== 0 && result.status !== 1) throw new Error(result.stderr);
  return Number(process.hrtime.bigint() - start) / 1e6;
}

console.log('files  one thread  one worker  ratio  read-ahead  ratio');
for (const count of counts) {
  const dir = mkdtempSync(join(tmpdir(), 'spec-delta-threshold-'));
  try {
    const folder = join(dir, 'docs', 'spec-deltas');
    mkdirSync(folder, { recursive: true });
    corpus(count, 11).forEach((text, i) => writeFileSync(join(folder, `doc-${i}.md`), text));
    wall(dir, ONE_THREAD);
    const single = [];
    const workers = [];
    const ahead = [];
    for (let i = 0; i < repeats; i++) {
      single.push(wall(dir, ONE_THREAD));
      workers.push(wall(dir, ONE_WORKER));
      ahead.push(wall(dir, READ_AHEAD));
    }
    const a = median(single);
    const b = median(workers);
    const c = median(ahead);
    const ms = (t) => `${t.toFixed(0).padStart(7)} ms`;
    console.log(`${String(count).padStart(5)}  ${ms(a)}  ${ms(b)}  ${(b / a).toFixed(2)}x  ${ms(c)}  ${(c / a).toFixed(2)}x`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
