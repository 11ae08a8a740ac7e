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

/** Saves the active editor (Ctrl+S) and waits until its tab is no longer dirty. */
export async function save(page) {
  await page.keyboard.press('Control+S');
  await page.locator('.tabs-container .tab.active.dirty').waitFor({ state: 'detached', timeout: 10_000 });
}

/**
 * The DOM of a webview view: VS Code nests it in two iframes (the host `index.html` and the
 * content frame); the content is the frame whose document has `selector`.
 */
export async function webviewFrame(page, selector, what, timeoutMs = 15_000) {
  return pollUntil(page, what, async () => {
    for (const frame of page.frames()) {
      if (!/\/webview\//.test(frame.url()) && !frame.url().startsWith('about:')) continue;
      const found = await frame.evaluate((s) => document.querySelector(s) !== null, selector).catch(() => false);
      if (found) return frame;
    }
    return undefined;
  }, { timeoutMs, everyMs: 100 });
}

/** The rows (aria-labels) of a tree view, found by its pane header title inside a view container. */
export async function treeRows(page, containerId, paneTitle) {
  return page.locator(`[id="${containerId}"] .pane`, { has: page.locator('.pane-header', { hasText: paneTitle }) })
    .locator('.monaco-list-row')
    .evaluateAll((rows) => rows.map((r) => ({ label: r.getAttribute('aria-label') ?? '', level: Number(r.getAttribute('aria-level') ?? 0) })));
}
