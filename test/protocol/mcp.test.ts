// `spec-delta mcp` driven by the MCP SDK's own client over stdio, as an assistant's host drives it.
// Runs against the clone's bin/spec-delta.js; test/package/package.test.mjs bundles this file and
// runs it again against the installed tarball's bin (SPEC_DELTA_MCP_BIN, SPEC_DELTA_REPO).
import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, test } from 'node:test';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { ErrorCode, McpError, type CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { threadStat, threadsOf } from '../../server/src/node/threadPriority';

const REPO = process.env['SPEC_DELTA_REPO'] ?? findRepo(__dirname);
const BIN = process.env['SPEC_DELTA_MCP_BIN'] ?? path.join(REPO, 'bin/spec-delta.js');
const BROKEN = fs.readFileSync(path.join(REPO, 'test/fixtures/broken/INVARIANT-060-many-errors.md'), 'utf8');
const GOOD = fs.readFileSync(path.join(REPO, 'examples/INVARIANT-042-checkout-totals-currency.md'), 'utf8');
const RULE_CODES = fs
  .readdirSync(path.join(REPO, 'docs/rules'))
  .filter((f) => /^SD\d+\.md$/.test(f))
  .map((f) => f.slice(0, -3))
  .sort();

function findRepo(from: string): string {
  for (let dir = from; ; dir = path.dirname(dir)) {
    if (fs.existsSync(path.join(dir, 'package.json'))) return dir;
    if (path.dirname(dir) === dir) throw new Error('no package.json above ' + from);
  }
}

let work: string; // the temporary folder: root/ is the server's root, outside/ is not below it
let root: string;
let outside: string;
let client: Client;

async function connect(cwd: string, args: string[] = []): Promise<Client> {
  const c = new Client({ name: 'spec-delta-test', version: '1.0.0' });
  await c.connect(new StdioClientTransport({ command: process.execPath, args: [BIN, 'mcp', ...args], cwd, stderr: 'pipe' }));
  return c;
}

before(async () => {
  work = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'spec-delta-mcp-')));
  root = path.join(work, 'root');
  outside = path.join(work, 'outside');
  fs.mkdirSync(path.join(root, 'docs/spec-deltas'), { recursive: true });
  fs.mkdirSync(outside);
  fs.writeFileSync(path.join(root, 'docs/spec-deltas/INVARIANT-042-checkout-totals-currency.md'), GOOD);
  fs.writeFileSync(path.join(outside, 'INVARIANT-060-elsewhere.md'), BROKEN);
  fs.symlinkSync(outside, path.join(root, 'linked-out'));
  fs.symlinkSync(path.join(outside, 'INVARIANT-060-elsewhere.md'), path.join(root, 'docs/INVARIANT-061-link.md'));
  client = await connect(root);
});

after(async () => {
  await client?.close();
  if (work) fs.rmSync(work, { recursive: true, force: true });
});

async function call(name: string, args: Record<string, unknown>): Promise<CallToolResult> {
  return (await client.callTool({ name, arguments: args })) as CallToolResult;
}

function text(result: CallToolResult): string {
  return result.content.map((c) => (c.type === 'text' ? c.text : '')).join('');
}

/** A refusal: a tool error (not a protocol error) whose message says why. */
async function refused(name: string, args: Record<string, unknown>, why: RegExp): Promise<void> {
  const result = await call(name, args);
  assert.equal(result.isError, true, `${name} ${JSON.stringify(args)} was not refused: ${text(result)}`);
  assert.match(text(result), why);
}

/** Bad arguments: an MCP error (invalid params), and the server still answers afterwards. */
async function invalid(name: string, args: unknown, why: RegExp): Promise<void> {
  await assert.rejects(client.callTool({ name, arguments: args as Record<string, unknown> }), (error: unknown) => {
    assert.ok(error instanceof McpError, String(error));
    assert.equal(error.code, ErrorCode.InvalidParams);
    assert.match(error.message, why);
    return true;
  });
}

function cliJson(cwd: string, ...paths: string[]): unknown {
  const r = spawnSync(process.execPath, [BIN, 'lint', '--format', 'json', ...paths], { cwd, encoding: 'utf8' });
  assert.ok(r.status === 0 || r.status === 1, r.stderr);
  return JSON.parse(r.stdout);
}

