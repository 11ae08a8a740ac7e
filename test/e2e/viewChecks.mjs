// The Status panel (a webview), the Workspace tree and the status bar item, checked as a user sees
// them in code-server (test/e2e/run.mjs runs these after its editing checks). Every wait polls the
// DOM with a bound; nothing sleeps a fixed time.
import { copyFileSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { clickViewAction, cursorPosition, goToLine, pollUntil, resizeSideBar, save, statusBarItem, treeItems, webviewFrame } from './workbench.mjs';

const CONTAINER = 'workbench.view.extension.specDelta';
const STATUS_ITEM = 'spec-delta.spec-delta.specDelta.status';
const FOLDER = 'docs/spec-deltas';
const BROKEN = `${FOLDER}/INVARIANT-060-payment-webhooks-processed-once.md`;
const DUPLICATE = `${FOLDER}/INVARIANT-060-migrations-keep-deployed-columns.md`;
const GOOD = `${FOLDER}/INVARIANT-042-checkout-totals-currency.md`;
/** Copied in during the run from test/e2e/fixtures: its title and several values are markup. */
const HOSTILE = `${FOLDER}/INVARIANT-013-an-untrusted-title.md`;
const HOSTILE_FIXTURE = new URL('./fixtures/hostile.spec-delta.md', import.meta.url);
const MARKUP = '<img src=x onerror=alert(1)>';
const base = (rel) => rel.split('/').pop();

/** The Status panel's state, read from its DOM. */
function readPanel(frame) {
  return frame.evaluate(() => {
    const q = (s) => document.querySelector(s);
    const text = (e) => e?.textContent.replace(/\s+/g, ' ').trim();
    return {
      empty: text(q('#h-empty')),
      id: text(q('#root h1 .id')),
      title: q('#root h1 .title')?.textContent,
      status: text(q('.badge-status .value')),
      severity: text(q('.badge-severity .value')),
      severityInvalid: q('.badge-severity.badge-invalid') !== null,
      statusInvalid: q('.badge-status.badge-invalid')?.getAttribute('title') ?? null,
      problemsBadge: text(q('.badge-problems, .badge-ok')),
      completeness: text(q('#h-complete .count')),
      sections: [...document.querySelectorAll('.sections li')].map(text),
      insertButton: q('button[data-action="insertMissingSections"]') !== null,
      categories: text(q('#h-choice + dl dd')),
      ruleSlots: [...document.querySelectorAll('.slot')].map((s) => [...s.children].map((c) => c.textContent)),
      approvals: [...document.querySelectorAll('#h-approval ~ table tbody tr')].map((r) => [...r.cells].map((c) => c.textContent)),
      problemsCount: text(q('#h-problems .count')),
      problems: [...document.querySelectorAll('#problems button.problem')].map((b) => ({
        code: text(b.querySelector('.code')),
        where: text(b.querySelector('.where')),
        text: text(b),
        line: Number(b.dataset.line),
        character: Number(b.dataset.character),
      })),
      images: document.querySelectorAll('img').length,
      announced: document.getElementById('announce')?.textContent,
    };
  });
}

/** `group (count)` and `  icon label | description` lines: the tree as one comparable picture. */
async function treeLines(page) {
  return (await treeItems(page, CONTAINER, 'Workspace')).map((r) =>
    r.level === 1 ? `${r.label} (${r.description})` : `  ${r.icon} ${r.label} | ${r.description}`,
  );
}

async function waitForTree(page, what, predicate, options) {
  let lines = [];
  return pollUntil(
    page,
    what,
    async () => {
      lines = await treeLines(page);
      return predicate(lines) && lines;
    },
    options,
  ).catch((error) => {
    throw new Error(`${error.message}\n     tree:\n       ${lines.join('\n       ')}`);
  });
}

function assertEqual(actual, expected, what) {
  if (JSON.stringify(actual) !== JSON.stringify(expected)) throw new Error(`${what}: expected ${JSON.stringify(expected)}, got ${JSON.stringify(actual)}`);
}

/** The run's context with the helpers every check uses. */
function withHelpers(ctx) {
  const { page, workspace, newTitle } = ctx;
  const panel = () => webviewFrame(page, '#root', 'the Status webview');
  return {
    ...ctx,
    panel,
    /** Polls the panel until `predicate(state)` holds; a failure shows the last state. */
    async waitForPanel(what, predicate, options) {
      let state;
      return pollUntil(
        page,
        what,
        async () => {
          state = await readPanel(await panel()).catch(() => undefined);
          return state && predicate(state) && state;
        },
        options,
      ).catch((error) => {
        throw new Error(`${error.message}\n     panel: ${JSON.stringify(state)}`);
      });
    },
    async statusBarText() {
      const item = statusBarItem(page, STATUS_ITEM);
      return (await item.isVisible()) ? (await item.textContent()).trim() : '(hidden)';
    },
    async waitForCursor(expected) {
      let at = '';
      await pollUntil(page, `the cursor at ${expected}`, async () => (at = await cursorPosition(page)) === expected).catch((error) => {
        throw new Error(`${error.message} (it is at ${at})`);
      });
    },
    onDisk: (rel) => readFileSync(join(workspace, rel), 'utf8'),
    // The tree after the editing checks of run.mjs: id order within a group; the icon is the
    // Severity's (arrow-up High, circle-outline for a value that is not a severity).
    initialTree: [
      'Under Review (1)',
      '  arrow-up INVARIANT-060 | 16/16 · 1 problem · Migrations never drop a column the running release reads',
      'Draft (2)',
      '  circle-outline INVARIANT-060 | 15/16 · 4 problems · Payment webhooks are processed once',
      `  circle-outline INVARIANT-061 | 3/16 · 31 problems · ${newTitle}`,
      'Approved (1)',
      "  arrow-up INVARIANT-042 | 19/19 · no problems · Checkout totals are computed in the order's currency",
    ],
  };
}

/** Each check, in order: its name, the screenshot's name and the function that checks it. */
const CHECKS = [
  ["the Status panel shows the active spec delta's id, title, badges, sections and problems", 'e2e-6-status-panel', statusPanelShowsTheDocument],
  [
    'the Workspace tree groups every spec delta by Status, with id, severity icon, completeness, problems and title',
    'e2e-7-workspace-tree',
    treeGroupsTheWorkspace,
  ],
  ['the status bar shows the active spec delta, and a click on it opens the Status view', 'e2e-8-status-bar', statusBarOpensTheStatusView],
  ['the Status panel and the status bar follow the active editor; other files get the empty state', 'e2e-9-follow-editor', panelFollowsTheActiveEditor],
  ['typing a Status updates the panel, the status bar and the tree group at once', 'e2e-10-typing-views', viewsFollowTyping],
  ['the tree follows a file changed on disk (a closed document changes Status)', 'e2e-11-tree-disk', treeFollowsTheDisk],
  ["a click on a problem in the panel moves the editor's cursor to it", 'e2e-12-click-problem', problemClickMovesTheCursor],
  ['the panel is keyboard reachable: Tab to the problems badge, Enter, Enter on a problem moves the cursor', 'e2e-13-keyboard', panelIsKeyboardReachable],
  [
    'a title and values that are markup show as text in the tree, its hover, the panel and the status bar; no dialog',
    'e2e-14-hostile-title',
    markupShowsAsText,
  ],
  ['Sort by Severity orders each group by severity, Sort by Id puts it back', 'e2e-15-sort', treeSortsBySeverity],
  [
    "the panel's Insert Missing Sections button inserts the section into the editor; a deleted file leaves the tree",
    'e2e-16-insert-button',
    insertButtonInsertsSections,
  ],
];

/**
 * Runs the view checks; each failure is recorded by `check` and the next check still runs.
 * @param {object} ctx
 * @param {import('playwright-core').Page} ctx.page
 * @param {typeof import('./codeServer.mjs')} ctx.harness
 * @param {(name: string, shot: string, fn: () => Promise<void>) => Promise<void>} ctx.check
 * @param {(name: string, clip: object) => Promise<void>} ctx.readmeShot
 * @param {string} ctx.workspace the run's copy of test/vscode/workspace
 * @param {string[]} ctx.dialogs messages of every alert/confirm/prompt the page raised
 * @param {string} ctx.newTitle the title New Spec Delta gave INVARIANT-061
 */
export async function checkViews(ctx) {
  const context = withHelpers(ctx);
  for (const [name, shot, fn] of CHECKS) await ctx.check(name, shot, () => fn(context));
}

async function statusPanelShowsTheDocument({ page, harness, readmeShot, waitForPanel }) {
  await harness.quickOpen(page, base(BROKEN));
  await harness.runCommand(page, 'specDelta.showStatus');
  const view = await waitForPanel('the Status panel to show INVARIANT-060', (v) => v.id === 'INVARIANT-060' && v.problems.length > 0);
  assertEqual(
    [view.title, view.status, view.severity, view.severityInvalid, view.problemsBadge],
    ['Payment webhooks are processed once', 'Draft', 'Hihg', true, '4 problems'],
    'title and badges',
  );
  // The Review Checklist was inserted and Expected Invariant Check Result fixed by the checks before.
  assertEqual(
    view.problems.map((p) => `${p.code} ${p.where}`),
    ['SD012 1:15', 'SD007 3:11', 'SD006 6:15', 'SD101 106:38'],
    'problems',
  );
  assertEqual(view.problemsCount, '3 errors, 1 warnings, 0 info', 'problem counts');
  assertEqual(view.completeness, '15/16', 'completeness');
  const states = Object.fromEntries(view.sections.map((s) => s.split(': ')).map(([name, state]) => [name.replace(/^\S+ /, ''), state]));
  assertEqual(
    [states["Why Existing Invariants Didn't Catch This"], states['Implementation Complexity'], states['Review Checklist'], states.Verification],
    ['Done', 'To write', 'Done', undefined],
    'section states (post-approval subsections hidden before approval)',
  );
  assertEqual(view.categories, 'API Contracts', 'categories');
  assertEqual(
    view.ruleSlots,
    [
      ['Component', 'PaymentWebhookHandler'],
      ['MUST', 'apply each provider event id at most once'],
      ['WHEN', 'a webhook is received'],
    ],
    'rule statement slots',
  );
  assertEqual(view.approvals[0], ['Author', 'Sam Whitfield', '2026-05-15', 'Proposed'], 'first approval row');
  assertEqual(view.announced, 'INVARIANT-060: Draft, 4 problems.', 'the screen reader announcement');
  await harness.runCommand(page, 'workbench.action.closePanel');
  await harness.runCommand(page, 'workbench.action.focusActiveEditorGroup');
  await page.keyboard.press('Control+Home');
  await page.locator('.editor-instance .squiggly-error').first().waitFor({ state: 'visible', timeout: 5000 });
  await readmeShot('status-panel', { x: 0, y: 30, width: 960, height: 770 });
}

async function treeGroupsTheWorkspace({ page, harness, readmeShot, initialTree }) {
  await harness.runCommand(page, 'specDelta.workspace.focus');
  await waitForTree(page, 'the Workspace tree of the fixture workspace', (lines) => JSON.stringify(lines) === JSON.stringify(initialTree));
  const rows = await treeItems(page, CONTAINER, 'Workspace');
  const good = rows.find((r) => r.label === 'INVARIANT-042');
  assertEqual(
    good.ariaLabel,
    "INVARIANT-042 Checkout totals are computed in the order's currency, Approved, severity High, 19/19 sections done, no problems",
    'the screen reader label',
  );
  // The README picture: a wider side bar so that the titles show, the Status view collapsed.
  await resizeSideBar(page, 640);
  const statusHeader = page.locator(`[id="${CONTAINER}"] .pane-header`, { hasText: 'Status' });
  await statusHeader.click();
  await pollUntil(page, 'the Status view to collapse', async () => (await statusHeader.getAttribute('aria-expanded')) === 'false');
  const lastRow = page.locator(`[id="${CONTAINER}"] .monaco-list-row`, { hasText: 'INVARIANT-042' });
  let box;
  await pollUntil(page, 'the Workspace view to settle', async () => {
    const before = JSON.stringify(box);
    box = await lastRow.boundingBox();
    return before === JSON.stringify(box);
  });
  const sideBar = await page.locator('#workbench\\.parts\\.sidebar').boundingBox();
  await readmeShot('workspace-tree', { x: 0, y: sideBar.y, width: sideBar.x + sideBar.width, height: box.y + box.height + 12 - sideBar.y });
  await statusHeader.click(); // open it again
  await resizeSideBar(page, 420);
}

async function statusBarOpensTheStatusView({ page, harness, waitForPanel, statusBarText }) {
  await harness.quickOpen(page, base(BROKEN));
  await pollUntil(
    page,
    "the status bar item 'INVARIANT-060 · Draft · 4 problems'",
    async () => (await statusBarText()) === 'INVARIANT-060 · Draft · 4 problems',
  );
  const label = await statusBarItem(page, STATUS_ITEM).getAttribute('aria-label');
  assertEqual(label, 'INVARIANT-060: Draft, 4 problems, 15/16 sections done. Click for the Status panel.', 'its screen reader label');
  await harness.runCommand(page, 'workbench.view.explorer');
  await page.locator(`[id="${CONTAINER}"]`).waitFor({ state: 'hidden', timeout: 10_000 });
  await statusBarItem(page, STATUS_ITEM).click();
  await page.locator(`[id="${CONTAINER}"] .pane-header`, { hasText: 'Status' }).waitFor({ state: 'visible', timeout: 10_000 });
  // The page of a webview view is dropped while hidden: shown again, it must render the document again.
  await waitForPanel('the Status panel, shown again, to show INVARIANT-060', (v) => v.id === 'INVARIANT-060');
}

async function panelFollowsTheActiveEditor({ page, harness, panel, waitForPanel, statusBarText }) {
  await harness.quickOpen(page, base(GOOD));
  let view = await waitForPanel('the panel to show INVARIANT-042', (v) => v.id === 'INVARIANT-042');
  assertEqual(
    [view.title, view.status, view.severity, view.severityInvalid, view.problemsBadge, view.completeness, view.problems.length],
    ["Checkout totals are computed in the order's currency", 'Approved', 'High', false, 'No problems', '19/19', 0],
    'INVARIANT-042 in the panel',
  );
  await pollUntil(page, 'the status bar to show INVARIANT-042', async () => (await statusBarText()) === 'INVARIANT-042 · Approved · 0 problems');

  await harness.quickOpen(page, 'notes.md');
  view = await waitForPanel('the empty state for notes.md', (v) => v.empty !== undefined);
  assertEqual(view.empty, 'No spec delta in the active editor', 'the empty state heading');
  const explains = await (await panel()).evaluate(() => document.querySelector('.empty').textContent.replace(/\s+/g, ' '));
  if (!/first heading starts with Spec Delta:/.test(explains) || !/New Spec Delta/.test(explains))
    throw new Error(`the empty state does not say what to do: ${explains}`);
  await pollUntil(page, 'the status bar item to hide for notes.md', async () => (await statusBarText()) === '(hidden)');
  await page.screenshot({ path: join(harness.cacheDir, 'screenshots', 'e2e-9-empty-state.png') });

  await harness.quickOpen(page, base(BROKEN));
  await waitForPanel('the panel to show INVARIANT-060 again', (v) => v.id === 'INVARIANT-060');
  // A new untitled file is plain text: not a spec delta either.
  await page.keyboard.press('Control+N');
  await page.locator('.tabs-container .tab.active', { hasText: 'Untitled-1' }).waitFor({ state: 'visible', timeout: 10_000 });
  await waitForPanel('the empty state for a plain-text editor', (v) => v.empty !== undefined);
  await harness.runCommand(page, 'workbench.action.closeActiveEditor');
  await harness.quickOpen(page, base(BROKEN));
  await waitForPanel('the panel to show INVARIANT-060 again', (v) => v.id === 'INVARIANT-060');
}

async function viewsFollowTyping({ page, harness, waitForPanel, statusBarText, onDisk, initialTree }) {
  await harness.quickOpen(page, base(BROKEN));
  const line =
    onDisk(BROKEN)
      .split('\n')
      .findIndex((l) => l.startsWith('**Status**: ')) + 1;
  const typeStatus = async (value) => {
    await harness.runCommand(page, 'workbench.action.focusActiveEditorGroup');
    await goToLine(page, line, '**Status**: '.length + 1);
    await page.keyboard.press('Shift+End');
    await page.keyboard.type(value);
    return Date.now();
  };
  let typed = await typeStatus('Under Review');
  // Under Review makes incompleteness an error: the placeholder becomes one.
  await waitForPanel("the panel's Under Review badge", (v) => v.status === 'Under Review' && v.problemsCount === '4 errors, 0 warnings, 0 info', {
    timeoutMs: 2000,
    everyMs: 20,
  });
  console.log(`     panel updated ${Date.now() - typed} ms after typing`);
  await pollUntil(page, 'the status bar to say Under Review', async () => (await statusBarText()) === 'INVARIANT-060 · Under Review · 4 problems', {
    timeoutMs: 2000,
    everyMs: 20,
  });
  await waitForTree(
    page,
    'the document to move to the Under Review group',
    (lines) =>
      lines.indexOf('Under Review (2)') === 0 &&
      lines.some((l) => l.startsWith('  circle-outline INVARIANT-060 | 15/16 · 4 problems · Payment')) &&
      lines.includes('Draft (1)'),
    { timeoutMs: 2000, everyMs: 20 },
  );
  await page.screenshot({ path: join(harness.cacheDir, 'screenshots', 'e2e-10-typing-under-review.png') });

  typed = await typeStatus('Done');
  const view = await waitForPanel("the panel's finding for Status 'Done'", (v) => v.problems.some((p) => p.code === 'SD006' && /found 'Done'/.test(p.text)), {
    timeoutMs: 2000,
    everyMs: 20,
  });
  console.log(`     panel updated ${Date.now() - typed} ms after typing`);
  // A wrong Status counts as Draft: the badge shows it as written, marked, and says so.
  if (view.status !== 'Done' || !/counted as Draft$/.test(view.statusInvalid ?? '')) throw new Error(`the badge says ${view.status} (${view.statusInvalid})`);
  await waitForTree(
    page,
    'the document back in Draft (a wrong Status counts as Draft)',
    (lines) => lines.includes('Under Review (1)') && lines.includes('Draft (2)'),
    { timeoutMs: 2000, everyMs: 20 },
  );

  await typeStatus('Draft');
  await save(page);
  await waitForPanel('the panel back to the saved document', (v) => v.status === 'Draft' && v.problems.length === 4);
  await waitForTree(page, 'the tree back to its first state', (lines) => JSON.stringify(lines) === JSON.stringify(initialTree));
}

async function treeFollowsTheDisk({ page, workspace, onDisk, initialTree }) {
  const original = onDisk(DUPLICATE);
  writeFileSync(join(workspace, DUPLICATE), original.replace('**Status**: Under Review', '**Status**: Rejected'));
  // Rejected without a Rejected decision in the approval table: one more problem (a warning).
  const lines = await waitForTree(
    page,
    'the migrations spec delta in a Rejected group',
    (l) => l.includes('Rejected (1)') && !l.some((x) => x.startsWith('Under Review')),
  );
  if (!lines[lines.indexOf('Rejected (1)') + 1]?.includes('INVARIANT-060 | 16/16 · 2 problems · Migrations'))
    throw new Error(`not under Rejected:\n${lines.join('\n')}`);
  writeFileSync(join(workspace, DUPLICATE), original);
  await waitForTree(page, 'the tree back to its first state', (l) => JSON.stringify(l) === JSON.stringify(initialTree));
}

async function problemClickMovesTheCursor({ page, harness, panel, waitForCursor }) {
  await harness.quickOpen(page, base(BROKEN));
  await harness.runCommand(page, 'workbench.action.focusActiveEditorGroup');
  await page.keyboard.press('Control+Home');
  await waitForCursor('Ln 1, Col 1');
  const frame = await panel();
  await frame.locator('#problems button.problem', { hasText: "found 'Hihg'" }).click({ timeout: 10_000 });
  await waitForCursor('Ln 6, Col 15');
  await page.locator('.tabs-container .tab.active', { hasText: base(BROKEN) }).waitFor({ state: 'visible', timeout: 5000 });
  // The editor has the focus: typing goes into the document.
  await pollUntil(page, 'the editor to have the focus', () => page.evaluate(() => document.activeElement?.closest('.monaco-editor') !== null));
}

async function panelIsKeyboardReachable({ page, harness, panel, waitForCursor }) {
  await harness.runCommand(page, 'workbench.action.focusActiveEditorGroup');
  await page.keyboard.press('Control+Home');
  await waitForCursor('Ln 1, Col 1');
  await harness.runCommand(page, 'specDelta.status.focus');
  const frame = await panel();
  // Start from the top of the page: VS Code gives the focus back to the element that had it last.
  await frame.evaluate(() => document.activeElement instanceof HTMLElement && document.activeElement.blur());
  const focused = () => frame.evaluate(() => (document.activeElement === document.body ? 'body' : (document.activeElement?.className ?? 'none')));
  const path = [];
  for (let i = 0; i < 10 && !path.includes('badge badge-problems'); i++) {
    await page.keyboard.press('Tab');
    path.push(await focused());
  }
  if (!path.includes('badge badge-problems')) throw new Error(`Tab never reached the problems badge: ${path.join(' → ')}`);
  await page.keyboard.press('Enter');
  const first = await pollUntil(page, 'Enter on the badge to focus the first problem', () =>
    frame.evaluate(() => document.activeElement?.matches('#problems button.problem') && document.activeElement.getAttribute('aria-label')),
  );
  if (first !== 'Error on line 1: INVARIANT-060 is also defined in INVARIANT-060-migrations-keep-deployed-columns.md: give this spec delta the next free id.')
    throw new Error(`first problem's label: ${first}`);
  await page.keyboard.press('Tab');
  const second = await frame.evaluate(() => document.activeElement.getAttribute('aria-label'));
  if (!/^Error on line 3: Date must be written YYYY-MM-DD/.test(second)) throw new Error(`Tab went to ${second}`);
  await page.keyboard.press('Enter');
  await waitForCursor('Ln 3, Col 11');
}

async function markupShowsAsText({ page, workspace, dialogs, waitForPanel, statusBarText }) {
  copyFileSync(HOSTILE_FIXTURE, join(workspace, HOSTILE));
  // A new file on disk reaches the tree through the file watcher.
  let lines = await waitForTree(page, 'the new spec delta in the tree', (l) => l.some((x) => x.includes('INVARIANT-013')));
  // The list renders only the rows in view: when the new row was revealed by scrolling the tree
  // (one CI run), its group's header is above the view. A wheel over the tree brings it back.
  if (!lines.includes('Under Review (2)')) {
    await page.locator(`[id="${CONTAINER}"] .monaco-list`).first().hover();
    await page.mouse.wheel(0, -2000);
    await page.mouse.move(1, 1);
    lines = await waitForTree(page, 'the Under Review group in view', (l) => l.includes('Under Review (2)'));
  }
  assertEqual(
    lines.slice(lines.indexOf('Under Review (2)'), lines.indexOf('Under Review (2)') + 3),
    [
      'Under Review (2)',
      `  arrow-down INVARIANT-013 | 15/16 · 2 problems · ${MARKUP}`,
      '  arrow-up INVARIANT-060 | 16/16 · 1 problem · Migrations never drop a column the running release reads',
    ],
    'the Under Review group',
  );
  const tree = page.locator(`[id="${CONTAINER}"]`);
  if ((await tree.locator('img').count()) !== 0) throw new Error('an img element in the Spec Deltas views');
  const row = tree.locator('.monaco-list-row', { hasText: 'INVARIANT-013' });
  assertEqual(
    await row.getAttribute('aria-label'),
    `INVARIANT-013 ${MARKUP}, Under Review, severity Low, 15/16 sections done, 2 problems`,
    'its screen reader label',
  );
  // The tooltip (Markdown): the tree re-renders its rows as the index settles, which drops a
  // pending hover, so the mouse goes over the row again until the tooltip shows.
  const hover = page.locator('.workbench-hover-container', { hasText: 'INVARIANT-013' });
  const tooltip = await pollUntil(page, 'the tooltip of INVARIANT-013', async () => {
    const box = await row.boundingBox();
    await page.mouse.move(1, 1);
    await page.mouse.move(box.x + 40, box.y + box.height / 2, { steps: 2 });
    if (
      !(await hover.waitFor({ state: 'visible', timeout: 2000 }).then(
        () => true,
        () => false,
      ))
    )
      return undefined;
    return hover.evaluate((e) => ({ text: e.textContent, images: e.querySelectorAll('img').length }));
  });
  if (!tooltip.text.includes(`INVARIANT-013 ${MARKUP}`) || tooltip.images !== 0) throw new Error(`the tooltip: ${JSON.stringify(tooltip)}`);
  await page.mouse.move(1, 1);

  // A click on a tree item opens its document.
  await row.click();
  await page.locator('.tabs-container .tab.active', { hasText: base(HOSTILE) }).waitFor({ state: 'visible', timeout: 10_000 });
  const view = await waitForPanel('the panel to show INVARIANT-013', (v) => v.id === 'INVARIANT-013');
  assertEqual(view.title, MARKUP, 'the title, as text');
  assertEqual(view.ruleSlots[0], ['Component', MARKUP], 'the rule statement component');
  assertEqual(view.categories, `Other: ${MARKUP}`, 'the categories');
  assertEqual(view.approvals[0], ['Author', MARKUP, '2026-02-03', 'Proposed'], 'the approval row');
  if (!view.problems.some((p) => p.text.includes(`found '${MARKUP}'`))) throw new Error(`no problem quoting the value: ${JSON.stringify(view.problems)}`);
  assertEqual(view.images, 0, 'img elements in the panel');
  await pollUntil(page, 'the status bar to show INVARIANT-013', async () => (await statusBarText()) === 'INVARIANT-013 · Under Review · 2 problems');
  assertEqual(dialogs, [], 'dialogs raised by the page');
}

async function treeSortsBySeverity({ page }) {
  const underReview = async () => {
    const lines = await treeLines(page);
    const from = lines.indexOf('Under Review (2)');
    return lines
      .slice(from + 1, from + 3)
      .map((l) => l.split(' | ')[0].trim())
      .join(', ');
  };
  await clickViewAction(page, CONTAINER, 'Workspace', 'Sort by Severity');
  await pollUntil(page, 'High before Low', async () => (await underReview()) === 'arrow-up INVARIANT-060, arrow-down INVARIANT-013');
  await clickViewAction(page, CONTAINER, 'Workspace', 'Sort by Id');
  await pollUntil(page, 'id order again', async () => (await underReview()) === 'arrow-down INVARIANT-013, arrow-up INVARIANT-060');
}

async function insertButtonInsertsSections({ page, harness, workspace, panel, waitForPanel, onDisk, initialTree }) {
  const before = onDisk(HOSTILE);
  await (await panel()).locator('button[data-action="insertMissingSections"]').click({ timeout: 10_000 });
  await page.locator('.tabs-container .tab.active.dirty', { hasText: base(HOSTILE) }).waitFor({ state: 'visible', timeout: 10_000 });
  const view = await waitForPanel('the panel without the missing section', (v) => v.id === 'INVARIANT-013' && !v.insertButton);
  assertEqual([view.completeness, view.problems.map((p) => p.code)], ['16/16', ['SD006']], 'completeness and problems after the insertion');
  if (!view.sections.includes('✓ Review Checklist: Done')) throw new Error(`sections: ${view.sections.join(', ')}`);
  assertEqual(onDisk(HOSTILE), before, 'the file on disk (not saved yet)');
  await harness.runCommand(page, 'workbench.action.revertAndCloseActiveEditor');
  rmSync(join(workspace, HOSTILE));
  await waitForTree(page, 'the deleted spec delta to leave the tree', (l) => JSON.stringify(l) === JSON.stringify(initialTree));
}
