import { existsSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { parentPort } from 'node:worker_threads';
import { type AnalysisRequest, Definitions, runAnalysis } from '../../server/src/lsp/analysisJob';

// An analysis thread that answers each document's first version only (as often as it is asked,
// after a pause) and holds every later one: the server's main thread then has that first model and nothing newer, so what
// a request answers shows whether it was read from that model or from a parse of the newest text.
// A test releases a document's later versions by creating a file named as the document's last
// path segment in SPEC_DELTA_TEST_RELEASE_DIR: from then on they are answered too. There, each
// version received is marked by a file `<segment>.v<version>`, so that a test knows the server sent it.
let definitions = new Definitions();
const releaseDir = process.env.SPEC_DELTA_TEST_RELEASE_DIR;
const held: { id: number; request: AnalysisRequest }[] = [];
let polling: ReturnType<typeof setInterval> | undefined;

function named(request: AnalysisRequest): string {
  return request.uri.slice(request.uri.lastIndexOf('/') + 1);
}

function released(request: AnalysisRequest): boolean {
  return !!releaseDir && existsSync(path.join(releaseDir, named(request)));
}

function answer(id: number, request: AnalysisRequest): void {
  parentPort!.postMessage({ id, result: runAnalysis(request, definitions) });
}

function poll(): void {
  for (const job of held.filter((j) => released(j.request))) {
    held.splice(held.indexOf(job), 1);
    answer(job.id, job.request);
  }
  if (held.length === 0 && polling) {
    clearInterval(polling);
    polling = undefined;
  }
}

parentPort?.on('message', (message: { id: number; request: AnalysisRequest }) => {
  const { id, request } = message;
  if (request.definitions) definitions = new Definitions(request.definitions);
  if (releaseDir) writeFileSync(path.join(releaseDir, `${named(request)}.v${request.version}`), '');
  if (request.version === 1) {
    const result = runAnalysis(request, definitions);
    setTimeout(() => parentPort!.postMessage({ id, result }), Number(process.env.SPEC_DELTA_TEST_HOLD_FIRST_MS ?? 0));
  } else if (released(request)) answer(id, request);
  else if (releaseDir) {
    held.push(message);
    polling ??= setInterval(poll, 20);
  }
});
