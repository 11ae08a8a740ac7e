import * as fs from 'node:fs';
import * as os from 'node:os';
import type { Diagnostic } from 'vscode-languageserver-types';
import type { FoundFile } from '../node/files';
import { DefinitionTable } from './definitionTable';
import type { ExtractionName, Extracted } from './extractions';
import { CrossDocumentPass, FirstPass, FirstPassResult, Reanalysis, displayPath, hasInsertions } from './lintPasses';
import { lowerOtherThreads, threadStat, threadsOf } from '../node/threadPriority';
import { ReadAhead } from './readAhead';
import { ConfigLoader } from '../node/configLoader';
import { WorkerPool, newJob } from './threads';

export { LintIoError } from './lintPasses';

export interface FileResult<T = undefined> {
  /** The path as shown to the user: relative to the working directory. */
  readonly file: string;
  /** The absolute path, for formats that name files relative to another folder (SARIF). */
  readonly path: string;
  readonly diagnostics: Diagnostic[];
  /** Fixes were written to this file. */
  readonly fixed: boolean;
  /** What `extract` read from the document (the catalogue entry). */
  readonly extracted?: T;
}

export interface LintOptions<N extends ExtractionName | undefined = undefined> {
  readonly fix: boolean;
  /** What else to read from each spec delta on lint's own parse (see extractions.ts). */
  readonly extract?: N;
  /**
   * The process is this run's and ends with it (`spec-delta lint` or `catalog` as a command): a
   * run on one thread may then lower the priority of V8's helper threads for good, which cannot
   * be raised back (threadPriority.ts). Not in the MCP server, nor for a library caller.
   */
  readonly ownsProcess?: boolean;
}

/**
 * Files per worker thread below which a worker costs more than it saves: starting one (a thread,
 * the bundle loaded again, a parser not yet compiled by the JIT) takes as long as linting about
 * this many files on the main thread. Measured: docs/performance.md, "CLI on every core".
 */
export const FILES_PER_WORKER = 400;

/**
 * Lints files so that memory stays flat however many files there are (holding every parsed
 * document took 1.3 GB for 20,000 files) and each file is read once (again only by `--fix` for a
 * file it rewrites, and for a catalogue entry that gained a duplicate-id or unknown-reference
 * finding). The first pass reads, parses
 * and analyses each file with the rules that judge it alone, then lets its document go, keeping
 * its definition and the small part the rules that span files read (duplicate ids, unknown
 * references). That pass is spread over worker threads when there are enough files (see
 * threads.ts). Then, on the main thread, those rules run for every file against the table of
 * every file's definitions, and their diagnostics are merged in as `analyze` orders them: the
 * result is the same, byte for byte, however many threads ran. With `fix`, applies the fixes that
 * only insert text, writes each changed file atomically (on the main thread, in file order) and
 * reports what is left.
 */
export function lintFiles(files: readonly FoundFile[], cwd: string, options: LintOptions): FileResult[];
export function lintFiles<N extends ExtractionName>(files: readonly FoundFile[], cwd: string, options: LintOptions<N>): FileResult<Extracted<N>>[];
export function lintFiles(files: readonly FoundFile[], cwd: string, options: LintOptions<ExtractionName | undefined>): FileResult<unknown>[] {
  const extract = options.extract;
  // One for the run's passes on this thread: each folder's configuration is found and read once.
  const configs = new ConfigLoader(cwd);
  const first = firstPass(files, cwd, configs, extract, options.ownsProcess === true);
  const table = new DefinitionTable();
  first.forEach((result, i) => {
    if (result === undefined) throw new Error(`a worker thread stopped before reporting '${files[i]!.path}'`);
    if (result?.definition) table.put(result.definition.uri, result.definition);
  });
  const cross = new CrossDocumentPass(cwd, table, configs);
  // A fix may change a file's id, which the files after it then see: one thread, in file order.
  const again = new Reanalysis(cwd, table, options.fix, extract, configs);
  return files.flatMap((found, i): FileResult<unknown>[] => {
    const r = first[i];
    if (!r) return [];
    const file = displayPath(found, cwd);
    if (options.fix && hasInsertions(r.diagnostics)) return [{ file, path: found.path, ...again.run(found) }];
    const diagnostics = cross.run(found, r);
    // The extraction saw the file's own diagnostics; with more, it is read again for its final ones (rare: a duplicate id or an unknown reference).
    if (extract && diagnostics.length !== r.diagnostics.length) return [{ file, path: found.path, ...again.run(found) }];
    return [{ file, path: found.path, diagnostics, fixed: false, extracted: r.extracted }];
  });
}

/**
 * The first pass over every file, results in file order: on worker threads when there are cores
 * and files enough, else with a read-ahead thread when there is a core to spare, else here alone.
 */
function firstPass(
  files: readonly FoundFile[],
  cwd: string,
  configs: ConfigLoader,
  extract: ExtractionName | undefined,
  ownsProcess: boolean,
): (FirstPassResult | null)[] {
  const pass = new FirstPass(cwd, extract, configs);
  const alone = (): (FirstPassResult | null)[] => {
    // This thread is the run's only one: V8's helpers yield it the core they would take.
    if (ownsProcess) lowerOtherThreads();
    return files.map((f) => pass.run(f));
  };
  if (!WorkerPool.available()) return alone();
  const load = loadOnce();
  const workers = workerCount(files.length, availableCores(), load);
  if (workers > 0) {
    const pool = new WorkerPool(workers, cwd, forcedWorkers() !== undefined);
    try {
      return pool.run(newJob(files, pool.size + 1, { extract }), (f) => pass.run(f)) as (FirstPassResult | null)[];
    } finally {
      pool.close();
    }
  }
  if (!readAheadWanted(files.length, availableCores(), load)) return alone();
  const ahead = new ReadAhead(files, cwd, undefined, forcedReadAhead() === 'wait');
  try {
    return files.map((f, i) => pass.run(f, ahead.take(i)));
  } finally {
    ahead.close();
  }
}

