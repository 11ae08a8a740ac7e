// A page in real Chromium that runs the web build's language server (dist/web/server.js) in a Web
// Worker and speaks LSP to it, for test/web/worker.mjs and the web rows of `npm run bench`. The page
// and the bundles come from a localhost HTTP server started here.
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { join } from 'node:path';
import { repoRoot } from '../e2e/codeServer.mjs';

/** Serves the page and dist/web/*.js; `close()` stops it. */
export async function serveWebBundles() {
  const bundles = Object.fromEntries(['server.js', 'analysisWorker.js'].map((name) => [`/${name}`, readFileSync(join(repoRoot, 'dist/web', name))]));
  const http = createServer((request, response) => {
    const bundle = bundles[request.url];
    if (bundle) response.writeHead(200, { 'content-type': 'text/javascript' }).end(bundle);
    else response.writeHead(200, { 'content-type': 'text/html' }).end('<!doctype html><title>spec-delta web worker</title>');
  });
  await new Promise((resolve) => http.listen(0, '127.0.0.1', resolve));
  return { origin: `http://127.0.0.1:${http.address().port}`, close: () => http.close() };
}

/**
 * Opens a page at `origin` that starts the server worker: `window.lsp` holds the messages received,
 * `request` (answered as soon as the worker answers), `notify` and `diagnostics(uri, version)`.
 * Returns `request` and `notify` callable from Node.
 */
export async function openServerPage(browser, origin) {
  const page = await browser.newPage();
  const pageErrors = [];
  page.on('pageerror', (e) => pageErrors.push(String(e)));
  await page.goto(origin);
  await page.evaluate(() => {
    const worker = new Worker('/server.js');
    const answers = new Map();
    const published = [];
    const state = { worker, received: [], nextId: 1, errors: [], published };
    window.lsp = state;
    worker.onerror = (e) => state.errors.push(e.message);
    worker.onmessage = ({ data }) => {
      state.received.push(data);
      // window/workDoneProgress/create, client/registerCapability: accepted.
      if (data.id !== undefined && data.method) worker.postMessage({ jsonrpc: '2.0', id: data.id, result: null });
      else if (data.id !== undefined) answers.get(data.id)?.(data);
      if (data.method === 'textDocument/publishDiagnostics') for (const waiter of [...published]) waiter(data.params);
    };
    state.request = (method, params) => {
      const id = state.nextId++;
      return new Promise((resolve, reject) => {
        answers.set(id, (answer) => {
          answers.delete(id);
          if (answer.error) reject(new Error(answer.error.message));
          else resolve(answer.result);
        });
        worker.postMessage({ jsonrpc: '2.0', id, method, params });
      });
    };
    state.notify = (method, params) => worker.postMessage({ jsonrpc: '2.0', method, params });
    /** The diagnostics published for the version of the document. */
    state.diagnostics = (uri, version) =>
      new Promise((resolve) => {
        const waiter = (p) => {
          if (p.uri !== uri || p.version !== version) return;
          published.splice(published.indexOf(waiter), 1);
          resolve(p.diagnostics);
        };
        published.push(waiter);
      });
  });
  const request = (method, params) => page.evaluate(([m, p]) => window.lsp.request(m, p), [method, params]);
  const notify = (method, params) => page.evaluate(([m, p]) => window.lsp.notify(m, p), [method, params]);
  return { page, pageErrors, request, notify };
}

/** Initializes the server; `analysisWorker`: the address of its analysis worker, or none (analysis inline). */
export async function initialize({ request, notify }, analysisWorker) {
  const result = await request('initialize', {
    processId: null,
    rootUri: 'vscode-test-web://mount/',
    workspaceFolders: [{ uri: 'vscode-test-web://mount/', name: 'mount' }],
    capabilities: { textDocument: { completion: { completionItem: { snippetSupport: true } } }, window: { workDoneProgress: true } },
    initializationOptions: { notifications: true, ...(analysisWorker ? { analysisWorker } : {}) },
  });
  await notify('initialized', {});
  return result;
}

/**
 * Issue 16 in the browser: completions on a small document, one after the other, while a large
 * document in the same server takes an edit every `everyMs` (on a schedule: a slow server gets the
 * next edit anyway); then the large document's final diagnostics against opening its final text
 * afresh. Runs inside the page, so that the times are the worker's and not the automation's.
 */
export function editStorm(page, { small, big, edits, everyMs = 20 }) {
  return page.evaluate(
    async ({ small, big, edits, everyMs }) => {
      const { request, notify, diagnostics } = window.lsp;
      const smallUri = 'vscode-test-web://mount/storm-small.md';
      const bigUri = 'vscode-test-web://mount/storm-large.md';
      const open = (uri, text) => notify('textDocument/didOpen', { textDocument: { uri, languageId: 'markdown', version: 1, text } });
      let done = diagnostics(smallUri, 1);
      open(smallUri, small);
      await done;
      done = diagnostics(bigUri, 1);
      open(bigUri, big);
      await done;
      const smallLines = small.split('\n');
      const status = { line: smallLines.findIndex((l) => l.startsWith('**Status**')), character: 12 };
      const lines = big.split('\n');
      const line = lines.findIndex((l) => l.startsWith('**Author**'));
      const times = [];
      let labels = Infinity;
      let version = 1;
      let editing = true;
      const start = performance.now();
      const editor = (async () => {
        for (let i = 1; i <= edits; i++) {
          await new Promise((r) => setTimeout(r, Math.max(0, start + i * everyMs - performance.now())));
          const character = lines[line].length;
          notify('textDocument/didChange', {
            textDocument: { uri: bigUri, version: ++version },
            contentChanges: [{ range: { start: { line, character }, end: { line, character } }, text: 'x' }],
          });
          lines[line] += 'x';
        }
        editing = false;
        return performance.now();
      })();
      while (editing) {
        const t0 = performance.now();
        const items = await request('textDocument/completion', { textDocument: { uri: smallUri }, position: status });
        times.push(performance.now() - t0);
        labels = Math.min(labels, (Array.isArray(items) ? items : (items?.items ?? [])).length);
      }
      const lastEdit = await editor;
      const final = await diagnostics(bigUri, version);
      const settled = performance.now();
      notify('textDocument/didClose', { textDocument: { uri: bigUri } });
      done = diagnostics(bigUri, 1);
      open(bigUri, lines.join('\n'));
      const fresh = await done;
      notify('textDocument/didClose', { textDocument: { uri: bigUri } });
      notify('textDocument/didClose', { textDocument: { uri: smallUri } });
      const logs = window.lsp.received.filter((m) => m.method === 'window/logMessage').map((m) => m.params.message);
      return { times, labels, lastToDiagnostics: settled - lastEdit, equal: JSON.stringify(final) === JSON.stringify(fresh), count: final.length, logs };
    },
    { small, big, edits, everyMs },
  );
}
