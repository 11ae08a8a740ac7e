import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { test } from 'node:test';
import * as fc from 'fast-check';
import type { Diagnostic } from 'vscode-languageserver-types';
import { gitUserNameCommand } from '../../client/src/gitAuthor';
import { parseStatusViewMessage, statusBody, statusPage } from '../../client/src/statusHtml';
import { escapeHtml } from '../../client/src/webviewHtml';
import { run } from '../../server/src/cli/main';
import { getCompletions } from '../../server/src/core/completions';
import { ConfigError, parseConfig } from '../../server/src/core/config';
import { RULE_KEYS, analyzeText, parseDocument } from '../../server/src/core/languageService';
import { getHover } from '../../server/src/core/hover';
import { DEFAULT_ID_PATTERN } from '../../server/src/core/parser';
import { documentStatus } from '../../server/src/core/status';
import { WorkspaceIndex } from '../../server/src/core/workspaceIndex';
import { ConfigLoader } from '../../server/src/node/configLoader';
import type { DocumentStatus } from '$shared/protocol';
import { ROOT } from '../support/repo';
import { APPROVED } from '../support/fixtures';
import { edit } from '../support/textEdits';
import { positionAt } from '../support/positions';
import { check, runs } from '../support/fuzzing';
import { specifiers, tsFiles, withoutComments } from '../support/sources';
import { inTemp } from '../support/tempFolders';

/**
 * SPEC section 5: no network access, no telemetry, no code executed from documents or
 * configuration; the status panel escapes everything it shows from a document and runs under a
 * strict Content Security Policy; `untrustedWorkspaces` in package.json says what the code does.
 */

const SOURCES = ['server/src', 'client/src'].flatMap((dir) => [...tsFiles(path.join(ROOT, dir))]);
const relative = (file: string): string => path.relative(ROOT, file).split(path.sep).join('/');

// ---- no network, no telemetry, no code execution: our sources ---------------------------------

const NETWORK_MODULES = ['http', 'https', 'http2', 'net', 'tls', 'dgram', 'dns', 'dns/promises', 'undici', 'node-fetch', 'axios', 'got', 'ws', 'request'];
const TELEMETRY_MODULES = ['@vscode/extension-telemetry', 'vscode-extension-telemetry', 'applicationinsights'];
const CODE_MODULES = ['vm', 'worker_threads'];
/**
 * The files that start or serve worker threads (the server's analysis thread, the CLI's lint
 * workers): they run our own bundled files, never code from a string (see `eval` below).
 */
const WORKER_FILES = [
  'server/src/lsp/nodeAnalysisWorker.ts',
  'server/src/lsp/analysisWorker.ts',
  'server/src/cli/threads.ts',
  'server/src/cli/lintWorker.ts',
  'server/src/cli/readAhead.ts',
];

