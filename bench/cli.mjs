// CLI: `spec-delta lint` on N generated spec deltas against the linters a team would otherwise
// run on the same files: markdownlint-cli2 with its default rules, and @contextlint/cli set up
// with what it can check of the template (sections, their order, table columns, the checklist).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { corpus } from './corpus.mjs';
import { median } from './stats.mjs';

const root = process.cwd();
const cpus = availableParallelism();
const OURS = [process.execPath, join(root, 'bin/spec-delta.js'), 'lint', '--format', 'json', 'docs'];
// The catalogue reads its entries on lint's own pass, so it should cost what lint costs.
const CATALOG = [process.execPath, join(root, 'bin/spec-delta.js'), 'catalog', '--format', 'json', 'docs'];
const MARKDOWNLINT = [process.execPath, join(root, 'node_modules/markdownlint-cli2/markdownlint-cli2-bin.mjs'), 'docs/**/*.md'];
const CONTEXTLINT = [process.execPath, join(root, 'node_modules/@contextlint/cli/dist/index.js'), 'docs/**/*.md'];

/**
 * `repeats` runs of ours (the median is reported). markdownlint-cli2 runs as many times on 2,000
 * files, each within a second or two of one of ours, and the ratio is the median of those pairs'
 * ratios: this machine's speed moves by a third within minutes, so a single run of theirs against
 * a median of ours taken earlier judged the machine's drift as much as either linter. On 20,000
 * files it runs once (it takes minutes). `catalog` runs next to each of ours, before it and after
 * it in turn, its ratio the median of the pairs. contextlint runs once, on 20,000 files only with
 * `contextlint20k`.
 */
