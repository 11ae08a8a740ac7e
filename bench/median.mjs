// Medians over several runs of the benchmark, as a Markdown table for docs/performance.md:
//   node bench/run.mjs && cp out/bench.json out/bench-1.json   (repeat)
//   node bench/median.mjs out/bench-*.json
// Ratios are the median of each run's own ratio (both sides measured under the same load).
import { readFileSync } from 'node:fs';
import { median } from './stats.mjs';
import { markdownTable } from './table.mjs';

const runs = process.argv.slice(2).map((file) => JSON.parse(readFileSync(file, 'utf8')));
if (runs.length === 0) {
  console.error('usage: node bench/median.mjs <bench.json>...');
  process.exit(2);
}
const byKey = new Map();
for (const run of runs) {
  for (const row of run.rows) {
    const key = `${row.area}\u0000${row.measure}`;
    if (!byKey.has(key)) byKey.set(key, []);
    byKey.get(key).push(row);
  }
}
const numbers = (rows, f) => rows.map(f).filter((v) => typeof v === 'number' && Number.isFinite(v));
const rows = [...byKey.values()].map((same) => {
  const first = same[0];
  const ours = numbers(same, (r) => r.ours);
  const baseline = numbers(same, (r) => r.baseline);
  const ratios = numbers(same, (r) => (typeof r.ours === 'number' && typeof r.baseline === 'number' && !r.noRatio ? r.ours / r.baseline : undefined));
  const judged = same.filter((r) => r.met !== undefined);
  const met = judged.filter((r) => r.met).length;
  return {
    ...first,
    ours: ours.length ? median(ours) : undefined,
    baseline: baseline.length ? median(baseline) : undefined,
    ratio: ratios.length ? median(ratios) : undefined,
    met: undefined,
    note: [
      first.note && same.every((r) => r.note === first.note) ? first.note : undefined,
      judged.length ? `met in ${met} of ${judged.length} runs` : undefined,
    ]
      .filter(Boolean)
      .join('; '),
  };
});
console.log(`${runs.length} runs: ${[...new Set(runs.map((r) => r.machine))].join('; ')}`);
console.log(markdownTable(rows));
