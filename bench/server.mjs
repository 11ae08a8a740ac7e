// The language server measured through its real stdio protocol: didChange -> publishDiagnostics
// latency, completion latency while a large document is analysed, a burst of edits, indexing a
// large workspace, and memory over many open/change/close cycles.
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { corpus } from './corpus.mjs';

const require = createRequire(import.meta.url);
const rpc = require('vscode-jsonrpc/node');

export class Server {
  constructor(folder) {
    this.child = spawn(process.execPath, [join(process.cwd(), 'dist/server.js'), '--stdio'], { stdio: ['pipe', 'pipe', 'inherit'] });
    this.connection = rpc.createMessageConnection(new rpc.StreamMessageReader(this.child.stdout), new rpc.StreamMessageWriter(this.child.stdin));
    this.published = [];
    this.waiters = [];
    this.logs = [];
    this.connection.onNotification('textDocument/publishDiagnostics', (p) => {
      this.published.push({ uri: p.uri, version: p.version, at: performance.now() });
      this.waiters = this.waiters.filter((w) => !(w.uri === p.uri && w.version === p.version && (w.resolve(performance.now()), true)));
    });
    this.connection.onNotification('window/logMessage', (p) => this.logs.push(p.message));
    this.connection.onRequest('window/workDoneProgress/create', () => null);
    this.connection.onRequest('client/registerCapability', () => null);
    this.connection.listen();
    this.folder = folder;
  }
  async initialize() {
    await this.connection.sendRequest('initialize', {
      processId: process.pid,
      rootUri: this.folder ? pathToFileURL(this.folder).href : null,
      workspaceFolders: this.folder ? [{ uri: pathToFileURL(this.folder).href, name: 'bench' }] : [],
      capabilities: { window: { workDoneProgress: true }, textDocument: { publishDiagnostics: { versionSupport: true } } },
    });
    this.connection.sendNotification('initialized', {});
  }
  async waitForLog(pattern) {
    while (!this.logs.some((l) => pattern.test(l))) await new Promise((r) => setTimeout(r, 5));
    return this.logs.find((l) => pattern.test(l));
  }
  diagnosticsFor(uri, version) {
    return new Promise((resolve) => this.waiters.push({ uri, version, resolve }));
  }
  rssMb() {
    const status = readFileSync(`/proc/${this.child.pid}/status`, 'utf8');
    return Number(/VmRSS:\s+(\d+)/.exec(status)[1]) / 1024;
  }
  async stop() {
    this.child.stdin.on('error', () => {});
    const exited = new Promise((resolve) => this.child.once('exit', resolve));
    await this.connection.sendRequest('shutdown').catch(() => {});
    await this.connection.sendNotification('exit').catch(() => {});
    await Promise.race([exited, new Promise((r) => setTimeout(r, 2000))]);
    this.connection.dispose();
    this.child.kill();
  }
}

const percentile = (values, p) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
};

/** A spec delta of about `bytes`: the example with a long timeline and long prose. */
export function bigDocument(bytes) {
  const base = corpus(1, 3)[0];
  const rows = [];
  const prose = [];
  let size = base.length;
  for (let i = 0; size < bytes; i++) {
    const row = `| T+${i}m | Step ${i}: the queue consumer retried batch ${i} and the ledger lag grew by ${i % 97} ms |`;
    const line = `Observation ${i}: replica ${i % 13} reported stale reads for shard ${i % 31} while the cache was warming.`;
    rows.push(row);
    prose.push(line);
    size += row.length + line.length + 2;
  }
  return base.replace('| T+47m | Rollback', `${rows.join('\n')}\n| T+99999m | Rollback`).replace(/^(On 14 March.*)$/m, `$1\n${prose.join('\n')}`);
}

/** Sequential edits on the Author line, each waiting for its diagnostics. */
async function latency(server, text, edits) {
  const uri = `file:///bench/doc-${text.length}.md`;
  const lines = text.split('\n');
  const line = lines.findIndex((l) => l.startsWith('**Author**'));
  server.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'markdown', version: 1, text } });
  await server.diagnosticsFor(uri, 1);
  const diagnostics = [];
  const completions = [];
  // The first edits warm up the JIT; they are not counted.
  const warmup = Math.min(50, edits);
  for (let v = 2; v < edits + warmup + 2; v++) {
    const start = performance.now();
    const character = lines[line].length;
    server.connection.sendNotification('textDocument/didChange', {
      textDocument: { uri, version: v },
      contentChanges: [{ range: { start: { line, character }, end: { line, character } }, text: 'x' }],
    });
    lines[line] += 'x';
    // A completion asked right after the change: it must not wait behind the analysis for long.
    const status = lines.findIndex((l) => l.startsWith('**Status**'));
    const completionStart = performance.now();
    const completion = server.connection.sendRequest('textDocument/completion', { textDocument: { uri }, position: { line: status, character: 12 } }).then(() => performance.now() - completionStart);
    const published = await server.diagnosticsFor(uri, v);
    const completed = await completion;
    if (v < warmup + 2) continue;
    diagnostics.push(published - start);
    completions.push(completed);
  }
  server.connection.sendNotification('textDocument/didClose', { textDocument: { uri } });
  return { diagnostics, completions };
}

