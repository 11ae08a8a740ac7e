import { isMainThread, parentPort, workerData } from 'node:worker_threads';
import { type AnalysisMessage, analysisServer } from './analysisJob';

/**
 * The Node server's analysis thread (the web worker server's is web/analysisWorker.ts). It runs
 * the server's own bundle (dist/server.js), which serves analyses instead of starting a server
 * when started with this mark (nodeAnalysisWorker.ts): one bundle of the core in the package for
 * both, as the CLI's worker threads run dist/cli.js.
 */
export const ANALYSIS_THREAD_MARK = { specDeltaAnalysis: true } as const;

export function isAnalysisThread(): boolean {
  return !isMainThread && (workerData as Partial<typeof ANALYSIS_THREAD_MARK> | null)?.specDeltaAnalysis === true;
}

export function serveAnalyses(): void {
  const answer = analysisServer();
  parentPort?.on('message', (message: AnalysisMessage) => parentPort!.postMessage(answer(message)));
}
