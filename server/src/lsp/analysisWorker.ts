import { parentPort } from 'node:worker_threads';
import { type AnalysisRequest, Definitions, runAnalysis } from './analysisJob';

// The analysis thread: only the transport is Node's; a web worker would wrap runAnalysis the same way.
let definitions = new Definitions();

parentPort?.on('message', (message: { id: number; request: AnalysisRequest }) => {
  const { id, request } = message;
  try {
    if (request.definitions) definitions = new Definitions(request.definitions);
    parentPort!.postMessage({ id, result: runAnalysis(request, definitions) });
  } catch (error) {
    parentPort!.postMessage({ id, error: (error as Error)?.stack ?? String(error) });
  }
});