type LintStructured = {
  files: { file: string; diagnostics: { code: string; severity: number }[] }[];
  counts: { errors: number; warnings: number; other: number };
};
const findings = (s: LintStructured): number => s.counts.errors + s.counts.warnings + s.counts.other;

test('lists the tools, each with input and output schemas and a description of when to call it, and the resources', async () => {
  const { tools } = await client.listTools();
  assert.deepEqual(tools.map((t) => t.name).sort(), ['catalog', 'explain_rule', 'fix', 'lint', 'new_spec_delta']);
  for (const tool of tools) {
    assert.equal(tool.inputSchema.type, 'object', tool.name);
    assert.equal(tool.outputSchema?.type, 'object', tool.name);
    assert.match(tool.description ?? '', /Call it (after|when|with|to) /, tool.name);
  }
  const { resources } = await client.listResources();
  assert.deepEqual(
    resources.map((r) => r.uri),
    ['spec-delta://template', ...RULE_CODES.map((c) => `spec-delta://rules/${c}`)],
  );
  const template = await client.readResource({ uri: 'spec-delta://template' });
  assert.equal((template.contents[0] as { text: string }).text, fs.readFileSync(path.join(REPO, 'test/fixtures/template.md'), 'utf8'));
  const page = await client.readResource({ uri: 'spec-delta://rules/SD001' });
  assert.equal((page.contents[0] as { text: string }).text, fs.readFileSync(path.join(REPO, 'docs/rules/SD001.md'), 'utf8'));
  await assert.rejects(client.readResource({ uri: 'spec-delta://rules/../../package.json' }), /unknown resource/);
});

test('lint: a path gives what spec-delta lint --format json gives; text with a file name gives the same diagnostics', async () => {
  const file = 'docs/spec-deltas/INVARIANT-060-webhooks.md';
  fs.writeFileSync(path.join(root, file), BROKEN);
  try {
    const byPath = await call('lint', { path: file });
    assert.equal(byPath.isError, undefined, text(byPath));
    const structured = byPath.structuredContent as LintStructured;
    assert.deepEqual(structured.files, cliJson(root, file));
    assert.ok(structured.counts.errors > 5, JSON.stringify(structured.counts));
    assert.match(text(byPath), new RegExp(`^${structured.counts.errors} errors, `));
    assert.match(text(byPath), /INVARIANT-060-webhooks\.md:\d+:\d+ error SD\d+ /);
    const folder = await call('lint', { path: 'docs' });
    assert.deepEqual((folder.structuredContent as LintStructured).files, cliJson(root, 'docs'));
    const byText = await call('lint', { text: BROKEN, fileName: file });
    assert.deepEqual((byText.structuredContent as LintStructured).files, structured.files);
    // A draft not on disk that takes an id already defined is a duplicate of it (the cross-file rules see the root).
    const draft = await call('lint', { text: GOOD, fileName: 'docs/spec-deltas/INVARIANT-042-copy.md' });
    assert.ok(
      (draft.structuredContent as LintStructured).files[0]!.diagnostics.some((d) => d.code === 'SD012'),
      text(draft),
    );
    const alone = await call('lint', { text: GOOD, fileName: 'docs/spec-deltas/INVARIANT-042-checkout-totals-currency.md' });
    assert.ok(!(alone.structuredContent as LintStructured).files[0]!.diagnostics.some((d) => d.code === 'SD012'), 'text standing for a file replaces it');
  } finally {
    fs.rmSync(path.join(root, file));
  }
});

test('lint: the summary names severities as spec-delta lint does (information, hint)', async () => {
  const folder = path.join(root, 'docs/severities');
  fs.mkdirSync(folder, { recursive: true });
  // Every finding made an information, and SD001 a hint: the summary's words for them are the CLI's.
  const rules = Object.fromEntries(RULE_CODES.map((code) => [code, code === 'SD001' ? 'hint' : 'information']));
  fs.writeFileSync(path.join(folder, '.spec-delta.json'), JSON.stringify({ rules }));
  fs.writeFileSync(path.join(folder, 'INVARIANT-060-webhooks.md'), BROKEN);
  try {
    const result = await call('lint', { path: 'docs/severities' });
    const lines = text(result).split('\n').slice(1);
    assert.ok(lines.length > 5, text(result));
    for (const line of lines) assert.match(line, /^docs\/severities\/INVARIANT-060-webhooks\.md:\d+:\d+ (information SD(?!001)\d+|hint SD001) /);
    const stylish = spawnSync(process.execPath, [BIN, 'lint', 'docs/severities'], { cwd: root, encoding: 'utf8' }).stdout;
    assert.match(stylish, / information /);
  } finally {
    fs.rmSync(folder, { recursive: true, force: true });
  }
});