/** 200 edits sent as fast as possible: the newest version must be published last, nothing older after it. */
async function burst(server, text) {
  const uri = 'file:///bench/burst.md';
  server.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'markdown', version: 1, text } });
  await server.diagnosticsFor(uri, 1);
  const before = server.published.length;
  const last = 201;
  const done = server.diagnosticsFor(uri, last);
  for (let v = 2; v <= last; v++) {
    server.connection.sendNotification('textDocument/didChange', {
      textDocument: { uri, version: v },
      contentChanges: [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: v % 2 ? ' ' : '' }],
    });
  }
  await done;
  await new Promise((r) => setTimeout(r, 300));
  const versions = server.published.slice(before).filter((p) => p.uri === uri).map((p) => p.version);
  const ordered = versions.every((v, i) => i === 0 || v > versions[i - 1]);
  return { publications: versions.length, lastIsNewest: versions[versions.length - 1] === last, ordered };
}

export async function benchServer(row, { quick = false } = {}) {
  const small = corpus(1, 5)[0];
  const server = new Server();
  await server.initialize();
  const s = await latency(server, small, quick ? 100 : 300);
  row('server', `didChange->diagnostics p50, ${(small.length / 1024).toFixed(0)} KB`, percentile(s.diagnostics, 50), undefined, '');
  row('server', `didChange->diagnostics p99, ${(small.length / 1024).toFixed(0)} KB`, percentile(s.diagnostics, 99), undefined, '<= 10 ms');
  row('server', `completion p99 right after a change, 5 KB`, percentile(s.completions, 99), undefined, 'fast');
  const big = bigDocument(1024 * 1024);
  const b = await latency(server, big, quick ? 10 : 30);
  row('server', `didChange->diagnostics p50, ${(big.length / 1024 / 1024).toFixed(1)} MB`, percentile(b.diagnostics, 50), undefined, '');
  row('server', `didChange->diagnostics p99, ${(big.length / 1024 / 1024).toFixed(1)} MB`, percentile(b.diagnostics, 99), undefined, '<= 150 ms');
  row('server', `completion p50 / p99 during analysis, 1 MB`, percentile(b.completions, 50), undefined, `p99 ${percentile(b.completions, 99).toFixed(1)} ms`);
  const r = await burst(server, small);
  row('server', `200-edit burst: publications, newest last, in order`, r.publications, undefined, `${r.lastIsNewest && r.ordered ? 'yes' : 'NO'} (only newer versions)`, 'count');
  await server.stop();
}

export async function benchWorkspace(row, { count = 10000, cycles = 1000 } = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'spec-delta-ws-'));
  try {
    const folder = join(dir, 'docs', 'spec-deltas');
    mkdirSync(folder, { recursive: true });
    corpus(count, 13).forEach((text, i) => writeFileSync(join(folder, `doc-${i}.md`), text));
    const server = new Server(dir);
    const start = performance.now();
    await server.initialize();
    const line = await server.waitForLog(/Indexed \d+ Markdown files/);
    const ms = performance.now() - start;
    row('workspace', `index ${count} spec deltas at start`, ms, undefined, '<= 3000 ms');
    row('workspace', `server resident memory, ${count} indexed`, server.rssMb(), undefined, '<= 150 MB', 'MB');
    void line;
    const text = corpus(1, 17)[0];
    const cycle = async (i) => {
      const uri = pathToFileURL(join(folder, `doc-${i % count}.md`)).href;
      server.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'markdown', version: 1, text } });
      server.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version: 2 }, contentChanges: [{ range: { start: { line: 2, character: 0 }, end: { line: 2, character: 0 } }, text: ' ' }] });
      await server.diagnosticsFor(uri, 2);
      server.connection.sendNotification('textDocument/didClose', { textDocument: { uri } });
    };
    for (let i = 0; i < cycles / 10; i++) await cycle(i);
    await new Promise((r) => setTimeout(r, 500));
    const early = server.rssMb();
    for (let i = cycles / 10; i < cycles; i++) await cycle(i);
    await new Promise((r) => setTimeout(r, 500));
    const late = server.rssMb();
    row('workspace', `memory after ${cycles / 10} vs ${cycles} open/change/close`, late, early, 'flat (ratio ~1.0x)', 'MB');
    await server.stop();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
