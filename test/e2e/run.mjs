// `npm run test:e2e`: the extension as a user sees it, in a real VS Code (code-server + Chromium).
//   1. installs what it needs (test/e2e/install.sh, cached under .cache/e2e), packages spec-delta.vsix
//      and installs it into a fresh extensions folder;
//   2. starts code-server on a copy of test/vscode/workspace and checks, with playwright: the Problems
//      panel, a finding that follows typing within a second, a quick fix (Ctrl+.), Insert Missing
//      Sections and New Spec Delta from the palette; then the Status panel (a webview), the Workspace
//      tree and the status bar item (viewChecks.mjs);
//   3. runs the extension-host suites (test/vscode) inside the same code-server install.
// Screenshots of every step go to .cache/e2e/screenshots/; `--update-images` also copies the README's
// pictures to docs/images/: panel.png (Status and Problems panels), status-panel.png,
// problems-panel.png, workspace-tree.png, dashboard.png. Prints `e2e: N passed, N failed` last.
// E2E_KEEP=1 keeps the run folder (workspace, logs).
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { buildSuites, copyWorkspace, repoRoot, runInCodeServer } from '../vscode/suites.mjs';
import { checkViews } from './viewChecks.mjs';
import { checkDashboard } from './dashboardChecks.mjs';
import { goToLine, pickCommand, pollUntil, save, webviewFrame } from './workbench.mjs';

const BROKEN = 'docs/spec-deltas/INVARIANT-060-payment-webhooks-processed-once.md';
const NEW_TITLE = 'Refund amounts never exceed the captured payment';
const NEW_FILE = 'docs/spec-deltas/INVARIANT-061-refund-amounts-never-exceed-the-captured-payment.md';

// `--web-host`: the same checks with the extension in code-server's web worker extension host
// (its browser entry, dist/web/client.js, and the server in a web worker), as in vscode.dev.
const webHost = process.argv.includes('--web-host');
const label = webHost ? 'e2e web host' : 'e2e';
// The web has no git to ask: New Spec Delta takes the author from this setting.
const WEB_AUTHOR = 'Web Reviewer';

const started = Date.now();
const results = [];
let passed = 0;
let failed = 0;
let server;
let browser;
let runDir;
let page;
let suites;
const dialogs = [];
const consoleMessages = [];
const cleanups = [];

async function cleanup() {
  await browser?.close().catch(() => {});
  await server?.stop().catch(() => {});
  suites?.dispose();
  for (const f of cleanups.splice(0)) f();
  if (runDir && !process.env.E2E_KEEP) rmSync(runDir, { recursive: true, force: true });
}
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.once(signal, async () => {
    console.log(`\n${signal}: stopping code-server and Chromium`);
    await cleanup();
    process.exit(130);
  });
}

/** A prerequisite: its failure ends the run (and counts as one failure). */
function prepare(name, command, args, options = {}) {
  const t0 = Date.now();
  console.log(`\n--- ${name}`);
  const r = spawnSync(command, args, { cwd: repoRoot, stdio: 'inherit', ...options });
  if (r.status !== 0) throw new Error(`${name} failed (exit ${r.status ?? r.signal})`);
  console.log(`    ${name}: ${((Date.now() - t0) / 1000).toFixed(1)} s`);
}

/** One user-visible check; a failure is recorded (with a screenshot) and the next check still runs. */
async function check(name, shot, fn) {
  const t0 = Date.now();
  try {
    await fn();
    passed++;
    results.push({ name, ok: true, ms: Date.now() - t0 });
    console.log(`ok   ${name} (${Date.now() - t0} ms)`);
  } catch (error) {
    failed++;
    results.push({ name, ok: false, ms: Date.now() - t0 });
    console.log(
      `FAIL ${name} (${Date.now() - t0} ms)\n     ${String(error?.stack ?? error)
        .split('\n')
        .join('\n     ')}`,
    );
    shot = `FAILED-${shot}`;
  }
  await page?.mouse.move(1, 1).catch(() => {}); // no hover tooltip in the picture
  if (page) await page.screenshot({ path: join(shotsDir, `${shot}.png`) }).catch(() => {});
  // leave no quick input or widget open for the next check
  await page?.keyboard.press('Escape').catch(() => {});
}

