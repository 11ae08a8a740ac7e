import * as fs from 'node:fs';
import * as os from 'node:os';
import type { Diagnostic } from 'vscode-languageserver-types';
import type { FoundFile } from '../node/files';
import { DefinitionTable } from './definitionTable';
import type { IdDefinition } from '../core';
import type { ExtractionName, Extracted } from './extractions';
import { FirstPass, FirstPassResult, Prediction, SecondPass, SecondPassResult, displayPath, hasInsertions, stillAnswers } from './lintPasses';
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
}

/**
 * Files per worker thread below which a worker costs more than it saves: starting one (a thread,
 * the bundle loaded again, a parser not yet compiled by the JIT) takes as long as linting about
 * this many files on the main thread. Measured: docs/performance.md, "CLI on every core".
 */
export const FILES_PER_WORKER = 400;

/**
 * Lints files in two passes, so that memory stays flat however many files there are (holding
 * every parsed document took 1.3 GB for 20,000 files). The first pass reads, parses, indexes and
 * analyses each file, then lets its document go. Duplicate ids and unknown references span the
 * files given, so a result is kept only if the ids it looked up have the same definitions in the
 * table of every file's definitions; the other files are read and analysed again in the second
 * pass. Both passes are spread over worker threads when there are enough files (see threads.ts);
 * the result is the same, byte for byte, as on one thread, because a first-pass result is kept
 * only when it is what the complete table gives. With `fix`, applies the fixes that only insert
 * text, writes each changed file atomically (on the main thread, in file order) and reports
 * what is left.
 */
export function lintFiles(files: readonly FoundFile[], cwd: string, options: LintOptions): FileResult[];
export function lintFiles<N extends ExtractionName>(files: readonly FoundFile[], cwd: string, options: LintOptions<N>): FileResult<Extracted<N>>[];
export function lintFiles(files: readonly FoundFile[], cwd: string, options: LintOptions<ExtractionName | undefined>): FileResult<unknown>[] {
  const workers = workerCount(files.length);
  const pool = workers > 0 && WorkerPool.available() ? new WorkerPool(workers, cwd) : undefined;
  const extract = options.extract;
  try {
    const threads = (pool?.size ?? 0) + 1;
    const prediction = new Prediction(cwd);
    const predicted = (
      pool ? pool.run(newJob('predict', files, threads, {}), (f) => prediction.run(f)) : files.map((f) => prediction.run(f))
    ) as (IdDefinition | null)[];
    const guesses = predicted.filter((d): d is IdDefinition => !!d);
    const firstPass = new FirstPass(cwd, guesses, extract);
    const first = (
      pool ? pool.run(newJob('first', files, threads, { predicted: guesses, extract }), (f) => firstPass.run(f)) : files.map((f) => firstPass.run(f))
    ) as (FirstPassResult | null)[];
    const table = new DefinitionTable();
    first.forEach((result, i) => {
      if (result === undefined) throw new Error(`a worker thread stopped before reporting '${files[i]!.path}'`);
      if (result?.definition) table.put(result.definition.uri, result.definition);
    });
    const kept = files.map((found, i) => ({ found, result: first[i]! })).filter((f) => f.result !== null) as { found: FoundFile; result: FirstPassResult }[];
    const result = (
      found: FoundFile,
      { diagnostics, fixed = false, extracted }: { diagnostics: Diagnostic[]; fixed?: boolean; extracted?: unknown },
    ): FileResult<unknown> => ({ file: displayPath(found, cwd), path: found.path, diagnostics, fixed, extracted });
    if (options.fix) {
      // A fix may change a file's id, which the files after it then see: one thread, in file order.
      const second = new SecondPass(cwd, table, true, extract);
      return kept.map(({ found, result: r }) =>
        stillAnswers(r.answers, table) && !hasInsertions(r.diagnostics) ? result(found, r) : result(found, second.run(found)),
      );
    }
    const stale = kept.filter(({ result: r }) => !stillAnswers(r.answers, table)).map(({ found }) => found);
    const second = new SecondPass(cwd, table, false, extract);
    const useWorkers = pool && (forcedWorkers() !== undefined || stale.length >= FILES_PER_WORKER);
    const redone = (
      useWorkers ? pool.run(newJob('second', stale, threads, { definitions: table.all(), extract }), (f) => second.run(f)) : stale.map((f) => second.run(f))
    ) as SecondPassResult[];
    const again = new Map<FoundFile, SecondPassResult>();
    stale.forEach((found, i) => {
      if (redone[i] === undefined) throw new Error(`a worker thread stopped before reporting '${found.path}'`);
      again.set(found, redone[i]!);
    });
    return kept.map(({ found, result: r }) => result(found, again.get(found) ?? r));
  } finally {
    pool?.close();
  }
}

/**
 * How many worker threads to start: one per idle core beyond the two that this thread takes
 * (V8's garbage collector and compiler threads keep a second core a third busy: 1.2-1.3 s of
 * CPU for 0.9-1.1 s of wall time on 2,000 files), each with at least FILES_PER_WORKER files.
 * Where that gives none but two cores are idle, one worker still shares the second core once
 * the run is long enough to repay its start and the helpers it crowds: on 2 cores one worker
 * took 1.11x one thread's time on 3,200 files, 0.95x on 6,400, 0.82x on 12,800 and 0.83x on
 * 20,000 (docs/performance.md). SPEC_DELTA_WORKERS sets the number whatever the files and the
 * load (0: one thread); the tests use it to run both ways. The output is the same however many run.
 */
export function workerCount(files: number, cores = availableCores(), load = currentLoad()): number {
  const forced = forcedWorkers();
  if (forced !== undefined) return forced;
  const idle = Math.floor(cores - load);
  const beyondTwoCores = Math.min(cores - 2, idle - 2, Math.floor(files / FILES_PER_WORKER));
  const sharingTheSecondCore = idle >= 2 && files >= FILES_FOR_A_SHARED_CORE ? 1 : 0;
  return Math.max(0, beyondTwoCores, sharingTheSecondCore);
}

/** Files from which one worker pays on the core V8's helpers use (measured on 2 cores: see workerCount). */
export const FILES_FOR_A_SHARED_CORE = 6400;

/**
 * How many cores other work keeps busy now. The load average lags a minute behind (a build
 * that just ended still counts), so where Linux gives the number of tasks running right now
 * (/proc/loadavg's fourth field, this one included) the smaller of the two is taken.
 */
function currentLoad(): number {
  const average = os.loadavg()[0] ?? 0;
  try {
    const running = /^\S+ \S+ \S+ (\d+)\//.exec(fs.readFileSync('/proc/loadavg', 'utf8'));
    return running ? Math.min(average, Number(running[1]) - 1) : average;
  } catch {
    return average;
  }
}

function forcedWorkers(): number | undefined {
  const forced = process.env['SPEC_DELTA_WORKERS'];
  return forced !== undefined && /^\d+$/.test(forced) ? Number(forced) : undefined;
}

function availableCores(): number {
  return typeof os.availableParallelism === 'function' ? os.availableParallelism() : os.cpus().length;
}