test(
  "lint keeps the server's threads at their priority: a long-running server is not a one-thread command run",
  { skip: process.platform !== 'linux' && 'Linux only' },
  async () => {
    const result = await call('lint', { path: 'docs' });
    assert.notEqual(result.isError, true, text(result));
    const pid = (client.transport as StdioClientTransport | undefined)?.pid;
    assert.ok(pid, 'the server process');
    // Read by the CLI's own /proc reader.
    const nice = (thread: number): number | undefined => threadStat(thread, pid)?.nice;
    const threads = threadsOf(pid);
    assert.ok(threads.length > 1);
    assert.deepEqual(
      threads.map(nice),
      threads.map(() => nice(pid)),
    );
  },
);

test('lint and fix refuse paths outside the root: .., absolute elsewhere, a symbolic link out', async () => {
  for (const tool of ['lint', 'fix']) {
    await refused(tool, { path: '../outside' }, /outside the root/);
    await refused(tool, { path: path.join(outside, 'INVARIANT-060-elsewhere.md') }, /outside the root/);
    await refused(tool, { path: 'linked-out' }, /symbolic link/);
    await refused(tool, { path: 'linked-out/INVARIANT-060-elsewhere.md' }, /symbolic link/);
    await refused(tool, { path: 'docs/INVARIANT-061-link.md' }, /symbolic link/);
    await refused(tool, { path: 'no/such/file.md' }, /cannot read 'no\/such\/file\.md'|no\/such/);
  }
  await refused('lint', { text: GOOD, fileName: '../x.md' }, /outside the root/);
  assert.equal(fs.readFileSync(path.join(outside, 'INVARIANT-060-elsewhere.md'), 'utf8'), BROKEN, 'nothing outside the root was written');
});

test('bad arguments get MCP errors (invalid params), never a crash', async () => {
  await invalid('lint', {}, /either path, or text with fileName/);
  await invalid('lint', { path: 'docs', text: 'x' }, /either path, or text/);
  await invalid('lint', { text: 'x' }, /text needs fileName/);
  await invalid('lint', { path: 42 }, /'path' must be a string, not number/);
  await invalid('fix', { file: 'docs' }, /unknown argument 'file'/);
  await invalid('new_spec_delta', {}, /missing argument 'title'/);
  await invalid('explain_rule', { code: null }, /'code' must be a string, not null/);
  await invalid('no_such_tool', {}, /unknown tool 'no_such_tool'/);
  const still = await call('explain_rule', { code: 'SD001' });
  assert.equal(still.isError, undefined);
});

test('fix inserts what is missing, keeps CRLF line endings and the BOM, and returns what is left', async () => {
  const file = 'docs/spec-deltas/INVARIANT-070-crlf.md';
  const original = '\uFEFF' + BROKEN.replace(/INVARIANT-060/g, 'INVARIANT-070').replace(/\n/g, '\r\n');
  fs.writeFileSync(path.join(root, file), original);
  try {
    const before = (await call('lint', { path: file })).structuredContent as LintStructured;
    const result = await call('fix', { path: file });
    assert.equal(result.isError, undefined, text(result));
    const structured = result.structuredContent as LintStructured & { fixed: string[] };
    assert.deepEqual(structured.fixed, [file]);
    assert.ok(findings(structured) < findings(before), `${findings(structured)} < ${findings(before)}`);
    assert.match(text(result), /^Fixed docs\/spec-deltas\/INVARIANT-070-crlf\.md\. Left: /);
    const written = fs.readFileSync(path.join(root, file), 'utf8');
    assert.ok(written.startsWith('\uFEFF# Spec Delta: INVARIANT-070'), 'the BOM is kept');
    assert.equal(written.split('\n').length, written.split('\r\n').length, 'every line ends with CRLF');
    assert.ok(written.length > original.length && written.includes('Review Checklist'));
    // What is left is what lint now says; a second fix has nothing to insert.
    assert.deepEqual(structured.files, cliJson(root, file));
    const again = await call('fix', { path: file });
    assert.deepEqual((again.structuredContent as { fixed: string[] }).fixed, []);
    assert.equal(fs.readFileSync(path.join(root, file), 'utf8'), written);
  } finally {
    fs.rmSync(path.join(root, file));
  }
});

