import * as fs from 'node:fs';
import * as path from 'node:path';
import { MessageChannel, MessagePort, Worker, receiveMessageOnPort } from 'node:worker_threads';
import type { FoundFile } from '../node/files';
import type { ExtractionName } from './extractions';
import { ThrownError, rebuildError, serializeError } from './lintPasses';

/**
 * Spreads the CLI's first pass over worker threads while keeping `run` synchronous: the threads take
 * batches of files from a shared counter (so a slow batch does not hold the others back), the
 * main thread takes batches too, and it waits for the workers' reports with `Atomics.wait` and
 * `receiveMessageOnPort` instead of its event loop. Results are put back in file order, and of
 * the files that failed the first in order is the one reported, as a single thread would.
 */

/** The first pass over a list of files (lintPasses.ts), taken in batches by every thread. */
export interface Job {
  readonly id: number;
  readonly files: readonly FoundFile[];
  readonly claim: SharedArrayBuffer;
  readonly batch: number;
  readonly extract: ExtractionName | undefined;
}

export type Report =
  | { readonly job: number; readonly start: number; readonly results: readonly unknown[] }
  | { readonly job: number; readonly start: number; readonly at: number; readonly error: ThrownError };

/** What a worker is given when it starts: a thread of the pool (this file) or the read-ahead thread (readAhead.ts). */
export type WorkerData = PoolWorkerData | ReadAheadData;

interface ThreadData {
  /** Tells the CLI's entry, which the worker runs, to serve the main thread instead of running a command. */
  readonly lintWorker: true;
  readonly port: MessagePort;
  readonly signal: SharedArrayBuffer;
  readonly cwd: string;
}

/** A thread of the pool: given its jobs through the port. */
export interface PoolWorkerData extends ThreadData {
  readonly role: 'pool';
}

/** The read-ahead thread: given every file of the run at its start. */
export interface ReadAheadData extends ThreadData {
  readonly role: 'readAhead';
  readonly files: readonly FoundFile[];
}

/** The counter's slots: the next batch to take, and whether a thread failed (then no more are taken). */
const NEXT = 0;
const FAILED = 1;

let jobs = 0;

export function newJob(files: readonly FoundFile[], threads: number, extra: Pick<Job, 'extract'>): Job {
  // Small batches balance the threads; 64 files keep the reports few on 20,000.
  const batch = Math.max(1, Math.min(64, Math.ceil(files.length / (threads * 8))));
  return { id: ++jobs, files, claim: new SharedArrayBuffer(8), batch, ...extra };
}

/** Takes batches of a job until none is left or a thread failed, reporting each. */
export function runBatches(job: Job, run: (found: FoundFile) => unknown, report: (r: Report) => void): void {
  const claim = new Int32Array(job.claim);
  for (;;) {
    if (Atomics.load(claim, FAILED) !== 0) return;
    const start = Atomics.add(claim, NEXT, 1) * job.batch;
    if (start >= job.files.length) return;
    const end = Math.min(start + job.batch, job.files.length);
    const results: unknown[] = [];
    for (let i = start; i < end; i++) {
      try {
        results.push(run(job.files[i]!));
      } catch (error) {
        Atomics.store(claim, FAILED, 1);
        report({ job: job.id, start, at: i, error: serializeError(error) });
        return;
      }
    }
    report({ job: job.id, start, results });
  }
}

declare const SPEC_DELTA_CLI_BUNDLE: string | undefined;

/**
 * The worker's script: the CLI's own entry, which serves jobs when started as a worker
 * (lintWorker.ts). In the bundles (dist/cli.js, and dist/mcp.js beside it) that is dist/cli.js;
 * in the test build, where each module is its own file, main.js beside this one.
 */
export const WORKER_SCRIPT = path.join(__dirname, typeof SPEC_DELTA_CLI_BUNDLE === 'string' ? SPEC_DELTA_CLI_BUNDLE : 'main.js');

/** How many workers were started in this process: the tests check that a parallel run had some. */
export const poolStats = { started: 0, jobs: 0, workerBatches: 0 };

