// Renders the Marketplace / Open VSX icon, media/icon.png (128x128), from media/spec-delta.svg:
// the activity-bar glyph drawn white on a dark rounded square, rasterised by Chromium through
// playwright-core (the install of test/e2e/install.sh). Run it after changing the glyph:
//   node scripts/renderIcon.mjs            (or E2E_PLAYWRIGHT=<playwright-core dir> E2E_CHROMIUM=<binary>)
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const cache = process.env.SPEC_DELTA_E2E_CACHE ?? join(root, '.cache', 'e2e');
const playwrightDir = process.env.E2E_PLAYWRIGHT ?? join(cache, 'playwright', 'node_modules', 'playwright-core');
const { chromium } = createRequire(import.meta.url)(playwrightDir);

const glyph = readFileSync(join(root, 'media', 'spec-delta.svg'), 'utf8');
const paths = [...glyph.matchAll(/<path d="([^"]+)"\/>/g)].map((m) => m[1]);
if (paths.length === 0) throw new Error('no <path d="..."/> in media/spec-delta.svg');
// The glyph's 24x24 box scaled into the middle 96 px of the 128 px icon.
const icon = `<svg xmlns="http://www.w3.org/2000/svg" width="128" height="128" viewBox="0 0 128 128">
<rect width="128" height="128" rx="24" fill="#1f3a5f"/>
<g transform="translate(16 14) scale(4)" fill="none" stroke="#ffffff" stroke-width="1.6" stroke-linejoin="round" stroke-linecap="round">
${paths.map((d) => `<path d="${d}"/>`).join('\n')}
</g></svg>`;

const browser = await chromium.launch({ executablePath: process.env.E2E_CHROMIUM ?? '/usr/bin/chromium' });
try {
  const page = await browser.newPage({ viewport: { width: 128, height: 128 }, deviceScaleFactor: 1 });
  await page.setContent(`<html><body style="margin:0;background:transparent">${icon}</body></html>`);
  await page.locator('svg').screenshot({ path: join(root, 'media', 'icon.png'), omitBackground: true });
} finally {
  await browser.close();
}
console.log('wrote media/icon.png');
