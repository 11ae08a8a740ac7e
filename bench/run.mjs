// npm run bench: prints, side by side in one run, the figures the issues set targets for.
// Absolute times are noisy on a shared 2-core machine: read the ratios, measured in one run.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { corpus } from './corpus.mjs';
import { benchServer, benchWorkspace } from './server.mjs';

const require = createRequire(import.meta.url);
const outDir = process.env.SPEC_DELTA_OUT ?? 'out';
const { analyzeText } = require(`../${outDir}/server/src/core/languageService.js`);
const MarkdownIt = require('markdown-it');

const rows = [];
const row = (area, measure, ours, theirs, target, unit = 'ms') => {
  const ratio = theirs ? ours / theirs : undefined;
  rows.push({ area, measure, ours: fmt(ours, unit), baseline: theirs === undefined ? '' : fmt(theirs, unit), ratio: ratio === undefined ? '' : `${ratio.toFixed(2)}x`, target });
  console.log(`${area.padEnd(10)} ${measure.padEnd(44)} ${fmt(ours, unit).padStart(10)} ${theirs === undefined ? ''.padStart(10) : fmt(theirs, unit).padStart(10)} ${ratio === undefined ? '' : `${ratio.toFixed(2)}x`.padStart(7)}  ${target}`);
};
const fmt = (v, unit) => (unit === 'ms' ? `${v.toFixed(1)} ms` : unit === 'MB' ? `${v.toFixed(1)} MB` : unit === 'KB' ? `${v.toFixed(1)} KB` : String(v));

console.log(`node ${process.version}, ${process.platform} ${process.arch}`);
console.log(`${'area'.padEnd(10)} ${'measure'.padEnd(44)} ${'ours'.padStart(10)} ${'baseline'.padStart(10)} ${'ratio'.padStart(7)}  target`);

const quick = process.argv.includes('--quick');
benchCore();
benchCli(2000);
if (!quick) benchCli(20000);
await benchServer(row, { quick });
await benchWorkspace(row, quick ? { count: 2000, cycles: 200 } : {});

writeFileSync(join(outDir, 'bench.json'), JSON.stringify(rows, null, 2));

/** Analysis (parse + every rule) against a bare markdown-it parse of the same texts, interleaved. */
function benchCore() {
  const docs = corpus(500, 7);
  const md = new MarkdownIt();
  const time = (f) => {
    const start = process.hrtime.bigint();
    for (const d of docs) f(d);
    return Number(process.hrtime.bigint() - start) / 1e6;
  };
  for (let i = 0; i < 3; i++) time((d) => md.parse(d, {})), time((d) => analyzeText(d, 'file:///bench.md'));
  const ours = [];
  const theirs = [];
  for (let i = 0; i < 15; i++) {
    theirs.push(time((d) => md.parse(d, {})));
    ours.push(time((d) => analyzeText(d, 'file:///bench.md')));
  }
  row('core', `analysis of 500 docs vs markdown-it parse (median)`, median(ours), median(theirs), '<= 1.0x (issue 6), <= 1.5x (issue 2)');
}

/** The CLI on N files against markdownlint-cli2 (default rules) on the same files. */
function benchCli(count) {
  const dir = mkdtempSync(join(tmpdir(), 'spec-delta-bench-'));
  try {
    const folder = join(dir, 'docs', 'spec-deltas');
    mkdirSync(folder, { recursive: true });
    corpus(count, 11).forEach((text, i) => writeFileSync(join(folder, `doc-${i}.md`), text));
    const ours = timed([process.execPath, join(process.cwd(), 'bin/spec-delta.js'), 'lint', '--format', 'json', 'docs'], dir);
    const cli2 = join(process.cwd(), 'node_modules/markdownlint-cli2/markdownlint-cli2-bin.mjs');
    const theirs = existsSync(cli2) ? timed([process.execPath, cli2, 'docs/**/*.md'], dir) : undefined;
    row('cli', `wall time, ${count} docs vs markdownlint-cli2`, ours.ms, theirs?.ms, '<= 0.10x');
    if (ours.maxRssKb !== undefined) row('cli', `peak memory, ${count} docs vs markdownlint-cli2`, ours.maxRssKb / 1024, theirs?.maxRssKb === undefined ? undefined : theirs.maxRssKb / 1024, 'linear growth', 'MB');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function timed(command, cwd) {
  const useTime = existsSync('/usr/bin/time');
  const argv = useTime ? ['/usr/bin/time', '-f', '%M', ...command] : command;
  const start = process.hrtime.bigint();
  const result = spawnSync(argv[0], argv.slice(1), { cwd, encoding: 'utf8', maxBuffer: 1 << 30 });
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  if (result.status !== 0 && result.status !== 1) throw new Error(`${command.join(' ')} failed: ${result.stderr}`);
  const maxRssKb = useTime ? Number(/(\d+)\s*$/.exec(result.stderr)?.[1]) : undefined;
  return { ms, maxRssKb };
}

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