export class WorkerPool {
  private readonly workers: { readonly worker: Worker; readonly port: MessagePort }[] = [];
  private readonly signal = new SharedArrayBuffer(4);

  /**
   * `eachWorks`: this thread takes no batch before each worker has reported one (or 10 s have
   * passed): for SPEC_DELTA_WORKERS, which forces workers so that the tests and the benchmark run
   * in parallel; otherwise on a few dozen files this thread takes every batch while the workers
   * still start, and the "parallel" run would be one thread's.
   */
  constructor(
    count: number,
    cwd: string,
    private readonly eachWorks = false,
  ) {
    for (let i = 0; i < count; i++) {
      const { port1, port2 } = new MessageChannel();
      const workerData: PoolWorkerData = { lintWorker: true, role: 'pool', port: port2, signal: this.signal, cwd };
      let worker: Worker;
      try {
        worker = new Worker(WORKER_SCRIPT, { workerData, transferList: [port2] });
      } catch {
        // No thread to be had (a limit on threads or memory): the threads there are do the work.
        port1.close();
        break;
      }
      // A worker that cannot start takes no batch, so the others do its share; its error must
      // not end the process after the report is written.
      worker.on('error', () => undefined);
      // The pool is closed when the run ends; nothing here may keep the process alive after it.
      worker.unref();
      port1.unref();
      this.workers.push({ worker, port: port1 });
      poolStats.started++;
    }
  }

  static available(): boolean {
    return fs.existsSync(WORKER_SCRIPT);
  }

  get size(): number {
    return this.workers.length;
  }

  /**
   * Runs a job on every worker and on this thread; its results in file order. It waits for the
   * batches, not for the workers: a worker still starting when this thread has taken every batch
   * is not waited for.
   */
  run(job: Job, here: (found: FoundFile) => unknown): unknown[] {
    for (const { worker } of this.workers) worker.postMessage(job);
    poolStats.jobs++;
    const results = new Array<unknown>(job.files.length);
    const batches = Math.ceil(job.files.length / job.batch);
    const reported = new Uint8Array(batches);
    let missing = batches;
    let failure: { start: number; at: number; error: ThrownError } | undefined;
    const take = (r: Report): void => {
      if (r.job !== job.id) return; // a worker's report of an earlier job that failed
      if ('results' in r) r.results.forEach((result, k) => (results[r.start + k] = result));
      else if (r.start < 0) failure = r;
      else if (!failure || r.at < failure.at) failure = r;
      if (r.start >= 0 && reported[r.start / job.batch] === 0) {
        reported[r.start / job.batch] = 1;
        missing--;
      }
    };
    // After a failure, only the batches before the failing one matter: they hold any earlier one.
    const finished = (): boolean =>
      missing === 0 || (failure !== undefined && reported.subarray(0, Math.max(0, failure.start / job.batch)).every((b) => b === 1));
    const signal = new Int32Array(this.signal);
    const silent = new Set(this.workers.map((w) => w.port));
    /** Takes the reports there are; waits (at most `ms`) when there were none. */
    const receive = (ms = Infinity): void => {
      const seen = Atomics.load(signal, 0);
      let received = false;
      for (const { port } of this.workers) {
        for (let m = receiveMessageOnPort(port); m; m = receiveMessageOnPort(port)) {
          received = true;
          silent.delete(port);
          poolStats.workerBatches++;
          take(m.message as Report);
        }
      }
      // The workers add one to the signal after each report; wait only if none came since `seen`.
      if (!received && !finished()) Atomics.wait(signal, 0, seen, ms);
    };
    const deadline = Date.now() + 10_000;
    while (this.eachWorks && silent.size > 0 && !finished() && Date.now() < deadline) receive(100);
    runBatches(job, here, take);
    while (!finished()) receive();
    if (failure) throw rebuildError(failure.error);
    return results;
  }

  close(): void {
    for (const { worker, port } of this.workers) {
      port.close();
      void worker.terminate();
    }
  }
}
