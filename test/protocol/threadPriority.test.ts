import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { Worker } from 'node:worker_threads';
import { threadStat } from '../../server/src/node/threadPriority';

/**
 * threadPriority.ts, in threads and a process of their own (each priority set is for good): the
 * read-ahead thread lowers its own, and a one-thread CLI run lowers V8's helpers', never the main
 * thread's. Linux only, as the module.
 */

// The test build's module, beside this file's folder (each module is its own file there).
const MODULE = path.join(__dirname, '..', '..', 'server', 'src', 'node', 'threadPriority.js');
const linux = process.platform === 'linux';

/** A thread's nice value, read by the module's own /proc reader. */
function niceOf(pid: number, thread: number): number {
  const stat = threadStat(thread, pid);
  assert.ok(stat, `thread ${thread} of ${pid}`);
  return stat.nice;
}

test('lowerThisThread lowers the calling thread alone', { skip: !linux && 'Linux only' }, async () => {
  const mainBefore = niceOf(process.pid, process.pid);
  const worker = new Worker(
    `const { parentPort } = require('node:worker_threads');
     const fs = require('node:fs');
     require(${JSON.stringify(MODULE)}).lowerThisThread();
     parentPort.postMessage(Number(fs.readlinkSync('/proc/thread-self').split('/').pop()));
     setTimeout(() => {}, 2000);`,
    { eval: true },
  );
  try {
    const thread = await new Promise<number>((resolve, reject) => worker.once('message', resolve).once('error', reject));
    assert.notEqual(thread, process.pid);
    assert.equal(niceOf(process.pid, thread), 19, 'the thread is at the lowest priority');
    assert.equal(niceOf(process.pid, process.pid), mainBefore, 'the main thread is not');
  } finally {
    await worker.terminate();
  }
});

/**
 * Runs `setup` in a process of its own, then reports the nice values of its main thread and of
 * its other threads, read by the module's own /proc reader.
 */
function nicesAfter(setup: string, env: NodeJS.ProcessEnv = process.env): { main: number; others: number[] } {
  const script = `
    const threads = require(${JSON.stringify(MODULE)});
    ${setup}
    const nice = (t) => threads.threadStat(t).nice;
    const others = threads.threadsOf().filter((t) => t !== process.pid);
    console.log(JSON.stringify({ main: nice(process.pid), others: others.map(nice) }));`;
  const result = spawnSync(process.execPath, ['-e', script], { encoding: 'utf8', env });
  assert.equal(result.status, 0, result.stderr);
  // The last line: what `setup` printed comes before it.
  return JSON.parse(result.stdout.trim().split('\n').pop()!) as { main: number; others: number[] };
}

test('lowerOtherThreads lowers every thread of the process but the main thread', { skip: !linux && 'Linux only' }, () => {
  const { main, others } = nicesAfter('threads.lowerOtherThreads();');
  assert.equal(main, niceOf(process.pid, process.pid), 'the main thread keeps its priority');
  // Node starts V8's platform threads with the process: there are some to lower.
  assert.ok(others.length >= 2, `threads: ${others.length}`);
  assert.deepEqual(
    others,
    others.map(() => 19),
  );
});

test('a one-thread lint run as a command lowers the helpers; run by a library caller it does not', { skip: !linux && 'Linux only' }, () => {
  const lint = path.join(__dirname, '..', '..', 'server', 'src', 'cli', 'lint.js');
  const files = path.join(__dirname, '..', '..', 'server', 'src', 'node', 'files.js');
  const examples = path.join(findRepo(__dirname), 'examples');
  const helpersAfter = (asCommand: boolean): { main: number; others: number[] } =>
    nicesAfter(
      `const lint = require(${JSON.stringify(lint)});
       const results = lint.lintFiles(require(${JSON.stringify(files)}).expandPaths(['.'], ${JSON.stringify(examples)}), ${JSON.stringify(examples)}, { fix: false, ownsProcess: ${asCommand} });
       if (results.length === 0) throw new Error('no spec deltas linted');`,
      { ...process.env, SPEC_DELTA_WORKERS: '', SPEC_DELTA_READ_AHEAD: '0' },
    );
  const command = helpersAfter(true);
  assert.deepEqual(
    command.others,
    command.others.map(() => 19),
  );
  assert.equal(command.main, niceOf(process.pid, process.pid), 'the main thread keeps its priority');
  const library = helpersAfter(false);
  assert.deepEqual(
    library.others,
    library.others.map(() => library.main),
    'the helpers keep the priority of the process',
  );
});

test(
  'spec-delta lint and catalog as a user runs them (dist/cli.js) lower the helpers; the MCP server does not (mcp.test.ts)',
  { skip: !linux && 'Linux only' },
  () => {
    const repo = findRepo(__dirname);
    const cli = path.join(repo, 'dist', 'cli.js');
    assert.ok(fs.existsSync(cli), 'dist/cli.js is built (node esbuild.mjs)');
    for (const command of ['lint', 'catalog']) {
      // The command line as bin/spec-delta.js runs it: its own process, its arguments in process.argv.
      const { main, others } = nicesAfter(
        `process.argv = [process.execPath, 'spec-delta', ${JSON.stringify(command)}, ${JSON.stringify(path.join(repo, 'examples'))}];
       require(${JSON.stringify(cli)}).runFromCommandLine();
       if (process.exitCode) throw new Error('exit status ' + process.exitCode);`,
        { ...process.env, SPEC_DELTA_WORKERS: '', SPEC_DELTA_READ_AHEAD: '0' },
      );
      assert.ok(others.length >= 2, `${command}: threads: ${others.length}`);
      assert.deepEqual(
        others,
        others.map(() => 19),
        command,
      );
      assert.equal(main, niceOf(process.pid, process.pid), `${command}: the main thread keeps its priority`);
    }
  },
);

function findRepo(from: string): string {
  for (let dir = from; ; dir = path.dirname(dir)) {
    if (fs.existsSync(path.join(dir, 'examples')) && fs.existsSync(path.join(dir, 'package.json'))) return dir;
    if (path.dirname(dir) === dir) throw new Error('the repository was not found');
  }
}
