import { CATEGORY_GROUP, countedStatus, ENFORCEMENT_GROUP, isValidDate, SEVERITY_VALUES, STATUS_VALUES } from '$core';
import type { WorkspaceCatalog, WorkspaceCatalogEntry } from '$shared/protocol';

/**
 * What the Dashboard shows, computed from the server's catalogue alone: counts per dimension and
 * the lists that need action. Pure, so that the unit tests check the numbers the charts draw.
 */

export interface Count {
  readonly label: string;
  readonly count: number;
}

export interface Chart {
  readonly key: 'status' | 'severity' | 'category' | 'enforcement';
  readonly title: string;
  readonly counts: readonly Count[];
}

export interface ActionItem {
  readonly uri: string;
  readonly id: string | null;
  readonly title: string | null;
  readonly file: string;
  /** Why it is in the list: `Draft since 2026-01-02 (45 days)`, `3 errors`. */
  readonly detail: string;
}

export interface ActionList {
  readonly key: 'approvedWithoutPr' | 'hardBlockPending' | 'stale' | 'errors';
  readonly title: string;
  readonly empty: string;
  readonly items: readonly ActionItem[];
}

export interface DashboardModel {
  readonly total: number;
  readonly charts: readonly Chart[];
  readonly actions: readonly ActionList[];
}

const NOT_SET = 'Not set';
const PENDING = new Set(['Draft', 'Under Review']);

/** `today` is YYYY-MM-DD (the user's local day); `staleDays` the setting `specDelta.dashboard.staleDays`. */
export function dashboardModel(catalog: WorkspaceCatalog, today: string, staleDays: number): DashboardModel {
  const entries = catalog.invariants;
  const charts: Chart[] = [
    {
      key: 'status',
      title: 'Status',
      counts: countBy(
        entries,
        (e) => [e.status],
        STATUS_VALUES.map((v) => v.value),
      ),
    },
    {
      key: 'severity',
      title: 'Severity',
      counts: countBy(
        entries,
        (e) => [e.severity],
        SEVERITY_VALUES.map((v) => v.value),
      ),
    },
    {
      key: 'category',
      title: 'Category',
      counts: countBy(
        entries,
        (e) => e.categories,
        CATEGORY_GROUP.items.filter((i) => !i.other).map((i) => i.label),
      ),
    },
    {
      key: 'enforcement',
      title: 'Enforcement Level',
      counts: countBy(
        entries,
        (e) => [e.enforcement],
        ENFORCEMENT_GROUP.items.map((i) => i.label),
      ),
    },
  ];
  const item = (e: WorkspaceCatalogEntry, detail: string): ActionItem => ({ uri: e.uri, id: e.id, title: e.title, file: e.file, detail });
  const countsAs = (e: WorkspaceCatalogEntry): string => countedStatus(e.status);
  const stale = entries.flatMap((e) => {
    if (!PENDING.has(countsAs(e)) || e.date === null || !isValidDate(e.date)) return [];
    const age = daysBetween(e.date, today);
    return age > staleDays ? [item(e, `${countsAs(e)} since ${e.date} (${age} days)`)] : [];
  });
  const actions: ActionList[] = [
    {
      key: 'approvedWithoutPr',
      title: 'Approved without an Implementation PR',
      empty: 'Every Approved invariant links its implementation.',
      items: entries.filter((e) => e.status === 'Approved' && e.implementationPr === null).map((e) => item(e, 'no link under Implementation PR')),
    },
    {
      key: 'hardBlockPending',
      title: 'Hard Block still in Draft or Under Review',
      empty: 'No Hard Block invariant is waiting.',
      items: entries.filter((e) => e.enforcement === 'Hard Block' && PENDING.has(countsAs(e))).map((e) => item(e, countsAs(e))),
    },
    {
      key: 'stale',
      title: `Drafts and reviews older than ${staleDays} days`,
      empty: `Nothing in Draft or Under Review for more than ${staleDays} days.`,
      items: stale,
    },
    {
      key: 'errors',
      title: 'Spec deltas with Errors',
      empty: 'No spec delta has an Error.',
      items: entries.filter((e) => e.problems.errors > 0).map((e) => item(e, `${e.problems.errors} error${e.problems.errors === 1 ? '' : 's'}`)),
    },
  ];
  return { total: entries.length, charts, actions };
}

/**
 * Counts per value: the template's values first in its order (zero counts kept, so that a
 * chart keeps its shape), then other values as written, then Not set.
 */
function countBy(
  entries: readonly WorkspaceCatalogEntry[],
  values: (e: WorkspaceCatalogEntry) => readonly (string | null)[],
  known: readonly string[],
): Count[] {
  const counts = new Map<string, number>(known.map((k) => [k, 0]));
  let unset = 0;
  for (const entry of entries) {
    const written = values(entry).filter((v): v is string => v !== null);
    if (written.length === 0) unset++;
    for (const value of new Set(written)) counts.set(value, (counts.get(value) ?? 0) + 1);
  }
  const others = [...counts.keys()].filter((k) => !known.includes(k)).sort();
  const result = [...known, ...others].map((label) => ({ label, count: counts.get(label)! }));
  return unset > 0 ? [...result, { label: NOT_SET, count: unset }] : result;
}

function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}
