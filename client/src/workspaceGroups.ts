import type { WorkspaceEntry } from '../../server/src/protocol';
import { SEVERITY_VALUES, STATUS_VALUES } from '../../server/src/core/template';

export type WorkspaceSort = 'id' | 'severity';

const STATUS_ORDER: readonly string[] = ['Under Review', 'Draft', 'Approved', 'Rejected'];
const SEVERITY_ORDER = SEVERITY_VALUES.map((v) => v.value);

/** Entries grouped by Status in a working order (what needs attention first), empty groups left out. */
export function groupByStatus(entries: readonly WorkspaceEntry[]): [string, WorkspaceEntry[]][] {
  const known = new Set(STATUS_VALUES.map((v) => v.value));
  const groups = new Map<string, WorkspaceEntry[]>();
  for (const entry of entries) {
    const status = known.has(entry.status) ? entry.status : 'Draft';
    const list = groups.get(status) ?? [];
    list.push(entry);
    groups.set(status, list);
  }
  return STATUS_ORDER.filter((s) => groups.has(s)).map((s) => [s, groups.get(s)!]);
}

export function sortEntries(entries: readonly WorkspaceEntry[], sort: WorkspaceSort): WorkspaceEntry[] {
  const byId = (a: WorkspaceEntry, b: WorkspaceEntry): number => (a.id ?? '~').localeCompare(b.id ?? '~', undefined, { numeric: true }) || a.uri.localeCompare(b.uri);
  if (sort === 'id') return [...entries].sort(byId);
  const rank = (e: WorkspaceEntry): number => {
    const i = SEVERITY_ORDER.indexOf(e.severity);
    return i === -1 ? SEVERITY_ORDER.length : i;
  };
  return [...entries].sort((a, b) => rank(a) - rank(b) || byId(a, b));
}
