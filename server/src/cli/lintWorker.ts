import { isMainThread, parentPort, workerData } from 'node:worker_threads';
import { FirstPass, serializeError } from './lintPasses';
import { serveReadAhead } from './readAhead';
import { Job, PoolWorkerData, Report, WorkerData, runBatches } from './threads';

/**
 * A worker thread of `spec-delta lint` (see threads.ts): runs the batches it takes of each first
 * pass the main thread posts. Nothing here writes files: `--fix` writes on the main thread only.
 * The worker runs the CLI's own entry (dist/cli.js; main.js in the test build), which serves
 * here instead of running the command: one bundle of the core in the package, not two.
 */

/** Whether this thread was started by a WorkerPool (threads.ts) or as the read-ahead thread (readAhead.ts). */
export function isLintWorker(): boolean {
  return !isMainThread && (workerData as Partial<WorkerData> | null)?.lintWorker === true;
}

/** Serves the main thread as the role it was started for. */
export function serveMainThread(): void {
  const data = workerData as WorkerData;
  if (data.role === 'readAhead') serveReadAhead(data);
  else serveLintJobs(data);
}

function serveLintJobs({ port, signal, cwd }: PoolWorkerData): void {
  const counter = new Int32Array(signal);
  const report = (r: Report): void => {
    port.postMessage(r);
    Atomics.add(counter, 0, 1);
    Atomics.notify(counter, 0);
  };
  parentPort!.on('message', (job: Job) => {
    try {
      const pass = new FirstPass(cwd, job.extract);
      runBatches(job, (found) => pass.run(found), report);
    } catch (error) {
      // Not a file's failure (those are reported with their batch): reported before any file's.
      report({ job: job.id, start: -1, at: -1, error: serializeError(error) });
    }
  });
}
