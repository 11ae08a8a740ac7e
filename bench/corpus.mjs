// Deterministic corpus of realistic spec deltas for the benchmarks: the same seed gives the same
// documents on every machine. Documents are about 4 KB, like the examples, in every Status.
import { readFileSync } from 'node:fs';

const BASE = readFileSync(new URL('../examples/INVARIANT-042-checkout-totals-currency.md', import.meta.url), 'utf8');
const WORDS =
  'cache deploy checkout latency queue retry payment session token region shard replica index migration schema timeout budget alert rollback canary flag quota batch stream consumer producer lock lease ledger invoice refund currency rate limit'.split(
    ' ',
  );
const STATUSES = ['Draft', 'Under Review', 'Approved', 'Rejected'];
const SEVERITIES = ['Critical', 'High', 'Medium', 'Low'];

export function mulberry32(seed) {
  return () => {
    seed |= 0;
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function sentence(random, n) {
  const words = Array.from({ length: n }, () => WORDS[Math.floor(random() * WORDS.length)]);
  return words.join(' ').replace(/^./, (c) => c.toUpperCase()) + '.';
}

/** The i-th document of the corpus. */
export function document(i, random) {
  const id = `INVARIANT-${String(i + 100).padStart(4, '0')}`;
  const status = STATUSES[i % STATUSES.length];
  let text = BASE.replace('INVARIANT-017', 'INVARIANT-R17')
    .replace(/INVARIANT-042/g, id)
    .replace("Checkout totals are computed in the order's currency", `${sentence(random, 6).slice(0, -1)} stays consistent`)
    .replace('**Status**: Approved', `**Status**: ${status}`)
    .replace('**Severity**: High', `**Severity**: ${SEVERITIES[Math.floor(random() * 4)]}`)
    .replace('INVARIANT-R17', `INVARIANT-${String(100 + Math.floor(random() * (i + 1))).padStart(4, '0')}`);
  // Vary the prose so that no two documents are the same text.
  text = text.replace(/^(On 14 March.*)$/m, (line) => `${line} ${sentence(random, 12)}`);
  text = text.replace(/^(### Rationale\n)/m, `$1${sentence(random, 18)}\n`);
  return text;
}

export function corpus(count, seed = 42) {
  const random = mulberry32(seed);
  return Array.from({ length: count }, (_, i) => document(i, random));
}
