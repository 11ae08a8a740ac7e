// npm run bench: prints, side by side in one run, the figures issue 6 sets targets for.
// Absolute times are noisy on a shared 2-core machine: read the ratios, measured in one run.
//
//   node bench/run.mjs [--quick] [--full] [--only=core,cli,server,web,workspace,extension] [--counts=2000,20000] [--markdown]
//
// --quick: smaller corpora for a fast look; --full: also @contextlint/cli on 20,000 files (minutes);
// --markdown: the table again at the end as Markdown, for docs/performance.md.
// Every row also goes to out/bench.json (with the machine), for bench/median.mjs.
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';
import { benchCli } from './cli.mjs';
import { benchCore, loadCore } from './core.mjs';
import { benchExtension } from './extension.mjs';
import { benchServer, benchWorkspace } from './server.mjs';
import { benchWeb } from './web.mjs';
import { formatRow, header, markdownTable } from './table.mjs';

const args = process.argv.slice(2);
const quick = args.includes('--quick');
const only = args
  .find((a) => a.startsWith('--only='))
  ?.slice('--only='.length)
  .split(',');
const wanted = (area) => !only || only.includes(area);
const outDir = process.env.SPEC_DELTA_OUT ?? 'out';

const machine = `${cpus().length} x ${cpus()[0]?.model.trim() ?? 'cpu'}, ${Math.round(totalmem() / 2 ** 30)} GiB, node ${process.version}, ${process.platform} ${process.arch}`;
console.log(machine);
console.log(header());
const rows = [];
const row = (r) => {
  rows.push(r);
  console.log(formatRow(r));
};

const started = performance.now();
const core = await loadCore(outDir);
if (wanted('core')) benchCore(row, core);
const counts = args
  .find((a) => a.startsWith('--counts='))
  ?.slice('--counts='.length)
  .split(',')
  .map(Number);
if (wanted('cli'))
  benchCli(row, core, quick ? { counts: [500, 5000], repeats: 1 } : { contextlint20k: args.includes('--full'), ...(counts ? { counts } : {}) });
if (wanted('server')) await benchServer(row, { quick });
if (wanted('web')) await benchWeb(row, { quick });
if (wanted('workspace')) await benchWorkspace(row, quick ? { count: 2000, cycles: 200, edits: 50 } : {});
if (wanted('extension')) await benchExtension(row, { activations: quick ? 3 : 7 });
console.log(
  `\n${rows.filter((r) => r.met === false).length} of ${rows.filter((r) => r.met !== undefined).length} targets missed; ${((performance.now() - started) / 1000).toFixed(0)} s`,
);

mkdirSync(outDir, { recursive: true });
writeFileSync(join(outDir, 'bench.json'), JSON.stringify({ machine, date: new Date().toISOString(), rows }, null, 2));
if (args.includes('--markdown')) console.log(`\n${markdownTable(rows)}`);
