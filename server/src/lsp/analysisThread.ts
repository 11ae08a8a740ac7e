import * as path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { OffThreadAnalysis } from './analysis';
import { type AnalysisRequest, type AnalysisResult, AnalysisThreadLost } from './analysisJob';

/** After this many losses in a row the thread is not started again: analysis stays on the main thread. */
const MAX_LOSSES = 3;

/**
 * Runs analyses on one worker thread, started on first use and again after it is lost. The
 * worker file sits beside the running bundle (dist/analysisWorker.js, also in the npm package),
 * or beside this file when the sources are transpiled one by one for the tests.
 */
export class AnalysisThread implements OffThreadAnalysis {
  private worker: Worker | undefined;
  private readonly pending = new Map<number, { resolve: (r: AnalysisResult) => void; reject: (e: Error) => void }>();
  private nextId = 0;
  private losses = 0;
  /** The definitions version the running worker was last sent; undefined: it has none yet. */
  private sentDefinitions: number | undefined;
  /**
   * Parsing documents this long (UTF-16 units) takes long enough (about 2 ms at 64 K, 36 ms at
   * 1 M) to keep a completion waiting. Shorter ones stay on the main thread, where their
   * diagnostics come sooner than a round trip to the thread.
   */
  readonly minLength = Number(process.env.SPEC_DELTA_OFF_THREAD_LENGTH || 64 * 1024);

  constructor(
    private readonly log: (message: string) => void,
    private readonly file = process.env.SPEC_DELTA_ANALYSIS_WORKER || path.join(__dirname, 'analysisWorker.js'),
  ) {}

  /** False once the thread has been lost too often in a row. */
  get available(): boolean {
    return this.losses < MAX_LOSSES;
  }

  /** Whether the request must carry the definitions (the thread has an older state or none). */
  needsDefinitions(version: number): boolean {
    return !this.worker || this.sentDefinitions !== version;
  }

  run(request: AnalysisRequest): Promise<AnalysisResult> {
    return new Promise((resolve, reject) => {
      let worker: Worker;
      try {
        worker = this.worker ?? this.start();
      } catch (error) {
        this.losses = MAX_LOSSES;
        reject(error as Error);
        return;
      }
      const id = ++this.nextId;
      this.pending.set(id, { resolve, reject });
      if (request.definitions) this.sentDefinitions = request.definitionsVersion;
      worker.postMessage({ id, request });
    });
  }

  dispose(): void {
    const worker = this.worker;
    this.worker = undefined;
    void worker?.terminate();
  }

  private start(): Worker {
    const worker = new Worker(this.file);
    this.worker = worker;
    this.sentDefinitions = undefined;
    worker.on('message', (message: { id: number; result?: AnalysisResult; error?: string }) => {
      const job = this.pending.get(message.id);
      if (!job) return;
      this.pending.delete(message.id);
      this.losses = 0;
      if (message.result) job.resolve(message.result);
      else job.reject(new Error(message.error ?? 'analysis failed'));
    });
    const lost = (why: string): void => {
      if (this.worker !== worker) return;
      this.worker = undefined;
      this.losses++;
      this.log(`The analysis thread stopped (${why}); ${this.available ? 'starting it again' : 'analysing on the main thread from now on'}.`);
      const jobs = [...this.pending.values()];
      this.pending.clear();
      for (const job of jobs) job.reject(new AnalysisThreadLost(why));
    };
    worker.on('error', (error) => lost((error as Error)?.stack ?? String(error)));
    worker.on('exit', (code) => lost(`exit code ${code}`));
    // Not waited for at exit (after the listeners: adding a 'message' listener refs the worker again).
    worker.unref();
    return worker;
  }
}
