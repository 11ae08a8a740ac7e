import { parentPort } from 'node:worker_threads';
import { type AnalysisMessage, analysisServer } from './analysisJob';

// The Node server's analysis thread; the web worker server's is web/analysisWorker.ts.
const answer = analysisServer();
parentPort?.on('message', (message: AnalysisMessage) => parentPort!.postMessage(answer(message)));
