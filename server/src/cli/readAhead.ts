import { MessageChannel, type MessagePort, Worker, receiveMessageOnPort } from 'node:worker_threads';
import type { FoundFile } from '../node/files';
import { ConfigLoader } from '../node/configLoader';
import { lowerThisThread } from '../node/threadPriority';
import { type ReadFile, readFile } from './lintPasses';
import { type ReadAheadData, WORKER_SCRIPT } from './threads';

/**
 * On a machine with one core to spare, a second thread that reads the files ahead of the main
 * thread's first pass, in file order, and finds each text's block structure (markdown-it's
 * part of the parse, about a third of the work): the main thread builds the model from it and
 * runs the rules. Where the pool of worker threads (threads.ts) needs cores enough for each to
 * pay its start and its own JIT warm-up, this thread runs only the reader and markdown-it.
 *
 * The main thread never waits for it: a file the thread has not handed over yet when the main
 * thread gets to it (while the thread starts, or if it stops) is read on the main thread, and
 * the thread moves on past it. So the output cannot depend on it, and a thread that fails costs
 * only its help. It stays at most WINDOW files ahead, so that memory stays flat.
 */
export class ReadAhead {
  private readonly worker: Worker | undefined;
  private readonly port: MessagePort | undefined;
  /** [0]: the index of the next file the main thread takes; the thread reads from there on. */
  private readonly taken: Int32Array;
  private readonly ready = new Map<number, ReadFile>();
  /** Until the thread has handed over a file, or the deadline passed (see `waitsForThread`). */
  private waitUntil: number | undefined;

  /**
   * `script`: the CLI's entry the thread runs (the tests give the built dist/cli.js).
   * `waitsForThread`: the first file is not read here before the thread has handed one over (or
   * 10 s have passed): for SPEC_DELTA_READ_AHEAD=wait, with which the tests run the CLI, as
   * `eachWorks` does for the pool; otherwise, on the tests' few hundred files, this thread read
   * every file while the other still started. Never in a user's run, nor in the benchmark's.
   */
  constructor(files: readonly FoundFile[], cwd: string, script = WORKER_SCRIPT, waitsForThread = false) {
    this.taken = new Int32Array(new SharedArrayBuffer(4));
    const { port1, port2 } = new MessageChannel();
    const data: ReadAheadData = { lintWorker: true, role: 'readAhead', port: port2, signal: this.taken.buffer as SharedArrayBuffer, cwd, files };
    try {
      this.worker = new Worker(script, { workerData: data, transferList: [port2] });
    } catch {
      // No thread to be had: the main thread reads every file, as it would without one.
      port1.close();
      return;
    }
    this.worker.on('error', () => undefined);
    this.worker.unref();
    port1.unref();
    this.port = port1;
    if (waitsForThread && files.length > 0) this.waitUntil = Date.now() + 10_000;
  }

  /** File `i` as the thread read it, if it has; undefined when the main thread must read it itself. Call in file order. */
  take(i: number): ReadFile | undefined {
    // Before `taken` moves past file i: the thread never reads a file taken already.
    if (this.waitUntil !== undefined) this.waitForThread(i);
    // Not notified: the thread looks again every POLL_MS. Each wake by Atomics.notify cost the
    // main thread 0.1 to 0.5 ms, 30 to 60 ms on 2,000 files.
    Atomics.store(this.taken, 0, i + 1);
    if (!this.ready.has(i)) this.receive(i, i);
    const read = this.ready.get(i);
    this.ready.delete(i);
    if (read) readAheadStats.handed++;
    return read;
  }

  /** How many files the thread has handed over that are not taken yet (all of them are received). */
  get waiting(): number {
    this.receive(Atomics.load(this.taken, 0), Infinity);
    return this.ready.size;
  }

  /** Until the thread hands over a file (file i, or a later one if it could not read i). */
  private waitForThread(i: number): void {
    const pause = new Int32Array(new SharedArrayBuffer(4));
    while (this.ready.size === 0 && Date.now() < this.waitUntil!) {
      this.receive(i, i);
      if (this.ready.size === 0) Atomics.wait(pause, 0, 0, 5);
    }
    this.waitUntil = undefined;
  }

  /**
   * Receives the files handed over, from file `from` on, until one at or past `until`. The
   * later ones wait in the port's queue, serialized and off the heap, until they are taken:
   * received all at once, they were young objects that every scavenge copied while they waited,
   * a quarter of the main thread's garbage collection on 20,000 files.
   */
  private receive(from: number, until: number): void {
    if (!this.port) return;
    for (let m = receiveMessageOnPort(this.port); m; m = receiveMessageOnPort(this.port)) {
      const { index, read } = m.message as Handed;
      if (index < from) continue;
      this.ready.set(index, read);
      if (index >= until) return;
    }
  }

  close(): void {
    this.port?.close();
    void this.worker?.terminate();
  }
}

/** Files the main thread took from a read-ahead thread, over the process's life (as poolStats counts the workers' batches). */
export const readAheadStats = { handed: 0 };

/** Files the thread may hold that the main thread has not taken yet. */
export const WINDOW = 128;
/** How often the thread, its window full, looks whether the main thread has taken more: a full window lasts the main thread tens of milliseconds. */
const POLL_MS = 2;

interface Handed {
  readonly index: number;
  readonly read: ReadFile;
}

/** The thread's side: reads each file the main thread has not reached yet and hands it over. */
export function serveReadAhead({ port, signal, cwd, files }: ReadAheadData): void {
  // On two cores it runs where a core would be idle: below the main thread and V8's helpers (threadPriority.ts).
  lowerThisThread();
  const taken = new Int32Array(signal);
  const configs = new ConfigLoader(cwd);
  for (let i = 0; i < files.length; i++) {
    // Never a file the main thread has taken already.
    i = Math.max(i, Atomics.load(taken, 0));
    if (i >= files.length) break;
    for (let at = Atomics.load(taken, 0); i - at >= WINDOW; at = Atomics.load(taken, 0)) Atomics.wait(taken, 0, at, POLL_MS);
    let read: ReadFile;
    try {
      read = readFile(files[i]!, configs.effective(files[i]!.path), cwd, true);
    } catch {
      // The main thread reads this file itself and reports its error, in the order of the files;
      // the files after it are still worth reading ahead.
      continue;
    }
    port.postMessage({ index: i, read } satisfies Handed);
  }
  port.close();
}