/** Calls that reach the network, report usage or run code from a string. */
const FORBIDDEN_CALLS: readonly { readonly pattern: RegExp; readonly why: string }[] = [
  { pattern: /\bfetch\s*\(/, why: 'network access' },
  { pattern: /\bXMLHttpRequest\b|\bWebSocket\b|\bEventSource\b/, why: 'network access' },
  { pattern: /\bopenExternal\b/, why: 'opening a remote address' },
  { pattern: /telemetry/i, why: 'telemetry' },
  { pattern: /\beval\s*\(|\bnew\s+Function\s*\(|\beval\s*:\s*true/, why: 'running code from a string' },
  { pattern: /\brequire\s*\(\s*[^'"\s)]|\bimport\s*\(\s*[^'"\s)]|\bcreateRequire\b/, why: 'loading a module named at run time' },
  // `.exec(` is RegExp.prototype.exec; a bare exec( is child_process's shell.
  { pattern: /\bexecSync\b|(?<![.\w])exec\s*\(|\bspawn(?:Sync)?\s*\(|\bfork\s*\(|shell\s*:\s*true/, why: 'a shell or a process other than git' },
];

function forbiddenIn(source: string, file = ''): string[] {
  const code = withoutComments(source);
  const found: string[] = [];
  for (const name of specifiers(source)) {
    const bare = name.replace(/^node:/, '');
    if (NETWORK_MODULES.includes(bare)) found.push(`imports '${name}' (network access)`);
    if (TELEMETRY_MODULES.includes(bare)) found.push(`imports '${name}' (telemetry)`);
    if (CODE_MODULES.includes(bare) && !(bare === 'worker_threads' && WORKER_FILES.includes(file))) found.push(`imports '${name}' (running code)`);
  }
  for (const { pattern, why } of FORBIDDEN_CALLS) if (pattern.test(code)) found.push(`${code.match(pattern)![0].trim()} (${why})`);
  return found;
}

test('the scanner finds network, telemetry and code-running calls, and leaves ordinary code alone', () => {
  const bad = [
    "import * as https from 'node:https';",
    "const net = require('net');",
    "await fetch('https://example.test');",
    'reporter.sendTelemetryEvent("opened");',
    "eval('1 + 1');",
    "new Function('return 1')();",
    'require(name);',
    "exec('git config user.name');",
    "import('@vscode/extension-telemetry');",
    "import { Worker } from 'node:worker_threads';",
    "new Worker('1 + 1', { eval: true });",
  ];
  for (const line of bad) assert.ok(forbiddenIn(line).length > 0, line);
  assert.deepEqual(
    forbiddenIn("import * as fs from 'node:fs';\nconst url = 'https://github.com/x'; // fetch( in a comment\nexecFile('git', ['config']);\n/x/.exec(text);"),
    [],
  );
});

test('our sources use no network, no telemetry, and run no code from strings', () => {
  assert.ok(SOURCES.length >= 40, `the sources are found (${SOURCES.length})`);
  const violations = SOURCES.flatMap((file) => forbiddenIn(fs.readFileSync(file, 'utf8'), relative(file)).map((v) => `${relative(file)}: ${v}`));
  assert.deepEqual(violations, []);
});

test('worker threads run only our own bundled worker scripts, never code from a string', () => {
  const starting = SOURCES.filter((file) => /\bnew\s+Worker\s*\(/.test(withoutComments(fs.readFileSync(file, 'utf8'))));
  assert.deepEqual(starting.map(relative).sort(), [
    'client/src/web/extension.ts',
    'server/src/cli/readAhead.ts',
    'server/src/cli/threads.ts',
    'server/src/lsp/nodeAnalysisWorker.ts',
    'server/src/web/browserAnalysisWorker.ts',
  ]);
  const scripts = starting.flatMap((file) =>
    [...withoutComments(fs.readFileSync(file, 'utf8')).matchAll(/\bnew\s+Worker\s*\(\s*([^,)]+)[,)]/g)].map((m) => m[1]!.trim()),
  );
  assert.deepEqual(scripts.sort(), ['WORKER_SCRIPT', 'file', 'loader', 'script', 'serverScript']);
  // The read-ahead thread's script is the CLI's own entry unless a test gives the built one.
  assert.match(fs.readFileSync(path.join(ROOT, 'server/src/cli/readAhead.ts'), 'utf8'), /script = WORKER_SCRIPT[,)]/);
  // The web client's web worker runs the bundled dist/web/server.js, by its URL or from its bytes,
  // and tells the server where the bundled dist/web/analysisWorker.js is.
  const client = fs.readFileSync(path.join(ROOT, 'client/src/web/extension.ts'), 'utf8');
  assert.match(client, /serverScript = await scriptUrl\(vscode\.Uri\.joinPath\(context\.extensionUri, 'dist\/web\/server\.js'\)\)/);
  assert.match(client, /analysisWorker = await scriptUrl\(vscode\.Uri\.joinPath\(context\.extensionUri, 'dist\/web\/analysisWorker\.js'\)\)/);
  // The web server's analysis worker is a loader of that one script and nothing else.
  assert.match(
    fs.readFileSync(path.join(ROOT, 'server/src/web/browserAnalysisWorker.ts'), 'utf8'),
    /new Blob\(\[`importScripts\(\$\{JSON\.stringify\(url\)\}\);`\]/,
  );
  for (const file of starting) assert.doesNotMatch(withoutComments(fs.readFileSync(file, 'utf8')), /\beval\s*:/);
});

test('the only process the code starts is git, without a shell, from one file', () => {
  const spawning = SOURCES.filter((file) => specifiers(fs.readFileSync(file, 'utf8')).some((s) => s.replace(/^node:/, '') === 'child_process'));
  assert.deepEqual(spawning.map(relative), ['client/src/gitAuthor.ts']);
  const calls = [...withoutComments(fs.readFileSync(spawning[0]!, 'utf8')).matchAll(/\bexecFile\s*\(\s*([^,]+),/g)].map((m) => m[1]);
  assert.deepEqual(calls, ["'git'"]);
});

/** The Node built-ins a bundle loads. */
function builtinsOf(bundle: string): Set<string> {
  const text = fs.readFileSync(path.join(ROOT, 'dist', bundle), 'utf8');
  return new Set(
    [...text.matchAll(/\brequire\("(?:node:)?([a-z_/0-9]+)"\)/g)].map((m) => m[1]!).filter((name) => !name.includes('/') || name.endsWith('/promises')),
  );
}

test('the bundles load no network or telemetry module; `net` only for the LSP transport (pipes and sockets to the editor)', () => {
  for (const bundle of ['client.js', 'server.js', 'cli.js']) {
    assert.ok(fs.existsSync(path.join(ROOT, 'dist', bundle)), `dist/${bundle} is built (node esbuild.mjs)`);
    const builtins = builtinsOf(bundle);
    const network = [...builtins].filter((b) => NETWORK_MODULES.includes(b) && !(b === 'net' && bundle !== 'cli.js'));
    assert.deepEqual(network, [], `dist/${bundle} loads no network module`);
    const text = fs.readFileSync(path.join(ROOT, 'dist', bundle), 'utf8');
    for (const name of [...TELEMETRY_MODULES, 'XMLHttpRequest', 'WebSocket']) assert.ok(!text.includes(name), `dist/${bundle} holds no ${name}`);
    assert.doesNotMatch(text, /\bfetch\s*\(/, `dist/${bundle} calls no fetch`);
  }
  // The CLI (its worker threads run cli.js too) needs no transport at all.
  assert.ok(!builtinsOf('cli.js').has('net'));
});

// ---- no code from configuration or documents ----------------------------------------------

test('configuration is JSON only: .spec-delta.js and its kin are never loaded, let alone run', () => {
  inTemp((dir) => {
    const marker = path.join(dir, 'ran');
    const payload = `require('fs').writeFileSync(${JSON.stringify(marker)}, 'ran'); module.exports = { rules: { SD006: 'off' } };`;
    for (const name of ['.spec-delta.js', '.spec-delta.cjs', '.spec-delta.mjs', 'spec-delta.config.js', '.spec-delta.json.js'])
      fs.writeFileSync(path.join(dir, name), payload);
    const doc = path.join(dir, 'spec-deltas/INVARIANT-042.md');
    fs.mkdirSync(path.dirname(doc));
    fs.writeFileSync(doc, edit(APPROVED, '**Severity**: High', '**Severity**: Huge'));

    const loaded = new ConfigLoader(dir).forFile(doc);
    assert.equal(loaded.file, undefined, 'no configuration file is found');
    let stdout = '';
    const code = run(
      ['lint', '--format', 'json', dir],
      dir,
      (s) => (stdout += s),
      () => undefined,
    );
    assert.equal(code, 1, 'SD006 is not turned off by the script');
    assert.ok(stdout.includes('"SD006"'));
    assert.equal(fs.existsSync(marker), false, 'no script ran');
  });
});

test('__proto__, constructor and prototype keys in .spec-delta.json are refused and pollute nothing', () => {
  const texts = [
    '{"__proto__": {"polluted": "yes"}}',
    '{"constructor": {"prototype": {"polluted": "yes"}}}',
    '{"rules": {"__proto__": {"polluted": "yes"}}}',
    '{"rules": {"constructor": "off"}}',
    '{"rules": {"toString": "off"}}',
    '{"overrides": [{"files": ["**"], "rules": {"__proto__": "off"}}]}',
    '{"overrides": [{"files": ["**"], "__proto__": {"polluted": "yes"}}]}',
    '{"rules": {"SD006": {"__proto__": "off"}}}',
  ];
  for (const text of texts) assert.throws(() => parseConfig(text, '.spec-delta.json', RULE_KEYS), ConfigError, text);
  // Prototype words as plain values are just strings.
  const config = parseConfig('{"categories": ["__proto__", "constructor"], "vagueWords": ["prototype"]}', '.spec-delta.json', RULE_KEYS);
  assert.deepEqual(config.categories, ['__proto__', 'constructor']);
  assert.equal(({} as Record<string, unknown>).polluted, undefined);
  assert.equal(Object.prototype.hasOwnProperty.call(Object.prototype, 'polluted'), false);
  assert.equal(typeof config.rules, 'object');
  assert.equal(Object.getPrototypeOf(config.rules), Object.prototype);
});

test('code written in a document is text: linting it runs none of it', () => {
  inTemp((dir) => {
    const marker = path.join(dir, 'ran');
    const js = `require('fs').writeFileSync(${JSON.stringify(marker)}, 'ran')`;
    const text = edit(
      APPROVED,
      '## Failure Description',
      `<script>${js}</script>\n<img src=x onerror="${js}">\n\n\`\`\`js\n${js}\n\`\`\`\n\n\${${js}} {{constructor.constructor("${js}")()}} <%= ${js} %>\n\n## Failure Description`,
    );
    fs.writeFileSync(path.join(dir, 'INVARIANT-042.md'), text);
    assert.ok(analyzeText(text, 'file:///x.md').length >= 0);
    run(
      ['lint', '--fix', path.join(dir, 'INVARIANT-042.md')],
      dir,
      () => undefined,
      () => undefined,
    );
    assert.equal(fs.existsSync(marker), false);
  });
});

// ---- hovers and completions: a document's text is never Markdown or HTML of ours ------------

const HOSTILE = [
  '<img src=x onerror=alert(1)>',
  '</script><script>alert(1)</script>',
  `"'><svg onload=alert(1)>`,
  'javascript:alert(1)',
  '[click](javascript:alert(1))',
  '![pixel](https://tracker.test/p.png)',
  '<a href="javascript:alert(1)">x</a>',
  '`${alert(1)}` &amp; &#60;',
];

/** Markdown with every backslash-escaped character removed: what is left is markup of our own. */
const unescapedMarkdown = (value: string): string => value.replace(/\\[\s\S]/g, '');

test('hovers and completions show a hostile title, status and severity as text, not as links, images or HTML', () => {
  const hostile = HOSTILE.join(' ');
  const other = edit(edit(APPROVED, "Checkout totals are computed in the order's currency", hostile), '**Severity**: High', `**Severity**: ${HOSTILE[5]}`);
  const index = new WorkspaceIndex(DEFAULT_ID_PATTERN);
  index.set(parseDocument(other, 'file:///ws/other.md', 1), true);
  const referring = 'See INVARIANT-042.\n';
  const doc = parseDocument(referring, 'file:///ws/referring.md', 1);
  const hover = getHover(doc, { line: 0, character: 6 }, index);
  const hoverText = (hover?.contents as { value: string }).value;
  assert.ok(hoverText.includes('INVARIANT-042'));
  const completion = getCompletions(
    parseDocument('See INVARIANT-', 'file:///ws/typing.md', 1),
    { line: 0, character: 14 },
    {
      today: '2026-05-14',
      categories: [],
      nextFreeId: 'INVARIANT-043',
      definitions: [...index.all()],
    },
  ).find((item) => item.label === 'INVARIANT-042');
  const documentation = (completion?.documentation as { value: string }).value;
  for (const [what, value] of [
    ['hover', hoverText],
    ['completion', documentation],
  ] as const) {
    const markup = unescapedMarkdown(value);
    assert.doesNotMatch(markup, /[<>]|\]\(|!\[/, `${what}: no HTML, link or image from the document: ${value}`);
  }
});

// ---- the status panel: escaping and CSP ----------------------------------------------------

/** Structure and text only: nothing that loads, links, runs or styles. */
const ALLOWED_TAGS = new Set([
  'main',
  'header',
  'section',
  'h1',
  'h2',
  'h3',
  'p',
  'span',
  'div',
  'strong',
  'em',
  'code',
  'small',
  'progress',
  'ul',
  'ol',
  'li',
  'button',
  'dl',
  'dt',
  'dd',
  'table',
  'thead',
  'tbody',
  'tr',
  'th',
  'td',
]);
/** Attributes that load, link, run or restyle. */
const DANGEROUS_ATTRIBUTE = /^(?:on.*|href|src|srcset|style|action|formaction|xlink:href|background|poster|data|srcdoc)$/i;
const TAG = /<(\/?)([a-zA-Z][a-zA-Z0-9]*)((?:\s+[a-z-]+="[^"<>`]*")*)\s*>/y;

/**
 * The body is inert: every `<` opens one of the plain tags above with harmless attributes (no event
 * handler, link or source; data-* values are our own words and numbers), and the text between
 * tags holds no markup character unescaped.
 */
function assertInert(html: string): void {
  let text = '';
  for (let at = 0; at < html.length;) {
    if (html[at] !== '<') {
      text += html[at++];
      continue;
    }
    TAG.lastIndex = at;
    const tag = TAG.exec(html);
    assert.ok(tag, `markup at ${at} is a well-formed tag: ${html.slice(at, at + 80)}`);
    assert.ok(ALLOWED_TAGS.has(tag[2]!.toLowerCase()), `<${tag[2]}> is a plain tag`);
    for (const [, name, value] of tag[3]!.matchAll(/([a-z-]+)="([^"]*)"/g)) {
      assert.doesNotMatch(name!, DANGEROUS_ATTRIBUTE, `attribute ${name}`);
      if (name!.startsWith('data-')) assert.match(value!, /^(?:\d+|[a-zA-Z]+)$/, `${name}="${value}" is ours, not the document's`);
    }
    at += tag[0].length;
  }
  assert.doesNotMatch(text, /[<>"'`]/, 'the text between tags has no markup character unescaped');
}

/** A real spec delta with a hostile string in every field the panel shows. */
function hostileDocument(h: string): string {
  let text = APPROVED;
  text = edit(text, "INVARIANT-042 Checkout totals are computed in the order's currency", `INVARIANT-042 ${h}`);
  text = edit(text, '**Status**: Approved', `**Status**: ${h}`);
  text = edit(text, '**Severity**: High', `**Severity**: ${h}`);
  text = edit(text, '**Author**: ', `**Author**: ${h} `);
  text = text.replace(/^(\| (?:Tech Lead|Platform Owner) \|)[^|]*\|[^|]*\|[^|]*\|/gm, `$1 ${h} | ${h} | ${h} |`);
  text = text.replace('- [ ] Other: ____________', `- [x] Other: ${h}`);
  text = text.replace(/^CheckoutService MUST .*$/m, `${h} MUST ${h} WHEN ${h}`);
  return text;
}

test('the status panel shows hostile document strings in every field as text', () => {
  for (const h of HOSTILE) {
    const text = hostileDocument(h);
    const uri = 'file:///ws/docs/spec-deltas/hostile.md';
    const diagnostics = analyzeText(text, uri);
    const status = documentStatus(parseDocument(text, uri, 1), diagnostics, true, DEFAULT_ID_PATTERN);
    // The hostile string really reached the fields the panel shows.
    assert.ok(status.title?.includes(h), `title: ${status.title}`);
    assert.ok(
      status.approvals.some((a) => a.name === h && a.decision === h),
      JSON.stringify(status.approvals),
    );
    assert.ok(status.ruleStatement?.component?.includes(h.trim()), JSON.stringify(status.ruleStatement));
    assert.ok(
      status.categories.some((c) => c.includes(h)),
      JSON.stringify(status.categories),
    );
    assert.ok(
      status.problems.some((p) => String(p.message).includes(h)),
      'a problem message quotes it',
    );
    const html = statusBody(status);
    assertInert(html);
    assert.ok(html.includes(escapeHtml(h)), `${h} is shown, escaped`);
  }
});

const hostileString = fc.oneof(
  fc.constantFrom(...HOSTILE),
  fc.string({ unit: 'grapheme', maxLength: 20 }),
  fc.string({ unit: fc.constantFrom('<', '>', '"', "'", '`', '&', '/', '=', ' ', 'a', '\u2028'), maxLength: 30 }),
);
const problem: fc.Arbitrary<Diagnostic> = fc.record({
  range: fc.constant({ start: positionAt('', 0), end: positionAt('', 0) }),
  severity: fc.constantFrom(1 as const, 2 as const, 3 as const, 4 as const),
  code: hostileString,
  source: hostileString,
  message: fc.oneof(
    hostileString,
    hostileString.map((value) => ({ kind: 'markdown' as const, value })),
  ),
});

/** Any status a (possibly hostile) server could send, strings hostile in every place. */
const anyStatus: fc.Arbitrary<DocumentStatus> = fc.record({
  uri: hostileString,
  version: fc.nat(),
  isSpecDelta: fc.constant(true),
  id: fc.option(hostileString, { nil: undefined }),
  title: fc.option(hostileString, { nil: undefined }),
  status: hostileString,
  writtenStatus: hostileString,
  severity: hostileString,
  sections: fc.array(
    fc.record({
      name: hostileString,
      level: fc.constantFrom(2 as const, 3 as const),
      state: fc.constantFrom('done' as const, 'guidance' as const, 'missing' as const),
      line: fc.option(fc.nat(), { nil: undefined }),
    }),
    { maxLength: 4 },
  ),
  completeness: fc.record({ done: fc.nat(), total: fc.nat() }),
  categories: fc.array(hostileString, { maxLength: 3 }),
  enforcement: fc.array(hostileString, { maxLength: 3 }),
  ruleStatement: fc.option(
    fc.record({
      text: hostileString,
      component: fc.option(hostileString, { nil: undefined }),
      modal: fc.option(hostileString, { nil: undefined }),
      requirement: fc.option(hostileString, { nil: undefined }),
      when: fc.option(hostileString, { nil: undefined }),
      condition: fc.option(hostileString, { nil: undefined }),
    }),
    { nil: undefined },
  ),
  checklist: fc.record({ checked: fc.nat(), total: fc.nat() }),
  approvals: fc.array(fc.record({ role: hostileString, name: hostileString, date: hostileString, decision: hostileString }), { maxLength: 3 }),
  problems: fc.array(problem, { maxLength: 4 }),
});

test('any status, hostile strings in every field: the panel body is inert', () => {
  check(
    fc.property(anyStatus, (status) => assertInert(statusBody(status))),
    runs(300),
  );
});

test('the panel page: a CSP with a nonce for its one style and one script, nothing remote, nothing inline without the nonce', () => {
  const nonce = 'r4nd0m+N0nce/Value==';
  const cspSource = 'https://*.vscode-cdn.net';
  const page = statusPage(nonce, cspSource);
  const csp = /<meta http-equiv="Content-Security-Policy" content="([^"]*)">/.exec(page)?.[1];
  assert.ok(csp, 'the page declares a CSP');
  const directives = new Map(
    csp
      .split(';')
      .map((d) => d.trim())
      .filter(Boolean)
      .map((d) => [d.split(/\s+/)[0]!, d.split(/\s+/).slice(1)]),
  );
  assert.deepEqual(directives.get('default-src'), ["'none'"]);
  assert.deepEqual(directives.get('script-src'), [`'nonce-${nonce}'`]);
  assert.deepEqual(directives.get('style-src'), [`'nonce-${nonce}'`]);
  assert.deepEqual(directives.get('img-src'), [cspSource], "images only from VS Code's own resource origin");
  for (const [name, sources] of directives) {
    for (const source of sources) {
      if (name === 'img-src' && source === cspSource) continue;
      assert.doesNotMatch(source, /unsafe|^\*$|^https?:|^data:|^blob:|^ws/, `${name} ${source}`);
    }
  }
  const scripts = [...page.matchAll(/<script\b([^>]*)>/g)];
  const styles = [...page.matchAll(/<style\b([^>]*)>/g)];
  assert.equal(scripts.length, 1);
  assert.equal(styles.length, 1);
  for (const [, attributes] of [...scripts, ...styles]) assert.equal(attributes!.trim(), `nonce="${nonce}"`, 'the nonce, and no src');
  assert.doesNotMatch(
    page,
    /\son[a-z]+\s*=|javascript:|<link\b|<iframe\b|<img\b|\bsrc\s*=|\bhref\s*=/i,
    'no handler, link, frame, image or source in the page',
  );
  // The script takes only rendered HTML from the extension and posts only typed messages back.
  const script = page.slice(page.indexOf('<script'), page.indexOf('</script>'));
  assert.doesNotMatch(script, /\beval\b|new Function|document\.write|location|fetch|import\(/);
});

test('the view sets a fresh random nonce and no command links or local resources', () => {
  const read = (file: string) => fs.readFileSync(path.join(ROOT, 'client/src', file), 'utf8');
  // Both webviews load their page through the one host, which makes a nonce for every page it loads.
  const view = read('statusView.ts');
  const panel = read('dashboardPanel.ts');
  assert.match(view, /super\(statusPage, /);
  assert.match(panel, /super\(dashboardPage, /);
  const host = read('webviewPageHost.ts');
  assert.match(host, /webview\.html = this\.page\(nonce\(\), webview\.cspSource\)/);
  // 16 bytes from Web Crypto (both Node and the browser have it), never Math.random.
  assert.match(read('nonce.ts'), /crypto\.getRandomValues\(new Uint8Array\(16\)\)/);
  assert.match(host, /PAGE_OPTIONS: vscode\.WebviewOptions = \{ enableScripts: true, enableCommandUris: false, localResourceRoots: \[\] \}/);
  assert.match(view, /view\.webview\.options = PAGE_OPTIONS;/);
  assert.match(panel, /createWebviewPanel\([^)]*, PAGE_OPTIONS\)/);
});

test('the panel accepts only the four messages it knows, with whole non-negative positions', () => {
  assert.deepEqual(parseStatusViewMessage({ type: 'ready' }), { type: 'ready' });
  assert.deepEqual(parseStatusViewMessage({ type: 'new', extra: '<x>' }), { type: 'new' });
  assert.deepEqual(parseStatusViewMessage({ type: 'insertMissingSections' }), { type: 'insertMissingSections' });
  assert.deepEqual(parseStatusViewMessage({ type: 'reveal', line: 3, character: 0, command: 'workbench.action.terminal.new' }), {
    type: 'reveal',
    line: 3,
    character: 0,
  });
  const malformed: unknown[] = [
    undefined,
    null,
    0,
    'ready',
    ['ready'],
    {},
    { type: 'READY' },
    { type: 'openExternal', url: 'https://x.test' },
    { type: 'command', command: 'workbench.action.terminal.new' },
    { type: 'reveal' },
    { type: 'reveal', line: 1 },
    { type: 'reveal', line: '1', character: 0 },
    { type: 'reveal', line: -1, character: 0 },
    { type: 'reveal', line: 1.5, character: 0 },
    { type: 'reveal', line: Number.NaN, character: 0 },
    { type: 'reveal', line: Infinity, character: 0 },
    { type: 'reveal', line: 1e12, character: 0 },
    { type: 'reveal', line: 0, character: null },
    { type: { toString: () => 'ready' } },
    JSON.parse('{"__proto__": {"type": "ready"}}'),
  ];
  for (const message of malformed) assert.equal(parseStatusViewMessage(message), undefined, JSON.stringify(message));
  // Whatever arrives, the answer is undefined or exactly one of the four shapes, nothing carried over.
  check(
    fc.property(
      fc.oneof(
        fc.anything(),
        fc.record({ type: fc.constantFrom('ready', 'new', 'insertMissingSections', 'reveal', 'x'), line: fc.anything(), character: fc.anything() }),
      ),
      (message) => {
        const parsed = parseStatusViewMessage(message);
        if (parsed === undefined) return;
        if (parsed.type === 'reveal') {
          assert.deepEqual(Object.keys(parsed), ['type', 'line', 'character']);
          assert.ok(Number.isInteger(parsed.line) && parsed.line >= 0 && Number.isInteger(parsed.character) && parsed.character >= 0);
        } else assert.deepEqual(Object.keys(parsed), ['type']);
      },
    ),
    runs(500),
  );
});

// ---- untrusted workspaces ------------------------------------------------------------------

test('untrustedWorkspaces in package.json says what the code does: only global git configuration, read outside the workspace', () => {
  const manifest = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as {
    capabilities: { untrustedWorkspaces: { supported: string; description: string } };
  };
  const declared = manifest.capabilities.untrustedWorkspaces;
  assert.equal(declared.supported, 'limited');
  assert.match(declared.description, /global git configuration, running git outside the workspace/);
  assert.match(declared.description, /never runs code from documents or settings/);

  const home = path.join(os.tmpdir(), 'home');
  assert.deepEqual(
    gitUserNameCommand(false, '/ws', home),
    { args: ['config', '--global', 'user.name'], cwd: home },
    'untrusted: the global value only, run in the home folder',
  );
  assert.deepEqual(gitUserNameCommand(false, undefined, home), { args: ['config', '--global', 'user.name'], cwd: home });
  assert.deepEqual(gitUserNameCommand(true, '/ws', home), { args: ['config', 'user.name'], cwd: '/ws' }, "trusted: the repository's own value");
  // The command passes the workspace's trust, not a constant.
  assert.match(fs.readFileSync(path.join(ROOT, 'client/src/nodeNewSpecDelta.ts'), 'utf8'), /gitUserName\(vscode\.workspace\.isTrusted,/);
});
