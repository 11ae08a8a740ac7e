import { type AnalysisMessage, analysisServer } from '../lsp/analysisJob';

// The web worker server's analysis thread (dist/web/analysisWorker.js): a dedicated worker that
// the server's own worker starts, answering as the Node server's worker thread does.
interface WorkerScope {
  onmessage: ((event: { data: AnalysisMessage }) => void) | null;
  postMessage(message: unknown): void;
}
const scope = globalThis as unknown as WorkerScope;
const answer = analysisServer();
scope.onmessage = (event) => scope.postMessage(answer(event.data));
