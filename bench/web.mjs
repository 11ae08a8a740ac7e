// The web build's language server in real Chromium (issue 16.4): completion on a small document
// while a 1 MB document in the same worker takes an edit every 20 ms, with the server's analysis
// worker (dist/web/analysisWorker.js) and, as the baseline, without it (analysis inline on the
// server worker's message loop, as before). Needs Chromium and playwright-core from the end-to-end
// installer (test/e2e/install.sh; SPEC_DELTA_E2E_CACHE for a shared cache); without them the row says so.
import { existsSync } from 'node:fs';
import { launchBrowser, playwrightDir } from '../test/e2e/codeServer.mjs';
import { editStorm, initialize, openServerPage, serveWebBundles } from '../test/web/serverPage.mjs';
import { bigDocument, sameAsFreshRow, sizeOf } from './server.mjs';
import { percentile } from './stats.mjs';

export async function benchWeb(row, { quick = false } = {}) {
  if (!existsSync(playwrightDir)) {
    row({ area: 'web', measure: 'web worker rows skipped', ours: NaN, note: `no playwright-core at ${playwrightDir}: run test/e2e/install.sh` });
    return;
  }
  const small = bigDocument(5 * 1024);
  const big = bigDocument(1024 * 1024);
  const edits = quick ? 50 : 150;
  const served = await serveWebBundles();
  const browser = await launchBrowser();
  try {
    const storm = async (analysisWorker) => {
      const page = await openServerPage(browser, served.origin);
      await initialize(page, analysisWorker);
      const result = await editStorm(page.page, { small, big, edits });
      await page.page.close();
      return result;
    };
    const inline = await storm(undefined);
    const off = await storm(`${served.origin}/analysisWorker.js`);
    const during = `${sizeOf(small)} while ${sizeOf(big)} takes an edit every 20 ms`;
    const p99 = percentile(off.times, 99);
    row({
      area: 'web',
      measure: `web worker: completion p99, ${during} (baseline: analysis inline)`,
      ours: p99,
      baseline: percentile(inline.times, 99),
      target: '<= 50 ms',
      met: p99 <= 50 && off.labels > 0,
      note: `p50 ${percentile(off.times, 50).toFixed(1)} ms, ${off.times.length} requests (inline: ${inline.times.length})`,
    });
    row({
      area: 'web',
      measure: `  ${sizeOf(big)}: its last edit -> its diagnostics (baseline: inline)`,
      ours: off.lastToDiagnostics,
      baseline: inline.lastToDiagnostics,
    });
    row(sameAsFreshRow('web', big, off));
  } finally {
    await browser.close();
    served.close();
  }
}
