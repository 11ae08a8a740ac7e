// `npm run test:emacs`: the language server in a third real editor, Emacs 28 with eglot 1.9 (the
// Debian packages emacs-nox and elpa-eglot), driven in batch mode by test/emacs/eglot-test.el on a
// broken spec delta in a copy of test/vscode/workspace. Installs the packages with apt-get when
// they are missing. Prints `emacs: N passed, N failed` last; exits non-zero on any failure.
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { aptInstall, assert, checks, runEditor, same } from '../editors/harness.mjs';

const root = resolve(fileURLToPath(new URL('../..', import.meta.url)));
const FILE = 'docs/spec-deltas/INVARIANT-060-payment-webhooks-processed-once.md';
const EMACS_TIMEOUT_MS = 120_000;

const { check, fail, failed, finish } = checks('emacs');

function eglotLoads() {
  return spawnSync('emacs', ['--batch', '--eval', "(require 'eglot)"], { encoding: 'utf8' }).status === 0;
}

function ensureEmacs() {
  if (eglotLoads()) return;
  console.log('emacs: installing emacs-nox and elpa-eglot with apt-get');
  aptInstall(['emacs-nox', 'elpa-eglot']);
  if (!eglotLoads()) throw new Error('eglot does not load after installing elpa-eglot');
}

function runEmacs(env) {
  return runEditor('emacs', ['--batch', '-l', join(root, 'test/emacs/eglot-test.el')], { cwd: root, env, timeoutMs: EMACS_TIMEOUT_MS });
}

/** `CODE line:col-line:col` (0-based, as LSP counts) of Flymake's diagnostics, sorted. */
function brief(diagnostics) {
  return (diagnostics ?? []).map((d) => `${d.code} ${d.start.join(':')}-${d.end.join(':')}`).sort();
}

const started = Date.now();
const dir = mkdtempSync(join(tmpdir(), 'spec-delta-emacs-'));
try {
  ensureEmacs();
  console.log(spawnSync('emacs', ['--version'], { encoding: 'utf8' }).stdout.split('\n')[0]);
  const build = spawnSync(process.execPath, ['esbuild.mjs'], { cwd: root, stdio: 'inherit' });
  if (build.status !== 0) throw new Error('build failed');
  // A copy: Emacs edits the buffer (never saved), and nothing it might leave behind lands in the repository.
  const workspace = join(dir, 'workspace');
  cpSync(join(root, 'test/vscode/workspace'), workspace, { recursive: true });
  const resultFile = join(dir, 'result.json');
  const eventsFile = join(dir, 'events.txt');
  const run = await runEmacs({
    SPEC_DELTA_EMACS_NODE: process.execPath,
    SPEC_DELTA_EMACS_SERVER: join(root, 'bin/spec-delta-language-server.js'),
    SPEC_DELTA_EMACS_WORKSPACE: workspace,
    SPEC_DELTA_EMACS_FILE: join(workspace, FILE),
    SPEC_DELTA_EMACS_RESULT: resultFile,
    SPEC_DELTA_EMACS_EVENTS: eventsFile,
  });
  let result = { errors: [] };
  try {
    result = JSON.parse(readFileSync(resultFile, 'utf8'));
  } catch {
    result.errors = [`no result file (emacs exit ${run.code ?? run.signal}):\n${run.output}`];
  }
  if (result.errors?.length) console.log(`emacs reported:\n  ${result.errors.join('\n  ')}`);
  let events = '';
  try {
    events = readFileSync(eventsFile, 'utf8');
  } catch {
    /* checked below */
  }
  const original = ['SD001 0:0-0:63', 'SD006 5:14-5:18', 'SD006 84:37-84:41', 'SD007 2:10-2:20', 'SD012 0:14-0:27', 'SD101 105:37-105:49'];

  check('diagnostics arrive in Flymake with exact ranges and severities', () => {
    same(brief(result.diagnostics), original, 'diagnostics');
    const types = Object.fromEntries((result.diagnostics ?? []).map((d) => [d.code, d.type]));
    same([types.SD001, types.SD006, types.SD101], ['eglot-error', 'eglot-error', 'eglot-warning'], 'Flymake types of SD001, SD006, SD101');
  });
  check('completion after `**Status**: ` offers the four statuses', () => {
    same(result.completion, ['Draft', 'Under Review', 'Approved', 'Rejected'], 'completions');
  });
  check('the insert-missing-section code action, applied through eglot, inserts the section and clears its SD001', () => {
    assert((result.codeActions ?? []).includes("Insert the missing 'Review Checklist' section"), `actions: ${JSON.stringify(result.codeActions)}`);
    assert(result.hasReviewChecklist === true, 'no `## Review Checklist` heading in the buffer after the edit');
    // The section goes in before Approval, below every other finding: they keep their ranges.
    same(
      brief(result.afterCodeAction),
      ['SD006 5:14-5:18', 'SD006 84:37-84:41', 'SD007 2:10-2:20', 'SD012 0:14-0:27', 'SD101 105:37-105:49'],
      'diagnostics after the code action',
    );
  });
  check('diagnostics follow an edit typed in the buffer (Hihg -> High)', () => {
    same(brief(result.afterEdit), ['SD006 84:37-84:41', 'SD007 2:10-2:20', 'SD012 0:14-0:27', 'SD101 105:37-105:49'], 'diagnostics after the edit');
  });
  check('shutdown is answered and the server ends by itself with exit code 0', () => {
    assert('shutdownReply' in result && result.shutdownReply === null, `shutdown reply ${JSON.stringify(result.shutdownReply)}`);
    same(result.exitStatus, 0, 'server exit status');
  });
  check("no warning or error in eglot's events or Emacs's messages", () => {
    assert(events.length > 0, 'no events buffer written');
    const problems = [
      [/^\[stderr\]/m, "output on the server's stderr"],
      [/:error\s*\(/, 'an error response'],
      [/:timed-out/, 'a request that timed out'],
      [/"window\/showMessage"/, 'a message shown to the user'],
      [/"window\/logMessage" :params\s*\(:type [12]\b/, 'an error or warning logged by the server'],
      [/"specDelta\//, 'a custom notification eglot did not ask for'],
      [/:data\s*\(:fixes/, 'fix data in a diagnostic'],
    ]
      .filter(([pattern]) => pattern.test(events))
      .map(([, what]) => what);
    same(problems, [], 'in the events buffer');
    const messages = run.output.split('\n').filter((l) => /warning|error|unsupported/i.test(l));
    same(messages, [], "in Emacs's messages");
    console.log(`     (events buffer: ${events.length} characters)`);
  });
  if (run.code !== 0 && failed() === 0) {
    fail(` emacs exited with ${run.code ?? run.signal}\n${run.output}`);
  }
} catch (error) {
  fail(` emacs suite: ${error?.stack ?? error}`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
console.log(`emacs suite took ${((Date.now() - started) / 1000).toFixed(1)} s`);
finish();