test('new_spec_delta creates the next free id from the template, never overwrites, and stays inside the root', async () => {
  const made: string[] = [];
  try {
    const first = await call('new_spec_delta', { title: 'Refunds are idempotent', author: 'Dana' });
    assert.equal(first.isError, undefined, text(first));
    const s = first.structuredContent as { path: string; id: string; text: string };
    made.push(s.path);
    assert.equal(s.path, 'docs/spec-deltas/INVARIANT-043-refunds-are-idempotent.md');
    assert.equal(s.id, 'INVARIANT-043');
    assert.equal(fs.readFileSync(path.join(root, s.path), 'utf8'), s.text);
    assert.match(s.text, /^# Spec Delta: INVARIANT-043 Refunds are idempotent\n/);
    assert.match(s.text, /\*\*Author\*\*: Dana\n/);
    assert.match(s.text, /\*\*Date\*\*: \d{4}-\d{2}-\d{2}\n/);
    // The next call sees the new file; a file squatting on the next name is stepped over, not replaced.
    fs.writeFileSync(path.join(root, 'docs/spec-deltas/INVARIANT-044-refunds-are-idempotent.md'), 'mine\n');
    made.push('docs/spec-deltas/INVARIANT-044-refunds-are-idempotent.md');
    const second = await call('new_spec_delta', { title: 'Refunds are idempotent', folder: 'docs/spec-deltas' });
    const s2 = second.structuredContent as { path: string; id: string };
    made.push(s2.path);
    assert.equal(s2.path, 'docs/spec-deltas/INVARIANT-045-refunds-are-idempotent.md');
    assert.equal(fs.readFileSync(path.join(root, 'docs/spec-deltas/INVARIANT-044-refunds-are-idempotent.md'), 'utf8'), 'mine\n');
    const nested = await call('new_spec_delta', { title: 'Nested', folder: 'rfcs/new' });
    made.push((nested.structuredContent as { path: string }).path);
    assert.match((nested.structuredContent as { path: string }).path, /^rfcs\/new\/INVARIANT-046-nested\.md$/);
    await refused('new_spec_delta', { title: 'Out', folder: '../outside' }, /outside the root/);
    await refused('new_spec_delta', { title: 'Out', folder: outside }, /outside the root/);
    await refused('new_spec_delta', { title: 'Out', folder: 'linked-out/deeper' }, /symbolic link/);
    await refused('new_spec_delta', { title: '  ' }, /title cannot be used: Write a brief title/);
    await refused('new_spec_delta', { title: 'two\nlines' }, /title cannot be used: The title is one line/);
    assert.deepEqual(fs.readdirSync(outside), ['INVARIANT-060-elsewhere.md']);
    // Written through a temporary file linked to its name: none is left behind.
    assert.deepEqual(
      fs.readdirSync(path.join(root, 'docs/spec-deltas')).filter((f) => f.startsWith('.')),
      [],
    );
  } finally {
    for (const file of made) fs.rmSync(path.join(root, file), { force: true });
    fs.rmSync(path.join(root, 'rfcs'), { recursive: true, force: true });
  }
});

test('catalog gives what spec-delta catalog --format json gives, for the root or a folder below it; outside it is refused', async () => {
  fs.writeFileSync(path.join(root, 'docs/spec-deltas/INVARIANT-060-webhooks.md'), BROKEN);
  try {
    const whole = await call('catalog', {});
    assert.equal(whole.isError, undefined, text(whole));
    const cli = (...paths: string[]): unknown => {
      const r = spawnSync(process.execPath, [BIN, 'catalog', '--format', 'json', ...paths], { cwd: root, encoding: 'utf8' });
      assert.equal(r.status, 0, r.stderr);
      return JSON.parse(r.stdout);
    };
    assert.deepEqual(whole.structuredContent, cli());
    const catalog = whole.structuredContent as { version: number; invariants: { id: string; status: string }[] };
    assert.deepEqual(
      catalog.invariants.map((i) => i.id),
      ['INVARIANT-042', 'INVARIANT-060'],
    );
    assert.match(text(whole), /^2 invariant\(s\)\nINVARIANT-042 {2}Approved {2}/);
    const folder = await call('catalog', { path: 'docs/spec-deltas' });
    assert.deepEqual(folder.structuredContent, cli('docs/spec-deltas'));
    await refused('catalog', { path: '..' }, /outside the root/);
    await refused('catalog', { path: 'linked-out' }, /symbolic link/);
    await invalid('catalog', { paths: ['docs'] }, /unknown argument 'paths'/);
  } finally {
    fs.rmSync(path.join(root, 'docs/spec-deltas/INVARIANT-060-webhooks.md'));
  }
});

test('explain_rule gives the rule page by code or name; an unknown code is refused', async () => {
  const result = await call('explain_rule', { code: 'sd001' });
  const page = result.structuredContent as { code: string; name: string; text: string };
  assert.equal(page.code, 'SD001');
  assert.equal(page.text, fs.readFileSync(path.join(REPO, 'docs/rules/SD001.md'), 'utf8'));
  assert.equal(text(result), page.text);
  const byName = await call('explain_rule', { code: page.name });
  assert.equal((byName.structuredContent as { code: string }).code, 'SD001');
  await refused('explain_rule', { code: 'SD999' }, /no rule 'SD999'/);
});

test('--root confines a server started elsewhere; a root that is not a folder is a usage error', async () => {
  const elsewhere = await connect(work, ['--root', 'root']);
  try {
    const result = (await elsewhere.callTool({ name: 'lint', arguments: { path: 'docs' } })) as CallToolResult;
    assert.deepEqual(
      (result.structuredContent as LintStructured).files.map((f) => f.file),
      ['docs/spec-deltas/INVARIANT-042-checkout-totals-currency.md'],
    );
    const out = (await elsewhere.callTool({ name: 'lint', arguments: { path: '../outside' } })) as CallToolResult;
    assert.equal(out.isError, true);
  } finally {
    await elsewhere.close();
  }
  const usage = spawnSync(process.execPath, [BIN, 'mcp', '--root', 'no-such-folder'], { cwd: work, encoding: 'utf8' });
  assert.equal(usage.status, 2);
  assert.match(usage.stderr, /^spec-delta: the root '.*no-such-folder' is not a folder\n$/);
});

test('an agent-style loop: new_spec_delta, lint, fix, lint ends with fewer findings', async () => {
  const log: string[] = [];
  const step = async (name: string, args: Record<string, unknown>): Promise<CallToolResult> => {
    const result = await call(name, args);
    assert.equal(result.isError, undefined, `${name}: ${text(result)}`);
    const summary = text(result).split('\n');
    log.push(
      `-> ${name} ${JSON.stringify(args)}\n<- ${summary.slice(0, 4).join('\n   ')}${summary.length > 4 ? `\n   ... (${summary.length - 4} more lines)` : ''}`,
    );
    return result;
  };
  const created = (await step('new_spec_delta', { title: 'Webhook deliveries are processed once' })).structuredContent as { path: string; text: string };
  try {
    // The assistant drafts over the template: a section written, the two last ones left out, as a
    // model that writes the story and stops before the paperwork does.
    const draft = created.text
      .replace(/\n## Review Checklist\n[\s\S]*?(?=\n## Approval\n)/, '\n')
      .replace(/\n## Post-Approval\n[\s\S]*$/, '\n')
      .replace('[Detailed description of what went wrong]', 'Duplicate webhook deliveries charged 212 customers twice.');
    fs.writeFileSync(path.join(root, created.path), draft);
    const first = (await step('lint', { path: created.path })).structuredContent as LintStructured;
    const fixed = (await step('fix', { path: created.path })).structuredContent as LintStructured & { fixed: string[] };
    assert.deepEqual(fixed.fixed, [created.path]);
    const last = (await step('lint', { path: created.path })).structuredContent as LintStructured;
    assert.ok(findings(last) < findings(first), `${findings(last)} < ${findings(first)}`);
    assert.ok(
      first.files[0]!.diagnostics.some((d) => d.code === 'SD001') && !last.files[0]!.diagnostics.some((d) => d.code === 'SD001'),
      'the missing sections are back',
    );
    console.log(`agent loop (${findings(first)} findings -> ${findings(last)}):\n${log.join('\n')}`);
  } finally {
    fs.rmSync(path.join(root, created.path), { force: true });
  }
});
