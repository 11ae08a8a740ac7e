import * as path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { StartWorker } from './analysisThread';

/**
 * The Node server's analysis worker: a worker thread on the file beside the running bundle
 * (dist/analysisWorker.js, also in the npm package), or beside this file when the sources are
 * transpiled one by one for the tests.
 */
export function startNodeWorker(file = process.env.SPEC_DELTA_ANALYSIS_WORKER || path.join(__dirname, 'analysisWorker.js')): StartWorker {
  return (listener) => {
    const worker = new Worker(file);
    worker.on('message', listener.message);
    worker.on('error', (error) => listener.lost((error as Error)?.stack ?? String(error)));
    worker.on('exit', (code) => listener.lost(`exit code ${code}`));
    // Not waited for at exit (after the listeners: adding a 'message' listener refs the worker again).
    worker.unref();
    return { post: (message) => worker.postMessage(message), terminate: () => void worker.terminate() };
  };
}
