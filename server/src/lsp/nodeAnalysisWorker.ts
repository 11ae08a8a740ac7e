import * as path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { StartWorker } from './analysisThread';
import { ANALYSIS_THREAD_MARK } from './analysisWorker';

declare const SPEC_DELTA_SERVER_BUNDLE: string | undefined;

/**
 * The server's entry, which serves analyses when started as the analysis thread (analysisWorker.ts):
 * the running bundle itself (dist/server.js), or server.js one folder up when the sources are
 * transpiled one by one for the tests.
 */
const SERVER_SCRIPT = typeof SPEC_DELTA_SERVER_BUNDLE === 'string' ? path.join(__dirname, SPEC_DELTA_SERVER_BUNDLE) : path.join(__dirname, '..', 'server.js');

/** The Node server's analysis worker: a worker thread on the server's own entry (SPEC_DELTA_ANALYSIS_WORKER: another script, for tests). */
export function startNodeWorker(file = process.env.SPEC_DELTA_ANALYSIS_WORKER || SERVER_SCRIPT): StartWorker {
  return (listener) => {
    const worker = new Worker(file, { workerData: ANALYSIS_THREAD_MARK });
    worker.on('message', listener.message);
    worker.on('error', (error) => listener.lost((error as Error)?.stack ?? String(error)));
    worker.on('exit', (code) => listener.lost(`exit code ${code}`));
    // Not waited for at exit (after the listeners: adding a 'message' listener refs the worker again).
    worker.unref();
    return { post: (message) => worker.postMessage(message), terminate: () => void worker.terminate() };
  };
}