/**
 * Files from which the read-ahead thread pays, on a machine whose second core is idle (measured
 * on 2 cores, against one thread: 1.11x on 2,000 files, 1.03x on 4,000, 0.83x on 8,000 and
 * 0.79x on 20,000, where one worker of the pool gave 1.31x, 1.29x, 1.13x and 0.86x;
 * `node bench/workersThreshold.mjs` and `npm run bench`, docs/performance.md). Below it V8's own
 * helper threads, which take a third of the second core, leave it too little.
 */
export const FILES_FOR_READ_AHEAD = 6400;

/**
 * Whether to start a read-ahead thread where no worker of the pool starts: with enough files and
 * two cores that other work leaves idle. SPEC_DELTA_READ_AHEAD=1 or 0 decides whatever the files
 * and the load (`wait`: 1, and the run waits for the thread's first file, for the tests: see
 * ReadAhead); SPEC_DELTA_WORKERS=0 (one thread) means none.
 */
export function readAheadWanted(files: number, cores = availableCores(), load: Load = currentLoad): boolean {
  const forced = forcedReadAhead();
  if (forced !== undefined) return forced !== 'none';
  if (forcedWorkers() === 0) return false;
  return files >= FILES_FOR_READ_AHEAD && Math.floor(cores - loadOf(load)) >= 2;
}

/**
 * How many worker threads to start: one per idle core beyond the two that this thread takes
 * (V8's garbage collector and compiler threads keep a second core a third busy: 1.2-1.3 s of
 * CPU for 0.9-1.1 s of wall time on 2,000 files), each with at least FILES_PER_WORKER files.
 * On two cores none starts: the read-ahead thread pays sooner there (see FILES_FOR_READ_AHEAD).
 * SPEC_DELTA_WORKERS sets the number whatever the files and the load (0: one thread); the tests
 * use it to run both ways. The output is the same however many run.
 */
export function workerCount(files: number, cores = availableCores(), load: Load = currentLoad): number {
  const forced = forcedWorkers();
  if (forced !== undefined) return forced;
  const most = Math.min(cores - 2, Math.floor(files / FILES_PER_WORKER));
  if (most <= 0) return 0;
  const idle = Math.floor(cores - loadOf(load));
  return Math.max(0, Math.min(most, idle - 2));
}

/** The load, or how to read it: read (a few milliseconds) only when an answer hangs on it. */
type Load = number | (() => number);

function loadOf(load: Load): number {
  return typeof load === 'number' ? load : load();
}

/** `currentLoad`, read at most once: workerCount and readAheadWanted may both ask in one run. */
function loadOnce(): () => number {
  let load: number | undefined;
  return () => (load ??= currentLoad());
}

/**
 * How many cores other work keeps busy now. The load average lags a minute behind (a build
 * that just ended still counts), so where Linux gives the number of tasks running right now
 * (/proc/loadavg's fourth field) the smaller of the two is taken. That count is of one instant
 * and holds this process's own running threads: it is read a few times, a millisecond apart,
 * less this process's threads (see loadFrom).
 */
function currentLoad(): number {
  const average = os.loadavg()[0] ?? 0;
  try {
    const readings: RunningTasks[] = [];
    for (let i = 0; i < LOAD_READINGS; i++) {
      if (i > 0) Atomics.wait(PAUSE, 0, 0, 1);
      const running = /^\S+ \S+ \S+ (\d+)\//.exec(fs.readFileSync('/proc/loadavg', 'utf8'));
      if (!running) return average;
      // This process's threads that are running, this one among them.
      readings.push({ running: Number(running[1]), own: threadsOf().filter((t) => threadStat(t)?.state === 'R').length });
    }
    return loadFrom(average, readings);
  } catch {
    return average;
  }
}

const LOAD_READINGS = 3;
const PAUSE = new Int32Array(new SharedArrayBuffer(4));

/** Tasks running at one instant: on the whole machine, and of them this process's threads. */
export interface RunningTasks {
  readonly running: number;
  readonly own: number;
}

/**
 * The load other work puts on the machine: the load average, or less when every reading of the
 * tasks running right now says so. A task running at one reading only (a process ending, a
 * kernel thread) made one run in sixteen of 20,000 files start without its read-ahead thread,
 * 1.4 times as slow; and V8 compiling this process's code on its own threads is not other work.
 */
export function loadFrom(average: number, readings: readonly RunningTasks[]): number {
  let others = Infinity;
  for (const r of readings) others = Math.min(others, r.running - Math.max(1, r.own));
  return others === Infinity ? average : Math.min(average, Math.max(0, others));
}

/** SPEC_DELTA_READ_AHEAD: 0 none, 1 the thread, `wait` the thread waited for (see ReadAhead); else undefined. */
function forcedReadAhead(): 'none' | 'thread' | 'wait' | undefined {
  const forced = process.env['SPEC_DELTA_READ_AHEAD'];
  return forced === '0' ? 'none' : forced === '1' ? 'thread' : forced === 'wait' ? 'wait' : undefined;
}

function forcedWorkers(): number | undefined {
  const forced = process.env['SPEC_DELTA_WORKERS'];
  return forced !== undefined && /^\d+$/.test(forced) ? Number(forced) : undefined;
}

function availableCores(): number {
  return typeof os.availableParallelism === 'function' ? os.availableParallelism() : os.cpus().length;
}