let shotsDir;
/** A picture for the README (docs/images/ with --update-images): the mouse out of the way, cropped to what it shows. */
async function readmeShot(name, clip) {
  await page.mouse.move(1, 1);
  await page
    .locator('.workbench-hover-container, .monaco-hover:not(.hidden)')
    .first()
    .waitFor({ state: 'detached', timeout: 3000 })
    .catch(() => {});
  await page.screenshot({ path: join(shotsDir, `readme-${name}.png`), clip });
}
let workspace;
const fileText = (rel) => readFileSync(join(workspace, rel), 'utf8');
const problemKey = (p) => `${p.severity} ${p.code} ${p.position}`;

try {
  prepare('install (test/e2e/install.sh)', 'bash', ['test/e2e/install.sh']);
  prepare('package (npm run package)', 'npm', ['run', 'package', '--silent']);
  const harness = await import('./codeServer.mjs');
  shotsDir = join(harness.cacheDir, webHost ? 'screenshots-web' : 'screenshots');
  mkdirSync(shotsDir, { recursive: true });
  runDir = mkdtempSync(join(harness.cacheDir, 'e2e-'));
  workspace = copyWorkspace(join(runDir, 'workspace'));
  const extensionsDir = join(runDir, 'extensions');
  await harness.installExtension(join(repoRoot, 'spec-delta.vsix'), extensionsDir);
  // no minimap: it adds nothing to the pictures but their size
  server = await harness.startCodeServer({
    workspace,
    userDataDir: join(runDir, 'user-data'),
    extensionsDir,
    settings: {
      'editor.minimap.enabled': false,
      ...(webHost ? { 'remote.extensionKind': { 'spec-delta.spec-delta': ['web'] }, 'specDelta.author': WEB_AUTHOR } : {}),
    },
  });
  console.log(`\ncode-server ${server.url} answered in ${server.startMs} ms (log ${server.logFile})`);
  browser = await harness.launchBrowser();
  page = await harness.newPage(browser, { width: 1280, height: 800 }); // pictures for the README stay small
  page.on('pageerror', (e) => console.log(`     [pageerror] ${e.message}`));
  // The web worker extension host reports to the page's console (activation failures included).
  page.on('console', (m) => consoleMessages.push(m.text()));
  // An alert, confirm or prompt from any frame (the Status webview included) is recorded and dismissed.
  page.on('dialog', (d) => {
    dialogs.push(d.message());
    void d.dismiss().catch(() => {});
  });
  const workbenchMs = await harness.openWorkbench(page, server.url, workspace);
  console.log(`workbench ready in ${workbenchMs} ms\n`);
  const original = fileText(BROKEN);
  const lineOf = (prefix) => original.split('\n').findIndex((l) => l.startsWith(prefix)) + 1;

  await check('the Problems panel lists the findings of the broken document', 'e2e-1-problems', async () => {
    await harness.quickOpen(page, BROKEN.split('/').pop());
    await page.mouse.move(1, 1); // off the tab the quick open row was over, or its tooltip shows
    await harness.runCommand(page, 'workbench.action.problems.focus');
    const expected = [
      'error SD001 [Ln 1, Col 1]',
      'error SD012 [Ln 1, Col 15]',
      'error SD007 [Ln 3, Col 11]',
      'error SD006 [Ln 6, Col 15]',
      'error SD006 [Ln 85, Col 38]',
      'warning SD101 [Ln 106, Col 38]',
    ];
    const problems = await pollUntil(page, `the Problems panel to list ${expected.join(', ')}`, async () => {
      const p = await harness.readProblems(page);
      return expected.every((e) => p.some((m) => m.kind === 'marker' && problemKey(m) === e)) && p;
    });
    const severity = problems.find((m) => problemKey(m) === 'error SD006 [Ln 6, Col 15]');
    if (!/found 'Hihg'/.test(severity.message) || severity.source !== 'spec-delta') throw new Error(`unexpected entry ${JSON.stringify(severity)}`);
    const file = problems.find((m) => m.kind === 'file' && m.label === BROKEN.split('/').pop());
    if (!file) throw new Error('no file row for the broken document');
    await page.locator('.editor-instance .squiggly-error').first().waitFor({ state: 'visible', timeout: 5000 });
    await readmeShot('problems-panel', { x: 345, y: 30, width: 935, height: 770 });
    // the README's first picture: the Status panel beside the Problems panel of the same document
    await harness.runCommand(page, 'specDelta.showStatus');
    const frame = await webviewFrame(page, '#root h1 .id', 'the Status webview');
    await pollUntil(page, 'the Status panel to show INVARIANT-060', () =>
      frame.evaluate(() => document.querySelector('#root h1 .id')?.textContent === 'INVARIANT-060'),
    );
    await readmeShot('panel', { x: 0, y: 30, width: 1280, height: 770 });
  });

  await check('typing a wrong Status adds a finding within a second, and fixing it removes it', 'e2e-2-typing', async () => {
    const line = lineOf('**Status**: ');
    await harness.runCommand(page, 'workbench.action.focusActiveEditorGroup');
    await goToLine(page, line, '**Status**: '.length + 1);
    await page.keyboard.press('Shift+End');
    await page.keyboard.type('Done');
    const typed = Date.now();
    const isDone = (m) => m.kind === 'marker' && m.code === 'SD006' && /found 'Done'/.test(m.message) && m.position === `[Ln ${line}, Col 13]`;
    await pollUntil(page, "the Status 'Done' finding", async () => (await harness.readProblems(page)).some(isDone), { timeoutMs: 1000, everyMs: 20 });
    console.log(`     finding shown ${Date.now() - typed} ms after typing`);
    await page.screenshot({ path: join(shotsDir, 'e2e-2-typing-done.png') });
    await goToLine(page, line, '**Status**: '.length + 1);
    await page.keyboard.press('Shift+End');
    await page.keyboard.type('Draft');
    const fixed = Date.now();
    await pollUntil(page, "the Status 'Done' finding to go", async () => !(await harness.readProblems(page)).some(isDone), { timeoutMs: 1000, everyMs: 20 });
    console.log(`     finding gone ${Date.now() - fixed} ms after typing`);
  });

  await check('a quick fix (Ctrl+. on the finding) changes the file on disk after save', 'e2e-3-quick-fix', async () => {
    const line = lineOf('**Expected Invariant Check Result**: ');
    const fix = page.locator('.action-widget .monaco-list-row', { hasText: "Replace with 'FAIL'" }).first();
    // On a loaded machine the workbench can drop the Ctrl+. pressed right after Go to Line closes
    // (in one CI run of the web host the menu never opened): once more, as save() does. A quick
    // fix that is really missing still fails.
    for (let attempt = 1; ; attempt++) {
      await goToLine(page, line, '**Expected Invariant Check Result**: '.length + 1);
      await page.keyboard.press('Control+.');
      try {
        await fix.waitFor({ state: 'visible', timeout: attempt === 1 ? 5_000 : 10_000 });
        break;
      } catch (error) {
        if (attempt === 2) throw error;
        await page.keyboard.press('Escape');
      }
    }
    await page.screenshot({ path: join(shotsDir, 'e2e-3-quick-fix-menu.png') });
    await fix.click();
    // The menu closes before the save: a key pressed while it still holds the focus can be lost.
    await fix.waitFor({ state: 'hidden', timeout: 5_000 });
    await page.locator('.tabs-container .tab.active.dirty').waitFor({ state: 'visible', timeout: 10_000 });
    await save(page);
    const expected = original.replace('**Expected Invariant Check Result**: PASS', '**Expected Invariant Check Result**: FAIL');
    await pollUntil(page, 'the fixed file on disk', () => fileText(BROKEN) === expected, { timeoutMs: 5000 });
  });

  await check('Insert Missing Sections (command palette) inserts the section on disk and keeps every line', 'e2e-4-insert-missing', async () => {
    const before = fileText(BROKEN);
    await harness.runCommand(page, 'Spec Delta: Insert Missing Sections');
    await page.locator('.tabs-container .tab.active.dirty').waitFor({ state: 'visible', timeout: 10_000 });
    await save(page);
    const after = await pollUntil(
      page,
      'the inserted section on disk',
      () => {
        const text = fileText(BROKEN);
        return text.includes('\n## Review Checklist\n') && text;
      },
      { timeoutMs: 5000 },
    );
    if (!(after.indexOf('## Review Checklist') < after.indexOf('## Approval'))) throw new Error('the section is not before ## Approval');
    const lines = after.split('\n');
    let at = 0;
    for (const l of before.split('\n')) {
      while (at < lines.length && lines[at] !== l) at++;
      if (at++ === lines.length) throw new Error(`the line '${l}' was changed or removed`);
    }
    await pollUntil(page, 'SD001 to leave the Problems panel', async () => !(await harness.readProblems(page)).some((m) => m.code === 'SD001'));
  });

  await check("New Spec Delta (command palette) asks for a title and creates the next id's file", 'e2e-5-new-spec-delta', async () => {
    await pickCommand(page, 'Spec Delta: New Spec Delta');
    const input = page.locator('.quick-input-widget .quick-input-box input');
    await page.locator('.quick-input-widget', { hasText: 'A brief title for the new invariant' }).waitFor({ state: 'visible', timeout: 10_000 });
    await input.fill(NEW_TITLE);
    await page.keyboard.press('Enter');
    await pollUntil(page, `${NEW_FILE} on disk`, () => existsSync(join(workspace, NEW_FILE)), { timeoutMs: 10_000 });
    await page.locator('.tabs-container .tab.active', { hasText: NEW_FILE.split('/').pop() }).waitFor({ state: 'visible', timeout: 10_000 });
    const text = fileText(NEW_FILE);
    if (!text.startsWith(`# Spec Delta: INVARIANT-061 ${NEW_TITLE}\n`)) throw new Error(`unexpected title line: ${text.split('\n')[0]}`);
    if (webHost && !text.includes(`**Author**: ${WEB_AUTHOR}\n`))
      throw new Error(`no author from specDelta.author: ${text.split('\n').slice(0, 6).join(' / ')}`);
  });

  await check("a finding's code in the Problems panel opens the rule's page shipped in the extension, in the Markdown preview", 'e2e-6-rule-link', async () => {
    await harness.quickOpen(page, BROKEN.split('/').pop());
    await harness.runCommand(page, 'workbench.action.problems.focus');
    const row = page.locator('.markers-panel .monaco-list-row[aria-level="2"]', { has: page.locator('.marker-code', { hasText: 'SD007' }) }).first();
    await row.waitFor({ state: 'visible', timeout: 10_000 });
    await row.locator('.marker-code', { hasText: 'SD007' }).first().click(); // the label inside the code's link
    await page.locator('.tabs-container .tab.active', { hasText: 'SD007.md' }).waitFor({ state: 'visible', timeout: 10_000 });
    // The preview is a webview: some frame shows the page's heading (the Status panel has its own h1).
    await pollUntil(
      page,
      "the preview to show the rule's page",
      async () => {
        for (const frame of page.frames()) {
          const heading = await frame.evaluate(() => [...document.querySelectorAll('h1')].map((h) => h.textContent).join('|')).catch(() => '');
          if (heading.includes('SD007: invalid-date')) return true;
        }
        return false;
      },
      { timeoutMs: 15_000, everyMs: 100 },
    );
    await harness.runCommand(page, 'workbench.action.closeActiveEditor');
  });

  // The Status panel, the Workspace tree and the status bar item (viewChecks.mjs).
  await checkViews({ page, harness, check, readmeShot, workspace, dialogs, newTitle: NEW_TITLE });
  // The Dashboard (dashboardChecks.mjs).
  await checkDashboard({ page, harness, check, readmeShot, workspace, repoRoot, dialogs });

  if (webHost) {
    await check('the extension ran in the web worker extension host, not in the Node one', 'e2e-web-host', () => checkWebHost(join(runDir, 'user-data')));
  } else {
    // Then the extension-host suites, in the same code-server install and browser.
    console.log('\n--- extension-host suites (test/vscode) in code-server');
    suites = buildSuites();
    const exthost = await runInCodeServer({ runDir, testsPath: suites.testsPath, browser });
    console.log(`exthost: ${exthost.passed} passed, ${exthost.failed} failed (${(exthost.ms / 1000).toFixed(1)} s)`);
    passed += exthost.passed;
    failed += exthost.failed;
  }

  if (process.argv.includes('--update-images') && webHost) {
    copyFileSync(join(shotsDir, 'readme-panel.png'), join(repoRoot, 'docs/images/web-host.png'));
    console.log('copied readme-panel.png to docs/images/web-host.png');
  } else if (process.argv.includes('--update-images')) {
    mkdirSync(join(repoRoot, 'docs/images'), { recursive: true });
    for (const name of ['panel', 'status-panel', 'problems-panel', 'workspace-tree', 'dashboard']) {
      copyFileSync(join(shotsDir, `readme-${name}.png`), join(repoRoot, 'docs/images', `${name}.png`));
      console.log(`copied readme-${name}.png to docs/images/${name}.png`);
    }
  }
} catch (error) {
  failed++;
  console.log(`\nFAIL e2e run: ${error?.stack ?? error}`);
  if (server?.logFile) console.log(`code-server log: ${server.logFile}`);
} finally {
  await cleanup();
}

