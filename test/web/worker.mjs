// `node test/web/worker.mjs`: the web build's language server (dist/web/server.js, built by
// `npm run build`) in a real Chromium Web Worker, driven with LSP messages from the page: it
// initializes, publishes the findings of a broken spec delta opened in it, finds a duplicate id in a
// file the client fed (specDelta/workspaceFiles, the web's workspace), and completes. The page comes
// from a localhost HTTP server started here. Prints `web worker: N passed, N failed` last.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { join } from 'node:path';
import { launchBrowser, playwrightDir, repoRoot } from '../e2e/codeServer.mjs';

// Chromium and playwright-core come from the end-to-end installer (idempotent, cached), which a
// fresh machine has not run yet when this suite comes first.
if (!existsSync(playwrightDir)) {
  const install = spawnSync('bash', [join(repoRoot, 'test/e2e/install.sh')], { stdio: 'inherit' });
  if (install.status !== 0) throw new Error(`test/e2e/install.sh failed (exit ${install.status})`);
}

const WORKSPACE = join(repoRoot, 'test/vscode/workspace/docs/spec-deltas');
const BROKEN = 'INVARIANT-060-payment-webhooks-processed-once.md';
const SAME_ID = 'INVARIANT-060-migrations-keep-deployed-columns.md';
const uriOf = (name) => `vscode-test-web://mount/docs/spec-deltas/${name}`;

let passed = 0;
let failed = 0;
async function check(name, f) {
  const t0 = Date.now();
  try {
    await f();
    passed++;
    console.log(`  ok   ${name} (${Date.now() - t0} ms)`);
  } catch (error) {
    failed++;
    console.log(`  FAIL ${name}: ${error?.stack ?? error}`);
  }
}

