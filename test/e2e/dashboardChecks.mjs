// The Dashboard (a webview editor panel), checked as a user sees it in code-server: its charts'
// numbers against `spec-delta catalog` run on the same workspace, a click on an entry, and a
// change on disk. test/e2e/run.mjs runs these after the view checks. Every wait polls with a bound.
import { spawnSync } from 'node:child_process';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { clickViewAction, pollUntil, treeItems, webviewFrame } from './workbench.mjs';

const CONTAINER = 'workbench.view.extension.specDelta';

const ADDED = 'docs/spec-deltas/INVARIANT-070-dashboard-follows-the-disk.md';
const GOOD = 'docs/spec-deltas/INVARIANT-042-checkout-totals-currency.md';
const MARKUP = '<img src=x onerror=alert(1)>';

/** The charts as the DOM draws them: chart key -> label -> the number written beside the bar. */
function readCharts(frame) {
  return frame.evaluate(() => {
    const charts = {};
    for (const figure of document.querySelectorAll('figure[data-chart]')) {
      const rows = {};
      for (const row of figure.querySelectorAll('svg g.row')) rows[row.getAttribute('data-label')] = Number(row.querySelector('text.value')?.textContent);
      charts[figure.getAttribute('data-chart')] = rows;
    }
    return charts;
  });
}