console.log(`\nscreenshots: ${shotsDir ?? '(none)'}`);
console.log(`e2e took ${Math.round((Date.now() - started) / 1000)} s`);
console.log(`${label}: ${passed} passed, ${failed} failed`);
process.exitCode = failed > 0 || passed === 0 ? 1 : 0;

/**
 * The Node extension host's log (remoteexthost.log under code-server's user data) names every
 * extension it activates; with --web-host ours must not be among them (the checks before showed it
 * running), and the web worker host, which logs to the page's console, must report no failure of it.
 */
function checkWebHost(userDataDir) {
  const logs = [...walkFiles(join(userDataDir, 'logs'))];
  console.log(`     logs: ${logs.map((f) => f.slice(userDataDir.length)).join(', ')}`);
  const remote = logs.filter((f) => f.endsWith('remoteexthost.log'));
  if (remote.length === 0) throw new Error('no remoteexthost.log: cannot tell which host ran the extension');
  const texts = remote.map((f) => readFileSync(f, 'utf8'));
  // The log does record activations (the built-in git extension's), so an absent line means something.
  if (!texts.some((t) => /_doActivateExtension vscode\.git,/.test(t))) throw new Error('remoteexthost.log records no activation at all');
  // An activation of ours is the failure; the lines are shown so that a failure can be read.
  const ours = texts.flatMap((t) => t.split('\n')).filter((l) => /spec-delta\.spec-delta/.test(l));
  if (ours.some((l) => /_doActivateExtension spec-delta\.spec-delta\b/.test(l)))
    throw new Error(`the Node extension host activated spec-delta.spec-delta:\n${ours.join('\n')}`);
  if (ours.length > 0) console.log(`     remoteexthost.log mentions spec-delta without activating it:\n       ${ours.join('\n       ')}`);
  const failures = consoleMessages.filter((m) => /spec-delta/i.test(m) && /fail|error/i.test(m));
  if (failures.length > 0) throw new Error(`the web worker host reported: ${failures.join('\n')}`);
}

function* walkFiles(dir) {
  let names;
  try {
    names = readdirSync(dir);
  } catch {
    return;
  }
  for (const name of names) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) yield* walkFiles(path);
    else yield path;
  }
}
