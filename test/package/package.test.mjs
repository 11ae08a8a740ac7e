// The release as a team takes it (issue 12), run by `npm test` after the unit suite:
// `npm pack` (its prepack builds the bundles), the tarball installed into an empty folder outside
// the clone, and from there `npx spec-delta lint` and `spec-delta-language-server --stdio`;
// the GitHub Action's steps and the pre-commit hook's entry run as their users' tools run them;
// the VSIX's contents against an allow-list. Prints the tarball's and the VSIX's sizes and files.
import { strict as assert } from 'node:assert';
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, realpathSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { after, before, test } from 'node:test';
import { fileURLToPath, pathToFileURL } from 'node:url';
import * as esbuild from 'esbuild';
import * as yaml from 'js-yaml';
import { stageVsix, vsce } from '../../scripts/packageVsix.mjs';

const root = resolve(fileURLToPath(new URL('../..', import.meta.url)));
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const BROKEN = readFileSync(join(root, 'test/fixtures/broken/INVARIANT-060-many-errors.md'), 'utf8');
const GOOD = readFileSync(join(root, 'examples/INVARIANT-042-checkout-totals-currency.md'), 'utf8');
// The environment of a user's shell: none of the outer npm's variables (npm test sets npm_config_*,
// and a prefix or userconfig from there would send installs elsewhere), no NODE_PATH.
const cleanEnv = Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^npm_|^NODE_PATH$|^INIT_CWD$/i.test(k)));

let work; // everything this suite makes, under the system's temporary folder
let tarball;
let project; // the user's repository: the tarball installed, spec deltas in docs/spec-deltas/

