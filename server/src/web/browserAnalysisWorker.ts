import type { StartWorker } from '../lsp/analysisThread';
import type { AnalysisReply } from '../lsp/analysisJob';

/** The browser's Worker, Blob and URL, typed by what is used of them (the server's types are Node's, not the DOM's). */
interface BrowserWorker {
  onmessage: ((event: { data: AnalysisReply }) => void) | null;
  onerror: ((event: { message?: string; preventDefault(): void }) => void) | null;
  onmessageerror: (() => void) | null;
  postMessage(message: unknown): void;
  terminate(): void;
}
declare const Worker: new (url: string) => BrowserWorker;
declare const Blob: new (parts: string[], options: { type: string }) => object;
declare const URL: { createObjectURL(blob: object): string; revokeObjectURL(url: string): void };

/**
 * The web worker server's analysis worker: a dedicated worker inside the server's worker
 * (Chromium and Firefox allow them) on the bundle whose address the client gave
 * (initializationOptions.analysisWorker). A worker's script must be of its creator's origin,
 * and the extension's files are served from another (vscode.dev's CDN) or only as a blob:
 * (code-server), so the worker is a one-line loader from a blob: URL that imports the bundle:
 * importScripts may load a script from anywhere.
 */
export function startBrowserWorker(where: () => string | undefined): StartWorker {
  return (listener) => {
    const url = where();
    if (!url) throw new Error('the client gave no initializationOptions.analysisWorker');
    const loader = URL.createObjectURL(new Blob([`importScripts(${JSON.stringify(url)});`], { type: 'text/javascript' }));
    const worker = new Worker(loader);
    worker.onmessage = (event) => listener.message(event.data);
    worker.onerror = (event) => {
      // Handled here: not reported again as the server worker's own error.
      event.preventDefault();
      listener.lost(event.message ?? 'the analysis worker failed');
    };
    worker.onmessageerror = () => listener.lost('a message from the analysis worker could not be read');
    return {
      post: (message) => worker.postMessage(message),
      terminate: () => {
        worker.terminate();
        URL.revokeObjectURL(loader);
      },
    };
  };
}
