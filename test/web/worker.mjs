// `node test/web/worker.mjs`: the web build's language server (dist/web/server.js, built by
// `npm run build`) in a real Chromium Web Worker, driven with LSP messages from the page: it
// initializes, publishes the findings of a broken spec delta opened in it, finds a duplicate id in a
// file the client fed (specDelta/workspaceFiles, the web's workspace), and completes. The page comes
// from a localhost HTTP server started here. Prints `web worker: N passed, N failed` last.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { bigDocument } from '../../bench/server.mjs';
import { percentile } from '../../bench/stats.mjs';
import { launchBrowser, playwrightDir, repoRoot } from '../e2e/codeServer.mjs';
import { editStorm, initialize, openServerPage, serveWebBundles } from './serverPage.mjs';

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

const served = await serveWebBundles();
const browser = await launchBrowser();
try {
  const { page, pageErrors: workerErrors, request, notify } = await openServerPage(browser, served.origin);
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
    const result = await initialize({ request, notify }, `${served.origin}/analysisWorker.js`);
    if (result?.serverInfo?.name !== 'spec-delta-language-server') throw new Error(`serverInfo: ${JSON.stringify(result?.serverInfo)}`);
    if (!result.capabilities.completionProvider || !result.capabilities.codeActionProvider)
      throw new Error(`capabilities: ${JSON.stringify(result.capabilities)}`);
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

  await check(
    'completion on a small document answers while a 1 MB document takes an edit every 20 ms (p99 <= 50 ms), analysed in a worker of the server; its final diagnostics equal a fresh open',
    async () => {
      const storm = await editStorm(page, { small: bigDocument(5 * 1024), big: bigDocument(1024 * 1024), edits: 100 });
      const p99 = percentile(storm.times, 99);
      console.log(
        `       ${storm.times.length} completions: p50 ${percentile(storm.times, 50).toFixed(1)} ms, p99 ${p99.toFixed(1)} ms; last edit -> diagnostics ${storm.lastToDiagnostics.toFixed(0)} ms`,
      );
      const threadLogs = storm.logs.filter((m) => /analysis thread/.test(m));
      if (threadLogs.length > 0) throw new Error(`the analysis worker did not serve: ${threadLogs.join('; ')}`);
      if (storm.labels === 0) throw new Error('a completion came back empty');
      if (!storm.equal) throw new Error(`the final diagnostics (${storm.count}) differ from a fresh open's`);
      if (!(p99 <= 50)) throw new Error(`completion p99 ${p99.toFixed(1)} ms > 50 ms`);
    },
  );

  await check("the analysis worker also starts from a blob: URL another context made (code-server's web host reads the bundle so)", async () => {
    const other = await openServerPage(browser, served.origin);
    try {
      const blob = await other.page.evaluate(async () => URL.createObjectURL(await (await fetch('/analysisWorker.js')).blob()));
      await initialize(other, blob);
      const large = bigDocument(200 * 1024);
      const result = await other.page.evaluate(async (text) => {
        const uri = 'vscode-test-web://mount/blob-large.md';
        const done = window.lsp.diagnostics(uri, 1);
        window.lsp.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'markdown', version: 1, text } });
        const diagnostics = await done;
        return { diagnostics, logs: window.lsp.received.filter((m) => m.method === 'window/logMessage').map((m) => m.params.message) };
      }, large);
      const threadLogs = result.logs.filter((m) => /analysis thread/.test(m));
      if (threadLogs.length > 0) throw new Error(`the analysis worker did not serve: ${threadLogs.join('; ')}`);
      if (!Array.isArray(result.diagnostics)) throw new Error('no diagnostics');
      if (other.pageErrors.length > 0) throw new Error(other.pageErrors.join('; '));
    } finally {
      await other.page.close();
    }
  });

  await check('the worker reported no error', async () => {
    const errors = await page.evaluate(() => window.lsp.errors);
    if (errors.length + workerErrors.length > 0) throw new Error([...errors, ...workerErrors].join('; '));
  });
} finally {
  await browser.close();
  served.close();
}
console.log(`web worker: ${passed} passed, ${failed} failed`);
process.exit(failed > 0 ? 1 : 0);
