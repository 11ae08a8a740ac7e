import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { Worker } from 'node:worker_threads';

/**
 * threadPriority.ts, in threads and a process of their own (each priority set is for good): the
 * read-ahead thread lowers its own, and a one-thread CLI run lowers V8's helpers', never the main
 * thread's. Linux only, as the module.
 */

// The test build's module, beside this file's folder (each module is its own file there).
const MODULE = path.join(__dirname, '..', '..', 'server', 'src', 'node', 'threadPriority.js');
const linux = process.platform === 'linux';

/** A thread's nice value, from /proc (the 19th field of its stat, after the parenthesised name). */
function niceOf(pid: number, thread: number): number {
  const stat = fs.readFileSync(`/proc/${pid}/task/${thread}/stat`, 'utf8');
  return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[16]);
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

test('lowerOtherThreads lowers every thread of the process but the main thread', { skip: !linux && 'Linux only' }, () => {
  const script = `
    const fs = require('node:fs');
    require(${JSON.stringify(MODULE)}).lowerOtherThreads();
    const nice = (t) => { const s = fs.readFileSync('/proc/self/task/' + t + '/stat', 'utf8'); return Number(s.slice(s.lastIndexOf(')') + 2).split(' ')[16]); };
    const others = fs.readdirSync('/proc/self/task').map(Number).filter((t) => t !== process.pid);
    console.log(JSON.stringify({ main: nice(process.pid), others: others.map(nice) }));`;
  const result = spawnSync(process.execPath, ['-e', script], { encoding: 'utf8' });
  assert.equal(result.status, 0, result.stderr);
  const { main, others } = JSON.parse(result.stdout) as { main: number; others: number[] };
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
  const helpersAfter = (asCommand: boolean): { main: number; others: number[] } => {
    const script = `
      const fs = require('node:fs');
      const lint = require(${JSON.stringify(lint)});
      if (${asCommand}) lint.runAsCommand();
      const results = lint.lintFiles(require(${JSON.stringify(files)}).expandPaths(['.'], ${JSON.stringify(examples)}), ${JSON.stringify(examples)}, { fix: false });
      if (results.length === 0) throw new Error('no spec deltas linted');
      const nice = (t) => { const s = fs.readFileSync('/proc/self/task/' + t + '/stat', 'utf8'); return Number(s.slice(s.lastIndexOf(')') + 2).split(' ')[16]); };
      const others = fs.readdirSync('/proc/self/task').map(Number).filter((t) => t !== process.pid).map(nice);
      console.log(JSON.stringify({ main: nice(process.pid), others }));`;
    const result = spawnSync(process.execPath, ['-e', script], {
      encoding: 'utf8',
      env: { ...process.env, SPEC_DELTA_WORKERS: '', SPEC_DELTA_READ_AHEAD: '0' },
    });
    assert.equal(result.status, 0, result.stderr);
    return JSON.parse(result.stdout) as { main: number; others: number[] };
  };
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

function findRepo(from: string): string {
  for (let dir = from; ; dir = path.dirname(dir)) {
    if (fs.existsSync(path.join(dir, 'examples')) && fs.existsSync(path.join(dir, 'package.json'))) return dir;
    if (path.dirname(dir) === dir) throw new Error('the repository was not found');
  }
}