function sh(command, args, options = {}) {
  const r = spawnSync(command, args, { encoding: 'utf8', env: cleanEnv, ...options });
  if (r.error) throw r.error;
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

function ok(result, what) {
  assert.equal(result.code, 0, `${what} failed (${result.code}):\n${result.stderr}\n${result.stdout}`);
  return result;
}

before(() => {
  work = realpathSync(mkdtempSync(join(tmpdir(), 'spec-delta-release-')));
  ok(sh('npm', ['pack', '--pack-destination', work, '--loglevel=error'], { cwd: root }), 'npm pack');
  tarball = join(work, `spec-delta-${pkg.version}.tgz`);
  project = join(work, 'project');
  mkdirSync(join(project, 'docs', 'spec-deltas'), { recursive: true });
  writeFileSync(join(project, 'package.json'), JSON.stringify({ name: 'a-team-repository', private: true }) + '\n');
  ok(sh('npm', ['install', '--no-audit', '--no-fund', '--loglevel=error', tarball], { cwd: project }), 'npm install <tarball>');
});

after(() => {
  if (work && !process.env.KEEP_RELEASE_TEST) rmSync(work, { recursive: true, force: true });
});

test('the tarball holds the bins, the bundles, the schemas, the rule pages, LICENSE, README and CHANGELOG, under 470 KB', () => {
  const listing = ok(sh('tar', ['-tzvf', tarball]), 'tar')
    .stdout.trim()
    .split('\n');
  const files = listing
    .map((l) =>
      l
        .split(/\s+/)
        .pop()
        .replace(/^package\//, ''),
    )
    .sort();
  const schemas = existsSync(join(root, 'schemas'))
    ? readdirSync(join(root, 'schemas'))
        .filter((f) => f.endsWith('.json'))
        .map((f) => `schemas/${f}`)
    : [];
  // The rule pages are explain_rule's answers and resources of `spec-delta mcp`.
  const rules = readdirSync(join(root, 'docs/rules'))
    .filter((f) => f.endsWith('.md'))
    .map((f) => `docs/rules/${f}`);
  const expected = [
    'CHANGELOG.md',
    'LICENSE',
    'README.md',
    'bin/spec-delta-language-server.js',
    'bin/spec-delta.js',
    'dist/cli.js',
    'dist/mcp.js',
    'dist/server.js',
    'package.json',
    ...schemas,
    ...rules,
  ].sort();
  assert.deepEqual(files, expected);
  const size = statSync(tarball).size;
  // 400 KB before `spec-delta mcp`: dist/mcp.js carries the MCP SDK and zod (140 KB packed; 545 KB in
  // all); 466 KB since the CLI's worker threads run dist/cli.js instead of a bundle of their own.
  assert.ok(size < 470 * 1024, `${size} bytes packed`);
  console.log(`tarball ${relative(work, tarball)}: ${(size / 1024).toFixed(1)} KB packed\n${listing.map((l) => `  ${l}`).join('\n')}`);
  // Shipped bundles are the production ones, built by prepack: no source maps, no link to one.
  const cli = readFileSync(join(project, 'node_modules/spec-delta/dist/cli.js'), 'utf8');
  assert.ok(!cli.includes('sourceMappingURL'), 'dist/cli.js is a production bundle');
});

test('the package has no runtime dependencies and is publishable: npm publish --dry-run gives no warning', () => {
  assert.equal(pkg.private, undefined);
  assert.equal(pkg.dependencies, undefined, 'the bundles carry everything they need');
  const installed = JSON.parse(readFileSync(join(project, 'node_modules/spec-delta/package.json'), 'utf8'));
  assert.equal(installed.version, pkg.version);
  const publish = sh('npm', ['publish', '--dry-run', '--ignore-scripts', '--loglevel=warn'], { cwd: root });
  assert.equal(publish.code, 0, publish.stderr);
  // Not being logged in is what a dry run on a CI machine is expected to say.
  const warnings = publish.stderr.split('\n').filter((l) => /\bwarn\b/i.test(l) && !/requires you to be logged in/.test(l));
  assert.deepEqual(warnings, []);
});

test('the installed package cannot reach this repository: no node_modules above the install, none of the dev dependencies', () => {
  assert.ok(!project.startsWith(root + sep), `${project} is outside ${root}`);
  for (let dir = dirname(project); dir !== dirname(dir); dir = dirname(dir))
    assert.ok(!existsSync(join(dir, 'node_modules')), `${dir}/node_modules would be searched`);
  const probe = sh(process.execPath, ['-e', "require.resolve('vscode-languageserver')"], { cwd: join(project, 'node_modules/spec-delta') });
  assert.notEqual(probe.code, 0, 'vscode-languageserver resolves from the installed package');
  assert.deepEqual(
    readdirSync(join(project, 'node_modules')).filter((n) => !n.startsWith('.')),
    ['spec-delta'],
  );
});

function npx(...args) {
  return sh('npx', ['--no-install', 'spec-delta', ...args], { cwd: project });
}

test('npx spec-delta lint from the user repository: every format, exit statuses 0, 1 and 2', () => {
  const specs = join(project, 'docs', 'spec-deltas');
  rmSync(specs, { recursive: true, force: true });
  mkdirSync(specs, { recursive: true });
  writeFileSync(join(specs, 'INVARIANT-042-checkout-totals-currency.md'), GOOD);
  assert.equal(ok(npx('--version'), 'version').stdout.trim(), pkg.version);
  const clean = npx('lint', 'docs/spec-deltas/INVARIANT-042-checkout-totals-currency.md');
  assert.equal(clean.code, 0, clean.stdout + clean.stderr);
  writeFileSync(join(specs, 'INVARIANT-060-payment-webhooks.md'), BROKEN);
  const stylish = npx('lint');
  assert.equal(stylish.code, 1);
  assert.match(stylish.stdout, /docs\/spec-deltas\/INVARIANT-060-payment-webhooks\.md\n\s+1:1\s+error\s+.*SD001/);
  const json = JSON.parse(npx('lint', '--format', 'json', 'docs').stdout);
  assert.deepEqual(
    json.map((f) => f.file),
    ['docs/spec-deltas/INVARIANT-042-checkout-totals-currency.md', 'docs/spec-deltas/INVARIANT-060-payment-webhooks.md'],
  );
  const errors = json[1].diagnostics.filter((d) => d.severity === 1).length;
  assert.ok(errors > 5);
  const sarif = JSON.parse(npx('lint', '--format', 'sarif').stdout);
  assert.equal(sarif.version, '2.1.0');
  assert.equal(sarif.runs[0].results.length, json.flatMap((f) => f.diagnostics).length);
  assert.equal(
    npx('lint', '--format', 'github')
      .stdout.split('\n')
      .filter((l) => l.startsWith('::error file=docs/spec-deltas/INVARIANT-060')).length,
    errors,
  );
  const gitlab = JSON.parse(npx('lint', '--format', 'gitlab').stdout);
  assert.equal(gitlab.filter((i) => i.severity === 'major').length, errors);
  const junit = npx('lint', '--format', 'junit');
  assert.equal(junit.code, 1);
  assert.equal((junit.stdout.match(/<failure /g) ?? []).length, errors);
  assert.equal((junit.stdout.match(/<testcase /g) ?? []).length, 2);
  const usage = npx('lint', '--format', 'xml');
  assert.equal(usage.code, 2);
  assert.match(usage.stderr, /^spec-delta: unknown format 'xml'/);
  // Machines with idle cores spread files over worker threads (dist/cli.js again): forced here,
  // the installed package's workers give the same bytes as one thread.
  const threaded = sh('npx', ['--no-install', 'spec-delta', 'lint', '--format', 'json', 'docs'], {
    cwd: project,
    env: { ...cleanEnv, SPEC_DELTA_WORKERS: '1' },
  });
  assert.equal(threaded.code, 1, threaded.stderr);
  assert.deepEqual(JSON.parse(threaded.stdout), json);
  const missing = npx('lint', 'no/such/folder');
  assert.equal(missing.code, 2);
  assert.equal(missing.stderr.trim().split('\n').length, 1);
});

test('spec-delta-language-server --stdio from the user repository: initialize, then diagnostics for an opened document', async () => {
  const bin = join(project, 'node_modules', '.bin', 'spec-delta-language-server');
  // Every document through the analysis thread (large documents go there): its file ships too.
  const server = spawn(bin, ['--stdio'], { cwd: project, env: { ...cleanEnv, SPEC_DELTA_OFF_THREAD_LENGTH: '1' }, stdio: ['pipe', 'pipe', 'pipe'] });
  const messages = [];
  const waiters = [];
  let buffer = Buffer.alloc(0);
  server.stdout.on('data', (chunk) => {
    buffer = Buffer.concat([buffer, chunk]);
    for (;;) {
      const header = buffer.indexOf('\r\n\r\n');
      if (header === -1) return;
      const length = Number(/Content-Length: (\d+)/i.exec(buffer.subarray(0, header).toString())[1]);
      if (buffer.length < header + 4 + length) return;
      const message = JSON.parse(buffer.subarray(header + 4, header + 4 + length).toString('utf8'));
      buffer = buffer.subarray(header + 4 + length);
      messages.push(message);
      for (const w of [...waiters]) if (w.match(message)) (waiters.splice(waiters.indexOf(w), 1), w.resolve(message));
    }
  });
  const send = (message) => {
    const body = Buffer.from(JSON.stringify({ jsonrpc: '2.0', ...message }), 'utf8');
    server.stdin.write(`Content-Length: ${body.length}\r\n\r\n`);
    server.stdin.write(body);
  };
  const waitFor = (match, what) =>
    new Promise((resolvePromise, reject) => {
      const found = messages.find(match);
      if (found) return resolvePromise(found);
      const timer = setTimeout(() => reject(new Error(`no ${what} within 20 s`)), 20_000);
      waiters.push({ match, resolve: (m) => (clearTimeout(timer), resolvePromise(m)) });
    });
  try {
    const rootUri = pathToFileURL(project).href;
    send({ id: 1, method: 'initialize', params: { processId: process.pid, rootUri, workspaceFolders: [{ uri: rootUri, name: 'project' }], capabilities: {} } });
    const init = await waitFor((m) => m.id === 1, 'initialize result');
    assert.ok(init.result?.capabilities, JSON.stringify(init));
    send({ method: 'initialized', params: {} });
    const uri = pathToFileURL(join(project, 'docs/spec-deltas/INVARIANT-060-payment-webhooks.md')).href;
    send({ method: 'textDocument/didOpen', params: { textDocument: { uri, languageId: 'markdown', version: 1, text: BROKEN } } });
    const published = await waitFor(
      (m) => m.method === 'textDocument/publishDiagnostics' && m.params.uri === uri && m.params.diagnostics.length > 0,
      'diagnostics',
    );
    const codes = published.params.diagnostics.map((d) => d.code);
    assert.ok(codes.includes('SD001') && codes.includes('SD007'), codes.join(' '));
    // Had the thread's file been left out of the package, the server would have said so and analysed on its main thread.
    const logs = messages.filter((m) => m.method === 'window/logMessage').map((m) => m.params.message);
    assert.ok(!logs.some((l) => /analysis thread/i.test(l)), logs.join('\n'));
    send({ id: 2, method: 'shutdown' });
    await waitFor((m) => m.id === 2, 'shutdown result');
    const exited = new Promise((r) => server.once('exit', (code) => r(code)));
    send({ method: 'exit' });
    assert.equal(await exited, 0);
  } finally {
    server.kill();
  }
});

test('spec-delta mcp from the installed package: the MCP suite (test/protocol/mcp.test.ts) with the SDK client against its bin', async () => {
  // The suite, bundled with the SDK's client so that it runs outside the clone, started against the installed bin.
  const suite = join(work, 'mcp.test.cjs');
  await esbuild.build({
    entryPoints: [join(root, 'test/protocol/mcp.test.ts')],
    outfile: suite,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    logLevel: 'warning',
  });
  const bin = join(project, 'node_modules/spec-delta/bin/spec-delta.js');
  // Without NODE_TEST_CONTEXT, which this runner sets: with it the inner runner reports to this one instead of printing.
  const env = Object.fromEntries(Object.entries(cleanEnv).filter(([k]) => k !== 'NODE_TEST_CONTEXT'));
  const run = sh(process.execPath, ['--test', '--test-reporter=spec', suite], { cwd: work, env: { ...env, SPEC_DELTA_MCP_BIN: bin, SPEC_DELTA_REPO: root } });
  assert.equal(run.code, 0, run.stdout + run.stderr);
  assert.match(run.stdout, /ℹ fail 0\n/);
  assert.match(run.stdout, /agent loop \(\d+ findings -> \d+\)/);
  console.log(run.stdout.slice(run.stdout.indexOf('agent loop')).split('\n✔')[0]);
});

/** Runs action.yml's steps as the runner does: `${{ inputs.* }}` and `${{ github.* }}` filled in, GITHUB_PATH and GITHUB_OUTPUT honoured. */
function runAction(inputs, cwd) {
  const action = yaml.load(readFileSync(join(root, 'action.yml'), 'utf8'));
  assert.equal(action.runs.using, 'composite');
  const values = { ...Object.fromEntries(Object.entries(action.inputs).map(([k, v]) => [k, v.default ?? ''])), ...inputs };
  const runnerTemp = mkdtempSync(join(work, 'runner-'));
  const githubPath = join(runnerTemp, 'path');
  const githubOutput = join(runnerTemp, 'output');
  writeFileSync(githubPath, '');
  const expr = (text) =>
    String(text).replace(/\$\{\{\s*([\w.-]+)\s*\}\}/g, (_, name) => {
      if (name.startsWith('inputs.')) return values[name.slice('inputs.'.length)] ?? '';
      if (name === 'github.action_path') return root;
      throw new Error(`action.yml uses \${{ ${name} }}, which this runner does not fill in`);
    });
  const steps = [];
  let path = cleanEnv.PATH;
  for (const step of action.runs.steps) {
    assert.equal(step.shell, 'bash', step.name);
    writeFileSync(githubOutput, '');
    const env = { ...cleanEnv, PATH: path, RUNNER_TEMP: runnerTemp, GITHUB_PATH: githubPath, GITHUB_OUTPUT: githubOutput, GITHUB_ACTION_PATH: root };
    for (const [k, v] of Object.entries(step.env ?? {})) env[k] = expr(v);
    const scriptFile = join(runnerTemp, `step-${steps.length}.sh`);
    writeFileSync(scriptFile, expr(step.run));
    // The runner's bash: `bash --noprofile --norc -eo pipefail {0}`.
    const result = sh('bash', ['--noprofile', '--norc', '-eo', 'pipefail', scriptFile], { cwd, env });
    const added = readFileSync(githubPath, 'utf8').split('\n').filter(Boolean).reverse();
    path = [...added, cleanEnv.PATH].join(':');
    steps.push({
      name: step.name,
      ...result,
      outputs: Object.fromEntries(
        readFileSync(githubOutput, 'utf8')
          .split('\n')
          .filter(Boolean)
          .map((l) => l.split(/=(.*)/s).slice(0, 2)),
      ),
    });
    if (result.code !== 0) break;
  }
  return steps;
}

test('the GitHub Action (action.yml) installs the package and annotates, with SARIF for code scanning', () => {
  const repo = mkdtempSync(join(work, 'action-repo-'));
  mkdirSync(join(repo, 'docs/spec-deltas'), { recursive: true });
  writeFileSync(join(repo, 'docs/spec-deltas/INVARIANT-042-checkout.md'), GOOD);
  const passing = runAction({ package: tarball, paths: 'docs' }, repo);
  assert.deepEqual(
    passing.map((s) => s.code),
    [0, 0],
    passing.map((s) => s.stderr).join('\n'),
  );
  assert.ok(!passing[1].stdout.includes('::error'));
  writeFileSync(join(repo, 'docs/spec-deltas/INVARIANT-060-webhooks.md'), BROKEN);
  const failing = runAction(
    { package: tarball, paths: 'docs/spec-deltas/INVARIANT-060-webhooks.md docs/spec-deltas/INVARIANT-042-checkout.md', 'sarif-file': 'spec-delta.sarif' },
    repo,
  );
  assert.equal(failing[0].code, 0, failing[0].stderr);
  assert.equal(failing[1].code, 1, 'errors fail the step');
  assert.match(failing[1].stdout, /^::error file=docs\/spec-deltas\/INVARIANT-060-webhooks\.md,line=1,endLine=1,col=1,/m);
  assert.equal(failing[1].outputs['sarif-file'], 'spec-delta.sarif');
  const sarif = JSON.parse(readFileSync(join(repo, 'spec-delta.sarif'), 'utf8'));
  assert.equal(sarif.version, '2.1.0');
  assert.ok(
    sarif.runs[0].results.some(
      (r) => r.ruleId === 'SD001' && r.locations[0].physicalLocation.artifactLocation.uri === 'docs/spec-deltas/INVARIANT-060-webhooks.md',
    ),
  );
  const broken = runAction({ package: tarball, paths: 'no/such/folder' }, repo);
  assert.equal(broken[1].code, 2);
  assert.match(broken[1].stderr, /^spec-delta: /);
});

test('the pre-commit hook runs its declared entry on the staged spec deltas, fixes them and fails while errors are left', () => {
  const [hook] = yaml.load(readFileSync(join(root, '.pre-commit-hooks.yaml'), 'utf8'));
  assert.equal(hook.language, 'node');
  // pre-commit's node language (pre_commit/languages/node.py): `npm pack` in the hook repository,
  // its whole stdout stripped taken as the tarball's name, then `npm install -g` of that file into
  // the hook's own prefix. A build banner on stdout would break the install (.npmrc keeps it off).
  const prefix = mkdtempSync(join(work, 'pre-commit-env-'));
  try {
    const packed = ok(sh('npm', ['pack'], { cwd: root }), 'npm pack').stdout.trim();
    assert.equal(packed, `spec-delta-${pkg.version}.tgz`, "npm pack's stdout is only the tarball name");
    ok(sh('npm', ['install', '-g', '--no-audit', '--no-fund', join(root, packed)], { env: { ...cleanEnv, npm_config_prefix: prefix } }), 'npm install -g');
  } finally {
    rmSync(join(root, `spec-delta-${pkg.version}.tgz`), { force: true });
  }
  const repo = mkdtempSync(join(work, 'hook-repo-'));
  const files = {
    'docs/spec-deltas/INVARIANT-060-webhooks.md': BROKEN,
    'docs/spec-deltas/INVARIANT-042-checkout.md': GOOD,
    'rfcs/INVARIANT-070-limits.spec-delta.md': BROKEN.replace(/INVARIANT-06\d/g, 'INVARIANT-070'),
    'README.md': '# Not a spec delta\n',
    'docs/spec-deltas/notes.txt': 'not markdown\n',
  };
  for (const [file, text] of Object.entries(files)) {
    mkdirSync(dirname(join(repo, file)), { recursive: true });
    writeFileSync(join(repo, file), text);
  }
  ok(sh('git', ['init', '-q'], { cwd: repo }), 'git init');
  ok(sh('git', ['add', '.'], { cwd: repo }), 'git add');
  const staged = ok(sh('git', ['diff', '--cached', '--name-only'], { cwd: repo }), 'git diff')
    .stdout.split('\n')
    .filter(Boolean);
  // pre-commit's file selection: `files` (a Python regex, searched), `types: [markdown]` (*.md).
  const pattern = new RegExp(hook.files);
  const selected = staged.filter((f) => pattern.test(f) && (!hook.types?.includes('markdown') || /\.(md|markdown)$/.test(f)));
  assert.deepEqual(selected.sort(), [
    'docs/spec-deltas/INVARIANT-042-checkout.md',
    'docs/spec-deltas/INVARIANT-060-webhooks.md',
    'rfcs/INVARIANT-070-limits.spec-delta.md',
  ]);
  const [command, ...args] = hook.entry.split(' ');
  const env = { ...cleanEnv, PATH: `${join(prefix, 'bin')}:${cleanEnv.PATH}` };
  const run = sh(command, [...args, ...selected], { cwd: repo, env });
  assert.equal(run.code, 1, `errors are left: ${run.stdout}${run.stderr}`);
  assert.match(run.stdout, /fixed 2 files/);
  const fixed = readFileSync(join(repo, 'docs/spec-deltas/INVARIANT-060-webhooks.md'), 'utf8');
  assert.ok(fixed.includes('\n## Review Checklist\n') && !BROKEN.includes('\n## Review Checklist\n'), 'the missing section is inserted');
  assert.equal(readFileSync(join(repo, 'docs/spec-deltas/INVARIANT-042-checkout.md'), 'utf8'), GOOD, 'a clean file is left as it is');
  assert.equal(readFileSync(join(repo, 'README.md'), 'utf8'), files['README.md']);
  const good = sh(command, [...args, 'docs/spec-deltas/INVARIANT-042-checkout.md'], { cwd: repo, env });
  assert.equal(good.code, 0, good.stdout);
});

test('the VSIX carries only what the extension uses, packages without warnings, under 1 MB', () => {
  ok(sh(process.execPath, ['esbuild.mjs', '--production'], { cwd: root }), 'production build');
  const stage = mkdtempSync(join(work, 'vsix-'));
  stageVsix(stage);
  const listed = vsce(stage, ['ls', '--no-dependencies']).trim().split('\n').sort();
  const rules = readdirSync(join(root, 'docs/rules'))
    .filter((f) => f.endsWith('.md'))
    .map((f) => `docs/rules/${f}`);
  const allowed = [
    'CHANGELOG.md',
    'LICENSE',
    'README.md',
    'dist/client.js',
    'dist/server.js',
    'dist/web/analysisWorker.js',
    'dist/web/client.js',
    'dist/web/server.js',
    'media/icon.png',
    'media/spec-delta.svg',
    'package.json',
    'schemas/spec-delta.schema.json',
    'snippets/spec-delta.code-snippets',
    'syntaxes/spec-delta.injection.tmLanguage.json',
    ...rules,
  ].sort();
  assert.deepEqual(listed, allowed);
  // Every file the manifest points at is in the package.
  const manifest = JSON.parse(readFileSync(join(stage, 'package.json'), 'utf8'));
  const referenced = [
    manifest.main,
    manifest.icon,
    ...manifest.contributes.snippets.map((s) => s.path),
    ...manifest.contributes.grammars.map((g) => g.path),
    ...manifest.contributes.viewsContainers.activitybar.map((v) => v.icon),
    ...manifest.contributes.jsonValidation.map((j) => j.url),
  ];
  for (const file of referenced) assert.ok(listed.includes(file.replace(/^\.\//, '')), `${file} is packaged`);
  const out = join(work, 'spec-delta.vsix');
  const log = vsce(stage, ['package', '--no-dependencies', '--out', out]);
  assert.ok(!/WARNING|\bwarn/i.test(log), log);
  const size = statSync(out).size;
  assert.ok(size < 1024 * 1024, `${size} bytes`);
  console.log(
    `VSIX: ${(size / 1024).toFixed(1)} KB\n${listed.map((f) => `  ${(statSync(join(stage, f)).size / 1024).toFixed(1).padStart(7)} KB  ${f}`).join('\n')}`,
  );
  // The Marketplace's Changelog tab says what this version brings.
  assert.match(readFileSync(join(root, 'CHANGELOG.md'), 'utf8'), new RegExp(`^## ${pkg.version.replace(/\./g, '\\.')} \\(\\d{4}-\\d{2}-\\d{2}\\)$`, 'm'));
  // The icon is the 128x128 PNG the Marketplace asks for.
  const png = readFileSync(join(root, 'media/icon.png'));
  assert.equal(png.subarray(1, 4).toString(), 'PNG');
  assert.deepEqual([png.readUInt32BE(16), png.readUInt32BE(20)], [128, 128]);
});
