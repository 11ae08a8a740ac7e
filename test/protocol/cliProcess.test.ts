import { strict as assert } from 'node:assert';
import { spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, test } from 'node:test';
import { ROOT, readRepoFile } from '../support/repo';
import { APPROVED } from '../support/fixtures';

/**
 * The built CLI as a shell runs it: `node bin/spec-delta.js` and `node dist/cli.js` (the bundle
 * the package ships), in processes of their own, their output read through real pipes.
 */

const ENTRIES = { 'bin/spec-delta.js': path.join(ROOT, 'bin/spec-delta.js'), 'dist/cli.js': path.join(ROOT, 'dist/cli.js') };
const BROKEN = readRepoFile('test/fixtures/broken/INVARIANT-060-many-errors.md');

let dir: string;

before(() => {
  assert.ok(fs.existsSync(ENTRIES['dist/cli.js']), 'dist/cli.js is built (npm run build)');
  dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'spec-delta-cli-process-')));
  // Enough findings that the JSON is several times a pipe's buffer (64 KiB), and enough files for workers.
  for (let i = 0; i < 120; i++) {
    const id = `INVARIANT-${400 + i}`;
    const text =
      i % 2 === 0
        ? BROKEN.split('INVARIANT-060').join(id)
        : APPROVED.split('INVARIANT-042')
            .join(id)
            .replace('INVARIANT-017', `INVARIANT-${400 + ((i * 7) % 130)}`);
    const file = path.join(dir, 'spec-deltas', String.fromCharCode(97 + ((i * 11) % 26)), `${id}.md`);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, text);
  }
});

after(() => {
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

interface Ended {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly stdout: Buffer;
  readonly stderr: string;
}

/** `node <entry> <argv> | head -c <bytes>`: the reader closes the pipe once it has `bytes`. */
function readHead(entry: string, argv: readonly string[], bytes: number, env: NodeJS.ProcessEnv = process.env): Promise<Ended> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [entry, ...argv], { cwd: dir, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = Buffer.alloc(0);
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => {
      stdout = Buffer.concat([stdout, chunk]);
      if (stdout.length >= bytes) child.stdout.destroy();
    });
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    child.on('error', reject);
    child.on('close', (code, signal) => resolve({ code, signal, stdout: stdout.subarray(0, bytes), stderr }));
  });
}

function whole(entry: string, argv: readonly string[], env: NodeJS.ProcessEnv = process.env): { code: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [entry, ...argv], { cwd: dir, env, encoding: 'utf8', maxBuffer: 1 << 30 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

for (const [name, entry] of Object.entries(ENTRIES)) {
  for (const workers of ['0', '2']) {
    test(`${name} lint --format json | head -c 100 (SPEC_DELTA_WORKERS=${workers}): ends quietly with the lint's exit status`, async () => {
      const env = { ...process.env, SPEC_DELTA_WORKERS: workers };
      const argv = ['lint', '--format', 'json', 'spec-deltas'];
      const full = whole(entry, argv, env);
      assert.equal(full.code, 1, `errors found: ${full.stderr}`);
      assert.ok(full.stdout.length > 3 * 65536, `the output (${full.stdout.length} bytes) is several times a pipe's buffer`);
      const ended = await readHead(entry, argv, 100, env);
      assert.equal(ended.stderr, '', 'nothing on stderr (no EPIPE, no stack trace)');
      assert.equal(ended.signal, null);
      assert.equal(ended.code, full.code, 'the exit status the README documents for the findings');
      assert.equal(ended.stdout.toString('utf8'), full.stdout.slice(0, 100));
    });
  }
}

test('catalog --format json from the built bundle: the same bytes, exit status and stderr on two workers as on one thread', () => {
  for (const entry of Object.values(ENTRIES)) {
    const run = (workers: string) => whole(entry, ['catalog', '--format', 'json', 'spec-deltas'], { ...process.env, SPEC_DELTA_WORKERS: workers });
    const single = run('0');
    assert.equal(single.code, 0, single.stderr);
    assert.match(single.stdout, /INVARIANT-519/);
    const parallel = run('2');
    assert.equal(parallel.stdout, single.stdout);
    assert.equal(parallel.stderr, single.stderr);
    assert.equal(parallel.code, single.code);
  }
});
