// The benchmark's table: one row per measure, ours beside the baseline and their ratio.
// A row: { area, measure, ours, baseline?, ratio?, unit = 'ms', target?, met?, note?, noRatio? }.

const WIDTHS = { area: 10, measure: 62, value: 11, ratio: 7 };

export function header() {
  return `${'area'.padEnd(WIDTHS.area)} ${'measure'.padEnd(WIDTHS.measure)} ${'ours'.padStart(WIDTHS.value)} ${'baseline'.padStart(WIDTHS.value)} ${'ratio'.padStart(WIDTHS.ratio)}  target`;
}

export function formatRow(r) {
  const cells = cellsOf(r);
  return `${r.area.padEnd(WIDTHS.area)} ${r.measure.padEnd(WIDTHS.measure)} ${cells.ours.padStart(WIDTHS.value)} ${cells.baseline.padStart(WIDTHS.value)} ${cells.ratio.padStart(WIDTHS.ratio)}  ${cells.target}`;
}

export function markdownTable(rows) {
  const lines = ['| area | measure | ours | baseline | ratio | target |', '|---|---|--:|--:|--:|---|'];
  for (const r of rows) {
    const c = cellsOf(r);
    lines.push(`| ${r.area} | ${r.measure} | ${c.ours} | ${c.baseline} | ${c.ratio} | ${c.target.replace(/\|/g, '\\|')} |`);
  }
  return lines.join('\n');
}

function cellsOf(r) {
  const unit = r.unit ?? 'ms';
  const hasOurs = typeof r.ours === 'number';
  const hasBaseline = typeof r.baseline === 'number' && Number.isFinite(r.baseline);
  // A row may carry its ratio (the median of several runs' ratios); otherwise it is ours / baseline.
  const value = r.noRatio ? undefined : (r.ratio ?? (hasOurs && hasBaseline && r.baseline > 0 ? r.ours / r.baseline : undefined));
  const ratio = value === undefined ? '' : `${value.toFixed(2)}x`;
  const verdict = r.met === true ? '  ok' : r.met === false ? '  MISSED' : '';
  const target = [r.target, r.note].filter(Boolean).join('; ') + verdict;
  return { ours: hasOurs ? fmt(r.ours, unit) : '', baseline: hasBaseline ? fmt(r.baseline, unit) : '', ratio, target };
}

function fmt(value, unit) {
  if (!Number.isFinite(value)) return 'n/a';
  if (unit === 'count') return String(value);
  if (unit === 'x') return `${value.toFixed(2)}x`;
  if (unit === 'ms' && value >= 10000) return `${(value / 1000).toFixed(1)} s`;
  return `${value.toFixed(1)} ${unit}`;
}
