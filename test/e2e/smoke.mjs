// End-to-end smoke test of the code-server + Chromium recipe, without our extension.
//   bash test/e2e/install.sh && node test/e2e/smoke.mjs
// Screenshots go to <cache>/screenshots/ (default /work/main/.cache/e2e/screenshots).
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { cacheDir, startCodeServer, launchBrowser, newPage, openWorkbench, quickOpen, runCommand, readProblems } from './codeServer.mjs';

const shots = join(cacheDir, 'screenshots');
mkdirSync(shots, { recursive: true });
const runDir = mkdtempSync(join(cacheDir, 'smoke-'));
const workspace = join(runDir, 'workspace');
mkdirSync(workspace);
const helloPath = join(workspace, 'hello.md');
const original = '# Hello\n\nSee [the missing page](./missing.md).\n';
writeFileSync(helloPath, original);
writeFileSync(join(workspace, 'other.md'), '# Other\n');

const timings = {};
const results = [];
const t = () => performance.now();
async function step(name, fn) {
  const t0 = t();
  try {
    await fn();
    timings[name] = Math.round(t() - t0);
    results.push({ name, ok: true });
    console.log(`ok   ${name} (${timings[name]} ms)`);
  } catch (e) {
    timings[name] = Math.round(t() - t0);
    results.push({ name, ok: false });
    console.log(`FAIL ${name} (${timings[name]} ms)\n${e.stack || e}`);
    throw e;
  }
}

let server, browser, page;
const tAll = t();
try {
  await step('start code-server', async () => {
    server = await startCodeServer({
      workspace,
      userDataDir: join(runDir, 'user-data'),
      extensionsDir: join(runDir, 'extensions'),
      // built-in markdown extension reports broken links: gives the Problems panel a real entry
      settings: { 'markdown.validate.enabled': true },
    });
    console.log(`     code-server on ${server.url} answered after ${server.startMs} ms (log ${server.logFile})`);
  });

  await step('launch chromium', async () => {
    browser = await launchBrowser();
    page = await newPage(browser);
    page.on('pageerror', (e) => console.log(`     [pageerror] ${e.message}`));
  });

  await step('workbench ready', async () => {
    const ms = await openWorkbench(page, server.url, workspace);
    console.log(`     workbench ready in ${ms} ms`);
    await page.screenshot({ path: join(shots, 'smoke-1-workbench.png') });
  });

  await step('quick open hello.md, type, save', async () => {
    await quickOpen(page, 'hello.md');
    // Ctrl+End then type: the editor has focus after Quick Open
    await page.keyboard.press('Control+End');
    await page.keyboard.type('Typed by playwright.\n');
    await page.locator('.tabs-container .tab.active.dirty').waitFor({ state: 'visible', timeout: 5000 });
    await page.keyboard.press('Control+S');
    await page.locator('.tabs-container .tab.active.dirty').waitFor({ state: 'detached', timeout: 10_000 });
    const disk = readFileSync(helloPath, 'utf8');
    if (!disk.includes('Typed by playwright.') || disk === original) throw new Error(`file on disk unchanged:\n${disk}`);
    await page.screenshot({ path: join(shots, 'smoke-2-edited.png') });
  });

  await step('problems panel via command palette', async () => {
    await runCommand(page, 'View: Focus Problems'); // by title; by id: 'workbench.action.problems.focus'
    await page.locator('.markers-panel').waitFor({ state: 'visible', timeout: 10_000 });
    // the markdown language server validates after a debounce; poll the panel
    let problems = [];
    for (let i = 0; i < 60; i++) {
      problems = await readProblems(page);
      if (problems.some((p) => p.kind === 'marker' && /missing\.md/.test(p.message))) break;
      await page.waitForTimeout(500);
    }
    console.log('     problems:', JSON.stringify(problems));
    await page.screenshot({ path: join(shots, 'smoke-3-problems.png') });
    const m = problems.find((p) => p.kind === 'marker' && /missing\.md/.test(p.message));
    if (!m) throw new Error('expected a broken-link diagnostic for missing.md in the Problems panel');
  });
} catch {
  process.exitCode = 1; // the failing step already printed its error
} finally {
  timings.total = Math.round(t() - tAll);
  await browser?.close().catch(() => {});
  await server?.stop().catch(() => {});
  if (!process.env.E2E_KEEP) rmSync(runDir, { recursive: true, force: true });
}

console.log('timings (ms):', JSON.stringify(timings));
console.log(`screenshots: ${shots}`);
const passed = results.filter((r) => r.ok).length;
console.log(`smoke: ${passed} passed, ${results.length - passed} failed`);
