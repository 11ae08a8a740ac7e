import type { OffThreadAnalysis } from './analysis';
import { type AnalysisReply, type AnalysisRequest, type AnalysisResult, AnalysisThreadLost, type AnalysisMessage } from './analysisJob';

/** After this many losses in a row the thread is not started again: analysis stays on the main thread. */
const MAX_LOSSES = 3;

/** A started worker as the thread drives it. */
export interface WorkerHandle {
  post(message: AnalysisMessage): void;
  terminate(): void;
}

/** What a worker tells the thread: an answer, or that it went away (crashed, failed to load, ended). */
export interface WorkerListener {
  message(reply: AnalysisReply): void;
  lost(why: string): void;
}

/**
 * Starts a worker that answers AnalysisMessages (analysisJob.ts's analysisServer): Node's
 * worker_threads (nodeAnalysisWorker.ts) or a browser's Worker (web/browserAnalysisWorker.ts).
 * Throws when it cannot: analysis then stays on the main thread.
 */
export type StartWorker = (listener: WorkerListener) => WorkerHandle;

/**
 * Runs analyses on one worker, started on first use and again after it is lost. The same in the
 * Node server and the web worker server; only how a worker starts differs.
 */
export class AnalysisThread implements OffThreadAnalysis {
  private worker: WorkerHandle | undefined;
  private readonly pending = new Map<number, { resolve: (r: AnalysisResult) => void; reject: (e: Error) => void }>();
  private nextId = 0;
  private losses = 0;
  /** The definitions version the running worker was last sent; undefined: it has none yet. */
  private sentDefinitions: number | undefined;

  constructor(
    private readonly log: (message: string) => void,
    private readonly startWorker: StartWorker,
    /**
     * Parsing documents this long (UTF-16 units) takes long enough (about 2 ms at 64 K, 36 ms at
     * 1 M) to keep a completion waiting. Shorter ones stay on the main thread, where their
     * diagnostics come sooner than a round trip to the thread.
     */
    readonly minLength = 64 * 1024,
    /**
     * How long requests wait for the thread's model of a document (tens of milliseconds at 1 MB,
     * more behind a burst of edits), when they cannot answer from an older one.
     */
    readonly patienceMs = 2000,
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
      let worker: WorkerHandle;
      try {
        worker = this.worker ?? this.start();
      } catch (error) {
        this.losses = MAX_LOSSES;
        this.log(`The analysis thread could not start (${(error as Error)?.message ?? String(error)}); analysing on the main thread from now on.`);
        // Lost, so that the caller analyses the document again, on the main thread now.
        reject(new AnalysisThreadLost(String(error)));
        return;
      }
      const id = ++this.nextId;
      this.pending.set(id, { resolve, reject });
      if (request.definitions) this.sentDefinitions = request.definitionsVersion;
      worker.post({ id, request });
    });
  }

  dispose(): void {
    const worker = this.worker;
    this.worker = undefined;
    worker?.terminate();
  }

  private start(): WorkerHandle {
    let worker: WorkerHandle | undefined = undefined;
    const lost = (why: string): void => {
      if (!worker || this.worker !== worker) return;
      this.worker = undefined;
      this.losses++;
      this.log(`The analysis thread stopped (${why}); ${this.available ? 'starting it again' : 'analysing on the main thread from now on'}.`);
      const jobs = [...this.pending.values()];
      this.pending.clear();
      for (const job of jobs) job.reject(new AnalysisThreadLost(why));
    };
    const message = (reply: AnalysisReply): void => {
      const job = this.pending.get(reply.id);
      if (!job) return;
      this.pending.delete(reply.id);
      this.losses = 0;
      if (reply.result) job.resolve(reply.result);
      else job.reject(new Error(reply.error ?? 'analysis failed'));
    };
    worker = this.startWorker({ message, lost });
    this.worker = worker;
    this.sentDefinitions = undefined;
    return worker;
  }
}
