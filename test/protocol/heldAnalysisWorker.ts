import { parentPort } from 'node:worker_threads';
import { type AnalysisRequest, Definitions, runAnalysis } from '../../server/src/lsp/analysisJob';

// An analysis thread that answers each document's first version only (as often as it is asked,
// after a pause) and holds every later one: the server's main thread then has that first model and nothing newer, so what
// a request answers shows whether it was read from that model or from a parse of the newest text.
let definitions = new Definitions();

parentPort?.on('message', (message: { id: number; request: AnalysisRequest }) => {
  const { id, request } = message;
  if (request.definitions) definitions = new Definitions(request.definitions);
  if (request.version !== 1) return;
  const result = runAnalysis(request, definitions);
  setTimeout(() => parentPort!.postMessage({ id, result }), Number(process.env.SPEC_DELTA_TEST_HOLD_FIRST_MS ?? 0));
});
