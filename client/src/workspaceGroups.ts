import type { WorkspaceCatalogEntry, WorkspaceEntry } from '$shared/protocol';
import { CATEGORY_GROUP, countedStatus, ENFORCEMENT_GROUP, SEVERITY_VALUES } from '$core';

export type WorkspaceSort = 'id' | 'severity';
export type WorkspaceGroupBy = 'status' | 'category' | 'enforcement' | 'severity';
export const GROUP_BY_VALUES: readonly WorkspaceGroupBy[] = ['status', 'category', 'enforcement', 'severity'];

const STATUS_ORDER: readonly string[] = ['Under Review', 'Draft', 'Approved', 'Rejected'];
const SEVERITY_ORDER = SEVERITY_VALUES.map((v) => v.value);

/** Entries grouped by Status in a working order (what needs attention first), empty groups left out. */
function groupByStatus(entries: readonly WorkspaceEntry[]): [string, WorkspaceEntry[]][] {
  const groups = new Map<string, WorkspaceEntry[]>();
  for (const entry of entries) {
    const status = countedStatus(entry.status);
    const list = groups.get(status) ?? [];
    list.push(entry);
    groups.set(status, list);
  }
  return STATUS_ORDER.filter((s) => groups.has(s)).map((s) => [s, groups.get(s)!]);
}

/**
 * Entries grouped by another dimension of the catalogue: the template's values in its order,
 * other values as written, then the entries with none (`No category`). An entry with two
 * categories checked (an Error) stands in both groups.
 */
export function groupEntries(
  entries: readonly WorkspaceEntry[],
  by: WorkspaceGroupBy,
  catalog: ReadonlyMap<string, WorkspaceCatalogEntry>,
): [string, WorkspaceEntry[]][] {
  if (by === 'status') return groupByStatus(entries);
  const [known, none, valuesOf]: [readonly string[], string, (e: WorkspaceCatalogEntry | undefined) => readonly (string | null)[]] =
    by === 'category'
      ? [CATEGORY_GROUP.items.filter((i) => !i.other).map((i) => i.label), 'No category', (e) => e?.categories ?? []]
      : by === 'enforcement'
        ? [ENFORCEMENT_GROUP.items.map((i) => i.label), 'No enforcement level', (e) => [e?.enforcement ?? null]]
        : [SEVERITY_ORDER, 'No severity', (e) => [e?.severity ?? null]];
  const groups = new Map<string, WorkspaceEntry[]>();
  for (const entry of entries) {
    const values = [...new Set(valuesOf(catalog.get(entry.uri)).filter((v): v is string => v !== null))];
    for (const value of values.length ? values : [none]) groups.set(value, [...(groups.get(value) ?? []), entry]);
  }
  const others = [...groups.keys()].filter((k) => !known.includes(k) && k !== none).sort();
  return [...known, ...others, none].filter((k) => groups.has(k)).map((k) => [k, groups.get(k)!]);
}

export function sortEntries(entries: readonly WorkspaceEntry[], sort: WorkspaceSort): WorkspaceEntry[] {
  const byId = (a: WorkspaceEntry, b: WorkspaceEntry): number =>
    (a.id ?? '~').localeCompare(b.id ?? '~', undefined, { numeric: true }) || a.uri.localeCompare(b.uri);
  if (sort === 'id') return [...entries].sort(byId);
  const rank = (e: WorkspaceEntry): number => {
    const i = SEVERITY_ORDER.indexOf(e.severity);
    return i === -1 ? SEVERITY_ORDER.length : i;
  };
  return [...entries].sort((a, b) => rank(a) - rank(b) || byId(a, b));
}