/** The same counts from the CLI's catalogue of the workspace on disk: what CI would see. */
function catalogCounts(repoRoot, workspace) {
  const result = spawnSync(process.execPath, [join(repoRoot, 'bin/spec-delta.js'), 'catalog', '--format', 'json', '.'], { cwd: workspace, encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`spec-delta catalog failed: ${result.stderr}`);
  const entries = JSON.parse(result.stdout).invariants;
  const count = (values) => {
    const out = {};
    for (const entry of entries) {
      const list = values(entry).filter((v) => v !== null);
      for (const v of list.length ? new Set(list) : ['Not set']) out[v] = (out[v] ?? 0) + 1;
    }
    return out;
  };
  return {
    total: entries.length,
    status: count((e) => [e.status]),
    severity: count((e) => [e.severity]),
    category: count((e) => e.categories),
    enforcement: count((e) => [e.enforcement]),
  };
}

/** Every non-zero count drawn equals the catalogue's, and every catalogue value is drawn. */
function sameCounts(drawn, expected) {
  for (const key of ['status', 'severity', 'category', 'enforcement']) {
    const nonZero = Object.fromEntries(Object.entries(drawn[key] ?? {}).filter(([, n]) => n > 0));
    const want = expected[key];
    if (
      JSON.stringify(
        Object.keys(nonZero)
          .sort()
          .map((k) => [k, nonZero[k]]),
      ) !==
      JSON.stringify(
        Object.keys(want)
          .sort()
          .map((k) => [k, want[k]]),
      )
    )
      return false;
  }
  return true;
}

export async function checkDashboard({ page, harness, check, readmeShot, workspace, repoRoot, dialogs }) {
  const dashboard = () => webviewFrame(page, 'figure[data-chart]', 'the Dashboard webview');
  let expected;
  let drawn;
  const waitForCounts = (what) =>
    pollUntil(page, what, async () => {
      expected = catalogCounts(repoRoot, workspace);
      drawn = await readCharts(await dashboard()).catch(() => undefined);
      return drawn && sameCounts(drawn, expected);
    }).catch((error) => {
      throw new Error(`${error.message}\n     drawn: ${JSON.stringify(drawn)}\n     catalogue: ${JSON.stringify(expected)}`);
    });

  await check("Show Dashboard draws the catalogue's counts by Status, Severity, Category and Enforcement Level", 'e2e-17-dashboard', async () => {
    // The catalogue is read from disk: nothing may differ in an editor.
    await harness.runCommand(page, 'workbench.action.files.saveAll');
    await harness.runCommand(page, 'workbench.action.closeAllEditors');
    await harness.runCommand(page, 'Spec Delta: Show Dashboard');
    await waitForCounts("the Dashboard's charts to equal spec-delta catalog's counts");
    const frame = await dashboard();
    const total = await frame.evaluate(() => document.getElementById('total')?.textContent);
    if (total !== `${expected.total} spec deltas in the workspace`) throw new Error(`total: ${total}`);
    // Each chart speaks its numbers, and has a table alternative with the same ones.
    const spoken = await frame.evaluate(() => document.querySelector('figure[data-chart="status"] svg')?.getAttribute('aria-label'));
    for (const [label, n] of Object.entries(expected.status))
      if (label !== 'Not set' && !spoken.includes(`${label} ${n}`)) throw new Error(`aria-label lacks ${label} ${n}: ${spoken}`);
    const table = await frame.evaluate(() =>
      [...document.querySelectorAll('figure[data-chart="severity"] table tbody tr')].map((r) => [r.cells[0].textContent, Number(r.cells[1].textContent)]),
    );
    for (const [label, n] of table)
      if ((expected.severity[label] ?? 0) !== n) throw new Error(`severity table ${label}: ${n}, catalogue ${expected.severity[label] ?? 0}`);
    if (await frame.evaluate(() => document.querySelectorAll('img, script[src]').length)) throw new Error('the Dashboard holds an image or a remote script');
    // The README picture: the whole window's width for the charts, the side bar closed meanwhile.
    await harness.runCommand(page, 'workbench.action.closeSidebar');
    const editor = page.locator('#workbench\\.parts\\.editor');
    await pollUntil(page, 'the editor to take the width', async () => (await editor.boundingBox()).width > 1100);
    await pollUntil(page, 'the charts to lay out in columns', () =>
      frame.evaluate(() => new Set([...document.querySelectorAll('figure[data-chart]')].map((f) => f.getBoundingClientRect().top)).size < 4),
    );
    const box = await editor.boundingBox();
    await readmeShot('dashboard', { x: box.x, y: box.y, width: box.width, height: Math.min(box.height, 800 - box.y) });
    await harness.runCommand(page, 'workbench.action.toggleSidebarVisibility');
  });

  await check('a click on a Dashboard entry opens its document', 'e2e-18-dashboard-open', async () => {
    const frame = await dashboard();
    const button = frame.locator('[data-list="errors"] button.open').first();
    await button.waitFor({ state: 'visible', timeout: 10_000 });
    const uri = await button.getAttribute('data-uri');
    const name = decodeURIComponent(uri.split('/').pop());
    await button.click();
    await page.locator('.tabs-container .tab.active', { hasText: name }).waitFor({ state: 'visible', timeout: 10_000 });
    await harness.runCommand(page, 'Spec Delta: Show Dashboard');
  });

  await check('the Dashboard is keyboard reachable: Tab to an entry, Enter opens its document', 'e2e-18b-dashboard-keyboard', async () => {
    await harness.runCommand(page, 'Spec Delta: Show Dashboard');
    const frame = await dashboard();
    await frame.locator('h1').click();
    let focused;
    await pollUntil(
      page,
      'Tab to reach an entry of a list',
      async () => {
        await page.keyboard.press('Tab');
        focused = await frame.evaluate(() => (document.activeElement?.matches('button.open') ? document.activeElement.getAttribute('data-uri') : null));
        return focused;
      },
      { timeoutMs: 10_000, everyMs: 10 },
    );
    await page.keyboard.press('Enter');
    await page.locator('.tabs-container .tab.active', { hasText: decodeURIComponent(focused.split('/').pop()) }).waitFor({ state: 'visible', timeout: 10_000 });
    await harness.runCommand(page, 'Spec Delta: Show Dashboard');
  });

  await check('the Dashboard follows a spec delta added and removed on disk; its markup title shows as text', 'e2e-19-dashboard-disk', async () => {
    const added = readFileSync(join(workspace, GOOD), 'utf8')
      .replace(/INVARIANT-042/g, 'INVARIANT-070')
      .replace("Checkout totals are computed in the order's currency", MARKUP)
      .replace('**Status**: Approved', '**Status**: Draft')
      .replace('**Severity**: High', '**Severity**: Low');
    const before = catalogCounts(repoRoot, workspace);
    writeFileSync(join(workspace, ADDED), added);
    await waitForCounts('the Dashboard to count the added spec delta');
    if (expected.total !== before.total + 1 || drawn.severity.Low !== (before.severity.Low ?? 0) + 1)
      throw new Error(`not counted: ${JSON.stringify(drawn.severity)}`);
    // A Draft with Hard Block: listed, its title as the text it is.
    const frame = await dashboard();
    const title = await frame.evaluate(
      () =>
        [...document.querySelectorAll('[data-list="hardBlockPending"] button.open')]
          .find((b) => b.querySelector('.id')?.textContent === 'INVARIANT-070')
          ?.querySelector('.title')?.textContent,
    );
    if (title !== MARKUP) throw new Error(`the title shows as ${JSON.stringify(title)}`);
    if (await frame.evaluate(() => document.querySelectorAll('img').length)) throw new Error('the markup became an image');
    if (dialogs.length) throw new Error(`dialogs: ${dialogs.join(', ')}`);
    rmSync(join(workspace, ADDED));
    await waitForCounts('the Dashboard to drop the removed spec delta');
    if (expected.total !== before.total) throw new Error('the removed file is still counted');
  });

  await check("the Workspace tree's Group By button groups by Category, as the catalogue counts them, and back by Status", 'e2e-20-tree-group-by', async () => {
    const groupBy = async (label) => {
      await clickViewAction(page, CONTAINER, 'Workspace', 'Group By...');
      const row = page.locator('.quick-input-widget .monaco-list-row', { has: page.locator('.label-name', { hasText: new RegExp(`^${label}$`) }) }).first();
      await row.waitFor({ state: 'visible', timeout: 10_000 });
      await row.click();
    };
    await harness.runCommand(page, 'specDelta.workspace.focus');
    await groupBy('Category');
    const categories = catalogCounts(repoRoot, workspace).category;
    const expected = Object.entries(categories)
      .map(([label, n]) => `${label === 'Not set' ? 'No category' : label} (${n})`)
      .sort();
    let groups = [];
    await pollUntil(page, `the tree grouped by Category: ${expected.join(', ')}`, async () => {
      groups = (await treeItems(page, CONTAINER, 'Workspace')).filter((r) => r.level === 1).map((r) => `${r.label} (${r.description})`);
      return JSON.stringify([...groups].sort()) === JSON.stringify(expected);
    }).catch((error) => {
      throw new Error(`${error.message}\n     groups: ${groups.join(', ')}`);
    });
    await groupBy('Status');
    await pollUntil(page, 'the tree grouped by Status again', async () =>
      (await treeItems(page, CONTAINER, 'Workspace')).some((r) => r.level === 1 && r.label === 'Approved'),
    );
  });
}
