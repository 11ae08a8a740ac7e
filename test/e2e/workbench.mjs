// Small workbench helpers for the end-to-end run (test/e2e/run.mjs), on top of codeServer.mjs.
// Each wait polls the DOM with a bound and says what it was waiting for when the bound is hit.

/** Polls `probe` (sync or async) every `everyMs` until it returns a truthy value; throws after `timeoutMs`. */
export async function pollUntil(page, what, probe, { timeoutMs = 15_000, everyMs = 50 } = {}) {
  const t0 = Date.now();
  let last;
  for (;;) {
    last = await probe();
    if (last) return last;
    if (Date.now() - t0 > timeoutMs) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await page.waitForTimeout(everyMs);
  }
}

/** Ctrl+G in the active editor, to 1-based `line` and `column`. */
export async function goToLine(page, line, column = 1) {
  const input = page.locator('.quick-input-widget .quick-input-box input');
  await page.keyboard.press('Control+G');
  await input.waitFor({ state: 'visible', timeout: 10_000 });
  await input.fill(`:${line}:${column}`);
  await page.keyboard.press('Enter');
  await input.waitFor({ state: 'hidden', timeout: 10_000 });
}

/**
 * Picks a command in the palette by its "Category: Title" label and leaves the quick input to what
 * the command opens next (runCommand waits for the palette to close, which an input box prevents).
 */
export async function pickCommand(page, label) {
  const input = page.locator('.quick-input-widget .quick-input-box input');
  await page.keyboard.press('F1');
  await input.waitFor({ state: 'visible', timeout: 10_000 });
  await input.fill(`>${label}`);
  const row = page.locator('.quick-input-widget .monaco-list-row', { has: page.locator('.label-name', { hasText: label }) }).first();
  await row.waitFor({ state: 'visible', timeout: 10_000 });
  await row.click();
}

/**
 * Saves the active editor (Ctrl+S) and waits until its tab is no longer dirty. Under load the
 * workbench can drop a key pressed while a closing widget (the quick-fix menu, the command palette)
 * still holds the focus: the tab then stays dirty with no save running. So the key is pressed
 * once more, once; a save that really hangs still fails the wait.
 */
export async function save(page) {
  const dirty = page.locator('.tabs-container .tab.active.dirty');
  await page.keyboard.press('Control+S');
  try {
    await dirty.waitFor({ state: 'detached', timeout: 4_000 });
  } catch {
    console.log('     Ctrl+S left the tab dirty for 4 s; pressing it again');
    await page.keyboard.press('Control+S');
    await dirty.waitFor({ state: 'detached', timeout: 10_000 });
  }
}

/**
 * The DOM of a webview view: VS Code nests it in two iframes (the host `index.html` and the
 * content frame); the content is the frame whose document has `selector`.
 */
export async function webviewFrame(page, selector, what, timeoutMs = 15_000) {
  return pollUntil(
    page,
    what,
    async () => {
      for (const frame of page.frames()) {
        if (!/\/webview\//.test(frame.url()) && !frame.url().startsWith('about:')) continue;
        const found = await frame.evaluate((s) => document.querySelector(s) !== null, selector).catch(() => false);
        if (found) return frame;
      }
      return undefined;
    },
    { timeoutMs, everyMs: 100 },
  );
}

/** The rows (aria-labels) of a tree view, found by its pane header title inside a view container. */
export async function treeRows(page, containerId, paneTitle) {
  return page
    .locator(`[id="${containerId}"] .pane`, { has: page.locator('.pane-header', { hasText: paneTitle }) })
    .locator('.monaco-list-row')
    .evaluateAll((rows) => rows.map((r) => ({ label: r.getAttribute('aria-label') ?? '', level: Number(r.getAttribute('aria-level') ?? 0) })));
}

/** A tree view's pane, found by its header title inside a view container. */
function treePane(page, containerId, paneTitle) {
  return page.locator(`[id="${containerId}"] .pane`, { has: page.locator('.pane-header', { hasText: paneTitle }) });
}

/**
 * The rendered rows of a tree view as a user sees them: label, description, codicon name (of a
 * ThemeIcon), depth and the screen reader's label.
 */
export async function treeItems(page, containerId, paneTitle) {
  return treePane(page, containerId, paneTitle)
    .locator('.monaco-list-row')
    .evaluateAll((rows) =>
      // The list renders rows by absolute position and reuses their elements: after rows are
      // inserted the DOM order is not the order shown, data-index is.
      [...rows]
        .sort((a, b) => Number(a.getAttribute('data-index')) - Number(b.getAttribute('data-index')))
        .map((r) => ({
          label: r.querySelector('.label-name')?.textContent ?? '',
          description: r.querySelector('.label-description')?.textContent ?? '',
          icon:
            [...(r.querySelector('.custom-view-tree-node-item-icon')?.classList ?? [])].find((c) => c.startsWith('codicon-'))?.slice('codicon-'.length) ?? '',
          level: Number(r.getAttribute('aria-level') ?? 0),
          ariaLabel: r.getAttribute('aria-label') ?? '',
        })),
    );
}

/** Clicks an action of a view's title bar (shown on hover) by its title, e.g. 'Sort by Severity'. */
export async function clickViewAction(page, containerId, paneTitle, title) {
  const pane = treePane(page, containerId, paneTitle);
  await pane.locator('.pane-header').hover();
  await pane.locator(`.pane-header .action-label[aria-label="${title}"]`).click();
}

/** The active editor's cursor as the status bar shows it: `Ln 6, Col 15`. */
export async function cursorPosition(page) {
  return (
    (
      await page
        .locator('#status\\.editor\\.selection')
        .textContent()
        .catch(() => '')
    )?.trim() ?? ''
  );
}

/** The status bar item an extension contributed (`<publisher>.<name>.<item id>`), or undefined when hidden. */
export function statusBarItem(page, id) {
  return page.locator(`#workbench\\.parts\\.statusbar [id="${id}"]`);
}

/** Drags the primary side bar's sash until the side bar is about `width` pixels wide. */
export async function resizeSideBar(page, width) {
  const sideBar = page.locator('#workbench\\.parts\\.sidebar');
  const sash = page.locator('.monaco-sash.primary-sidebar-sash');
  const from = await sash.boundingBox();
  const delta = width - (await sideBar.boundingBox()).width;
  await page.mouse.move(from.x + from.width / 2, from.y + from.height / 2);
  await page.mouse.down();
  await page.mouse.move(from.x + from.width / 2 + delta, from.y + from.height / 2, { steps: 8 });
  await page.mouse.up();
}
