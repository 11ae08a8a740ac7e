// `npm run test:nvim`: the language server in a second real editor, Neovim (0.7+), through its
// built-in LSP client on a broken spec delta (test/nvim/init.lua). Installs Neovim with apt when it
// is missing. Prints `nvim: N passed, N failed` last; exits non-zero on any failure.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { aptInstall, assert, checks, runEditor } from '../editors/harness.mjs';

const root = resolve(fileURLToPath(new URL('../..', import.meta.url)));
const workspace = join(root, 'test/vscode/workspace');
const broken = join(workspace, 'docs/spec-deltas/INVARIANT-060-payment-webhooks-processed-once.md');
const NVIM_TIMEOUT_MS = 60_000;

const { check, fail, failed, finish } = checks('nvim');

function ensureNeovim() {
  if (spawnSync('nvim', ['--version'], { stdio: 'ignore' }).status === 0) return;
  console.log('nvim: installing neovim with apt-get');
  aptInstall(['neovim']);
}

function runNeovim(env) {
  return runEditor('nvim', ['--headless', '--clean', '-n', '-i', 'NONE', '-u', 'NONE', '-c', `luafile ${join(root, 'test/nvim/init.lua')}`], {
    cwd: root,
    env,
    timeoutMs: NVIM_TIMEOUT_MS,
  });
}

const started = Date.now();
const dir = mkdtempSync(join(tmpdir(), 'spec-delta-nvim-'));
try {
  ensureNeovim();
  console.log(spawnSync('nvim', ['--version'], { encoding: 'utf8' }).stdout.split('\n')[0]);
  const build = spawnSync(process.execPath, ['esbuild.mjs'], { cwd: root, stdio: 'inherit' });
  if (build.status !== 0) throw new Error('build failed');
  const resultFile = join(dir, 'result.json');
  const run = await runNeovim({
    SPEC_DELTA_NVIM_NODE: process.execPath,
    SPEC_DELTA_NVIM_SERVER: join(root, 'bin/spec-delta-language-server.js'),
    SPEC_DELTA_NVIM_WORKSPACE: workspace,
    SPEC_DELTA_NVIM_FILE: broken,
    SPEC_DELTA_NVIM_RESULT: resultFile,
  });
  let result = { errors: [] };
  try {
    result = JSON.parse(readFileSync(resultFile, 'utf8'));
  } catch {
    result.errors.push(`no result file (nvim exit ${run.code ?? run.signal}):\n${run.output}`);
  }
  if (result.errors.length) console.log(`nvim reported:\n  ${result.errors.join('\n  ')}`);
  const diagnostics = result.diagnostics ?? [];
  const completion = result.completion ?? [];
  const actions = result.codeActions ?? [];

  check('diagnostics arrive (vim.diagnostic.get), with exact positions', () => {
    const seen = diagnostics.map((d) => `${d.code} ${d.line + 1}:${d.col + 1}-${d.end_col + 1} ${d.source}`);
    for (const expected of ['SD001 1:1-64', 'SD012 1:15-28', 'SD007 3:11-21', 'SD006 6:15-19', 'SD006 85:38-42', 'SD101 106:38-50']) {
      assert(
        seen.some((s) => s.startsWith(expected) && s.endsWith('spec-delta')),
        `no ${expected} among:\n${seen.join('\n')}`,
      );
    }
  });
  check('completion after `**Status**: ` returns the four statuses', () => {
    const statuses = completion.filter((i) => i.kind === 20).map((i) => i.label);
    assert(JSON.stringify(statuses) === JSON.stringify(['Draft', 'Under Review', 'Approved', 'Rejected']), `got ${JSON.stringify(completion)}`);
  });
  check('a code action fixes the Severity diagnostic', () => {
    const fix = actions.find((a) => a.title === "Replace with 'High'");
    assert(fix, `no "Replace with 'High'" among ${JSON.stringify(actions.map((a) => a.title))}`);
    assert(fix.kind === 'quickfix' && fix.isPreferred === true, `kind ${fix.kind}, preferred ${fix.isPreferred}`);
    const [edit] = fix.edits;
    assert(
      fix.edits.length === 1 && edit.newText === 'High' && edit.range.start.line === 5 && edit.range.start.character === 14 && edit.range.end.character === 18,
      JSON.stringify(fix.edits),
    );
  });
  check('the server process exits when the client stops it', () => {
    // client_is_stopped turns true in the client's on_exit, i.e. once the server process has exited
    assert(result.stopped === true, 'vim.lsp.stop_client did not end the server');
  });
  if (run.code !== 0 && failed() === 0) {
    fail(` nvim exited with ${run.code ?? run.signal}\n${run.output}`);
  }
} catch (error) {
  fail(` nvim suite: ${error?.stack ?? error}`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
console.log(`nvim suite took ${((Date.now() - started) / 1000).toFixed(1)} s`);
finish();