export function benchCli(row, core, { counts = [2000, 20000], repeats = 5, contextlint20k = false } = {}) {
  const timings = new Map();
  for (const count of counts) {
    const dir = mkdtempSync(join(tmpdir(), 'spec-delta-bench-'));
    try {
      const folder = join(dir, 'docs', 'spec-deltas');
      mkdirSync(folder, { recursive: true });
      corpus(count, 11).forEach((text, i) => writeFileSync(join(folder, `doc-${i}.md`), text));
      writeFileSync(join(dir, 'contextlint.config.json'), JSON.stringify(contextlintConfig(core), null, 2));
      // Ours as shipped (worker threads when there are enough files) and on one thread, interleaved.
      // The load average when the runs start decides whether ours starts workers (see lint.ts).
      const load = loadavg()[0];
      const runs = [];
      const singleRuns = [];
      const forcedRuns = [];
      const catalogRuns = [];
      const markdownlintRuns = [];
      const haveMarkdownlint = existsSync(MARKDOWNLINT[1]);
      for (let i = 0; i < repeats; i++) {
        // Lint and catalog side by side, each first in turn: with markdownlint-cli2's 15 s between
        // them, as before, the pair judged the machine's drift over those seconds as much as the
        // catalogue (two runs of the same lint, 15 s apart, differed by up to a seventh).
        if (i % 2 === 0) {
          runs.push(timed(OURS, dir));
          catalogRuns.push(timed(CATALOG, dir));
        } else {
          catalogRuns.push(timed(CATALOG, dir));
          runs.push(timed(OURS, dir));
        }
        if (haveMarkdownlint && (count <= 2000 || i === 0)) markdownlintRuns.push(timed(MARKDOWNLINT, dir));
        singleRuns.push(timed(OURS, dir, { SPEC_DELTA_WORKERS: '0' }));
        forcedRuns.push(timed(OURS, dir, { SPEC_DELTA_WORKERS: String(cpus - 1) }));
      }
      /** The median of the ratios of runs made one after the other, or of the medians when there is one run of the baseline. */
      const pairedRatio = (mine, theirs) =>
        theirs.length === mine.length ? median(mine.map((r, i) => r.ms / theirs[i].ms)) : median(mine.map((r) => r.ms)) / median(theirs.map((r) => r.ms));
      const summary = (list) => ({ ms: median(list.map((r) => r.ms)), rssMb: median(list.map((r) => r.rssMb)) });
      const ours = summary(runs);
      const single = summary(singleRuns);
      const forced = summary(forcedRuns);
      const markdownlint = markdownlintRuns.length > 0 ? summary(markdownlintRuns) : undefined;
      const versusMarkdownlint = markdownlint ? pairedRatio(runs, markdownlintRuns) : undefined;
      timings.set(count, { ours, markdownlint });
      const n = count.toLocaleString('en-US');
      // The targets are set for 2,000 files and more; below that, starting Node is most of our time.
      const judged = count >= 2000;
      row({
        area: 'cli',
        measure: `wall time, ${n} docs vs markdownlint-cli2`,
        ours: ours.ms,
        baseline: markdownlint?.ms,
        ratio: versusMarkdownlint,
        target: judged ? '<= 0.05x' : '',
        met: judged && versusMarkdownlint !== undefined ? versusMarkdownlint <= 0.05 : undefined,
        note: markdownlintRuns.length > 1 ? `median of ${markdownlintRuns.length} paired runs' ratios (${versusMarkdownlint.toFixed(3)}x)` : undefined,
      });
      row({ area: 'cli', measure: `peak memory, ${n} docs vs markdownlint-cli2`, ours: ours.rssMb, baseline: markdownlint?.rssMb, unit: 'MB', target: '' });
      row({
        area: 'cli',
        measure: `wall time, ${n} docs, as shipped vs one thread`,
        ours: ours.ms,
        baseline: single.ms,
        target: '',
        note: `load average ${load.toFixed(1)} on ${cpus} cores at the start`,
      });
      row({
        area: 'cli',
        measure: `wall time, ${n} docs, ${cpus - 1} worker(s) forced vs one thread`,
        ours: forced.ms,
        baseline: single.ms,
        target: '',
        note: `SPEC_DELTA_WORKERS=${cpus - 1} vs 0`,
      });
      row({
        area: 'cli',
        measure: `peak memory, ${n} docs, ${cpus - 1} worker(s) forced vs one thread`,
        ours: forced.rssMb,
        baseline: single.rssMb,
        unit: 'MB',
        target: '',
      });
      const catalog = summary(catalogRuns);
      const versusLint = pairedRatio(catalogRuns, runs);
      row({
        area: 'cli',
        measure: `catalog wall time, ${n} docs vs lint`,
        ours: catalog.ms,
        baseline: ours.ms,
        ratio: versusLint,
        target: judged ? '<= 1.10x' : '',
        met: judged ? versusLint <= 1.1 : undefined,
        note: `median of ${repeats} paired runs' ratios (${versusLint.toFixed(3)}x)`,
      });
      row({ area: 'cli', measure: `catalog peak memory, ${n} docs vs lint`, ours: catalog.rssMb, baseline: ours.rssMb, unit: 'MB', target: '' });
      if (!existsSync(CONTEXTLINT[1])) {
        row({ area: 'cli', measure: `@contextlint/cli, ${n} docs`, note: 'not installed (npm install)' });
      } else if (count > 2000 && !contextlint20k) {
        row({ area: 'cli', measure: `@contextlint/cli, ${n} docs`, note: 'skipped: it takes about as long as markdownlint-cli2 (--full runs it)' });
      } else {
        const contextlint = timed(CONTEXTLINT, dir);
        row({
          area: 'cli',
          measure: `wall time, ${n} docs vs @contextlint/cli`,
          ours: ours.ms,
          baseline: contextlint.ms,
          target: judged ? '<= 0.10x' : '',
          met: judged ? ours.ms / contextlint.ms <= 0.1 : undefined,
        });
        row({ area: 'cli', measure: `peak memory, ${n} docs vs @contextlint/cli`, ours: ours.rssMb, baseline: contextlint.rssMb, unit: 'MB', target: '' });
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
  const [small, large] = counts;
  if (timings.has(small) && timings.has(large)) {
    const factor = large / small;
    const a = timings.get(small);
    const b = timings.get(large);
    const growth = b.ours.ms / a.ours.ms;
    const theirs = a.markdownlint && b.markdownlint ? b.markdownlint.ms / a.markdownlint.ms : undefined;
    row({
      area: 'cli',
      measure: `time growth ${small / 1000}k -> ${large / 1000}k docs (linear = ${factor.toFixed(1)})`,
      ours: growth,
      baseline: theirs,
      unit: 'x',
      noRatio: true,
      target: `<= ${factor.toFixed(1)} (linear)`,
      met: growth <= factor * 1.1,
    });
    row({
      area: 'cli',
      measure: `memory growth ${small / 1000}k -> ${large / 1000}k docs`,
      ours: b.ours.rssMb / a.ours.rssMb,
      baseline: a.markdownlint && b.markdownlint ? b.markdownlint.rssMb / a.markdownlint.rssMb : undefined,
      unit: 'x',
      noRatio: true,
      target: '',
    });
  }
}

/**
 * What contextlint can check of a spec delta, written from the template definition: every
 * section and subsection present, the sections in order, the timeline's and the approval table's
 * columns, and a fully checked Review Checklist. It has no notion of field values, placeholders,
 * dates, ids or the status-aware severity.
 */
function contextlintConfig({ SECTIONS, TIMELINE_TABLE, APPROVAL_TABLE }) {
  return {
    include: ['docs/**/*.md'],
    rules: [
      { rule: 'sec001', options: { sections: SECTIONS.flatMap((s) => [s.name, ...s.subsections.map((sub) => sub.name)]) } },
      { rule: 'sec002', options: { order: SECTIONS.map((s) => s.name), level: 2 } },
      { rule: 'tbl001', options: { requiredColumns: TIMELINE_TABLE.columns.map((c) => c.name), section: 'Timeline' } },
      { rule: 'tbl001', options: { requiredColumns: APPROVAL_TABLE.columns.map((c) => c.name), section: 'Approval' } },
      { rule: 'chk001', options: { section: 'Review Checklist' } },
    ],
  };
}

/** Wall time and peak resident memory (GNU time's maximum RSS) of one run. */
function timed(command, cwd, env = {}) {
  const useTime = existsSync('/usr/bin/time');
  const argv = useTime ? ['/usr/bin/time', '-f', '%M', ...command] : command;
  const start = process.hrtime.bigint();
  const result = spawnSync(argv[0], argv.slice(1), { cwd, encoding: 'utf8', maxBuffer: 1 << 30, env: { ...process.env, ...env } });
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  if (result.status !== 0 && result.status !== 1) throw new Error(`${command.join(' ')} failed (${result.status}): ${result.stderr.slice(-2000)}`);
  const rssKb = useTime ? Number(/(\d+)\s*$/.exec(result.stderr)?.[1]) : NaN;
  return { ms, rssMb: rssKb / 1024 };
}