const bundle = readFileSync(join(repoRoot, 'dist/web/server.js'));
const http = createServer((request, response) => {
  if (request.url === '/server.js') response.writeHead(200, { 'content-type': 'text/javascript' }).end(bundle);
  else response.writeHead(200, { 'content-type': 'text/html' }).end('<!doctype html><title>spec-delta web worker</title>');
});
await new Promise((resolve) => http.listen(0, '127.0.0.1', resolve));
const origin = `http://127.0.0.1:${http.address().port}`;
const browser = await launchBrowser();
try {
  const page = await browser.newPage();
  const workerErrors = [];
  page.on('pageerror', (e) => workerErrors.push(String(e)));
  await page.goto(origin);
  // The page's half of the LSP: a worker, a message log, and answers to the server's own requests.
  await page.evaluate(() => {
    const worker = new Worker('/server.js');
    const state = { worker, received: [], nextId: 1, errors: [] };
    window.lsp = state;
    worker.onerror = (e) => state.errors.push(e.message);
    worker.onmessage = ({ data }) => {
      state.received.push(data);
      // window/workDoneProgress/create, client/registerCapability: accepted.
      if (data.id !== undefined && data.method) worker.postMessage({ jsonrpc: '2.0', id: data.id, result: null });
    };
    state.request = (method, params) => {
      const id = state.nextId++;
      worker.postMessage({ jsonrpc: '2.0', id, method, params });
      return new Promise((resolve, reject) => {
        const poll = setInterval(() => {
          const answer = state.received.find((m) => m.id === id && !m.method);
          if (!answer) return;
          clearInterval(poll);
          if (answer.error) reject(new Error(answer.error.message));
          else resolve(answer.result);
        }, 10);
      });
    };
    state.notify = (method, params) => worker.postMessage({ jsonrpc: '2.0', method, params });
  });
  const request = (method, params) => page.evaluate(([m, p]) => window.lsp.request(m, p), [method, params]);
  const notify = (method, params) => page.evaluate(([m, p]) => window.lsp.notify(m, p), [method, params]);
  /** The newest diagnostics published for a document that satisfy `accept`, waited for up to 10 s. */
  const diagnostics = async (uri, accept) => {
    const deadline = Date.now() + 10_000;
    for (;;) {
      const published = await page.evaluate(
        (u) => window.lsp.received.filter((m) => m.method === 'textDocument/publishDiagnostics' && m.params.uri === u).map((m) => m.params.diagnostics),
        uri,
      );
      const last = published.at(-1);
      if (last && accept(last)) return last;
      if (Date.now() > deadline)
        throw new Error(`no matching diagnostics for ${uri}; last: ${JSON.stringify(last?.map((d) => d.code))}; worker errors: ${workerErrors.join('; ')}`);
      await new Promise((r) => setTimeout(r, 50));
    }
  };

  await check('initialize answers with the server capabilities', async () => {
    const result = await request('initialize', {
      processId: null,
      rootUri: 'vscode-test-web://mount/',
      workspaceFolders: [{ uri: 'vscode-test-web://mount/', name: 'mount' }],
      capabilities: { textDocument: { completion: { completionItem: { snippetSupport: true } } }, window: { workDoneProgress: true } },
      initializationOptions: { notifications: true },
    });
    if (result?.serverInfo?.name !== 'spec-delta-language-server') throw new Error(`serverInfo: ${JSON.stringify(result?.serverInfo)}`);
    if (!result.capabilities.completionProvider || !result.capabilities.codeActionProvider)
      throw new Error(`capabilities: ${JSON.stringify(result.capabilities)}`);
    await notify('initialized', {});
  });

  const text = readFileSync(join(WORKSPACE, BROKEN), 'utf8');
  await check('didOpen of a broken spec delta publishes its findings (date, severity)', async () => {
    await notify('textDocument/didOpen', { textDocument: { uri: uriOf(BROKEN), languageId: 'markdown', version: 1, text } });
    const found = await diagnostics(uriOf(BROKEN), (d) => d.length > 0);
    const codes = new Set(found.map((d) => d.code));
    const severityLine = text.split('\n').findIndex((l) => l.startsWith('**Severity**'));
    const dateLine = text.split('\n').findIndex((l) => l.startsWith('**Date**'));
    if (!found.some((d) => d.range.start.line === severityLine)) throw new Error(`no finding on the Severity line ${severityLine}: ${JSON.stringify(found)}`);
    if (!found.some((d) => d.range.start.line === dateLine)) throw new Error(`no finding on the Date line ${dateLine}: ${[...codes]}`);
  });

  await check('a file fed by the client (specDelta/workspaceFiles) with the same id: SD012 in the open one', async () => {
    await notify('specDelta/workspaceFiles', { files: [{ uri: uriOf(SAME_ID), text: readFileSync(join(WORKSPACE, SAME_ID), 'utf8') }] });
    await diagnostics(uriOf(BROKEN), (d) => d.some((x) => x.code === 'SD012'));
  });

  await check('a deleted fed file (specDelta/workspaceFilesDeleted) takes its duplicate id away', async () => {
    await notify('specDelta/workspaceFilesDeleted', { uris: [uriOf(SAME_ID)] });
    await diagnostics(uriOf(BROKEN), (d) => d.length > 0 && !d.some((x) => x.code === 'SD012'));
  });

  await check('completion of the Severity value offers the template values', async () => {
    const line = text.split('\n').findIndex((l) => l.startsWith('**Severity**'));
    const result = await request('textDocument/completion', { textDocument: { uri: uriOf(BROKEN) }, position: { line, character: '**Severity**: '.length } });
    const labels = (Array.isArray(result) ? result : (result?.items ?? [])).map((i) => i.label);
    for (const value of ['Critical', 'High', 'Medium', 'Low']) if (!labels.includes(value)) throw new Error(`completion labels: ${JSON.stringify(labels)}`);
  });

  await check('typing (didChange) updates the findings', async () => {
    const line = text.split('\n').findIndex((l) => l.startsWith('**Severity**'));
    const length = text.split('\n')[line].length;
    await notify('textDocument/didChange', {
      textDocument: { uri: uriOf(BROKEN), version: 2 },
      contentChanges: [{ range: { start: { line, character: 0 }, end: { line, character: length } }, text: '**Severity**: High' }],
    });
    await diagnostics(uriOf(BROKEN), (d) => d.length > 0 && !d.some((x) => x.range.start.line === line));
  });

  await check('the worker reported no error', async () => {
    const errors = await page.evaluate(() => window.lsp.errors);
    if (errors.length + workerErrors.length > 0) throw new Error([...errors, ...workerErrors].join('; '));
  });
} finally {
  await browser.close();
  http.close();
}
console.log(`web worker: ${passed} passed, ${failed} failed`);
process.exit(failed > 0 ? 1 : 0);
