// Core: analysis (parse + every rule) of a corpus against a bare markdown-it parse of the same
// texts, interleaved in one process so that both see the same machine load.
import * as esbuild from 'esbuild';
import { mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { corpus } from './corpus.mjs';
import { median } from './stats.mjs';

const require = createRequire(import.meta.url);

/**
 * The language service bundled as the CLI and the server ship it (one module, no per-file export
 * getters), with the template definition for the contextlint configuration.
 */
export async function loadCore(outDir = 'out') {
  const outfile = join(process.cwd(), outDir, 'bench', 'core.js');
  mkdirSync(join(process.cwd(), outDir, 'bench'), { recursive: true });
  await esbuild.build({
    stdin: {
      contents:
        "export { analyzeText } from './server/src/core/languageService'; export { SECTIONS, TIMELINE_TABLE, APPROVAL_TABLE } from './server/src/core/template';",
      resolveDir: process.cwd(),
      loader: 'ts',
    },
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    outfile,
    logLevel: 'warning',
  });
  return require(outfile);
}

export function benchCore(row, core, { docs = 500, rounds = 15 } = {}) {
  const texts = corpus(docs, 7);
  const MarkdownIt = require('markdown-it');
  const md = new MarkdownIt();
  const time = (f) => {
    const start = process.hrtime.bigint();
    for (const text of texts) f(text);
    return Number(process.hrtime.bigint() - start) / 1e6;
  };
  const bare = (text) => md.parse(text, {});
  const ours = (text) => core.analyzeText(text, 'file:///bench.md');
  for (let i = 0; i < 3; i++) (time(bare), time(ours));
  const oursMs = [];
  const bareMs = [];
  for (let i = 0; i < rounds; i++) {
    bareMs.push(time(bare));
    oursMs.push(time(ours));
  }
  const ratio = median(oursMs) / median(bareMs);
  row({
    area: 'core',
    measure: `analysis of ${docs} docs vs markdown-it parse (median of ${rounds})`,
    ours: median(oursMs),
    baseline: median(bareMs),
    target: '<= 1.0x',
    met: ratio <= 1.0,
  });
}
