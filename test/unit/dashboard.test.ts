import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import { dashboardBody, dashboardPage, parseDashboardMessage } from '../../client/src/dashboardHtml';
import { dashboardModel, type DashboardModel } from '../../client/src/dashboardModel';
import { groupEntries } from '../../client/src/workspaceGroups';
import { run } from '../../server/src/cli/main';
import type { Catalog, WorkspaceCatalog, WorkspaceCatalogEntry, WorkspaceEntry } from '$shared/protocol';
import { ROOT } from '../support/repo';

/** The Dashboard's numbers and lists from the catalogue, its HTML (escaped, accessible), and the tree's groups. */

function examplesCatalog(): WorkspaceCatalog {
  let stdout = '';
  assert.equal(
    run(
      ['catalog', 'examples'],
      ROOT,
      (s) => (stdout += s),
      () => undefined,
    ),
    0,
  );
  const catalog = JSON.parse(stdout) as Catalog;
  return { version: 1, invariants: catalog.invariants.map((e) => ({ ...e, uri: `file:///ws/${e.file}` })) };
}

const counts = (model: DashboardModel) => Object.fromEntries(model.charts.map((c) => [c.key, Object.fromEntries(c.counts.map((n) => [n.label, n.count]))]));
const lists = (model: DashboardModel) => Object.fromEntries(model.actions.map((a) => [a.key, a.items.map((i) => `${i.id}: ${i.detail}`)]));

test('the Dashboard counts the bundled examples by Status, Severity, Category and Enforcement Level', () => {
  const model = dashboardModel(examplesCatalog(), '2026-06-15', 30);
  assert.equal(model.total, 5);
  assert.deepEqual(counts(model), {
    status: { Draft: 1, 'Under Review': 1, Approved: 2, Rejected: 1 },
    severity: { Critical: 1, High: 3, Medium: 1, Low: 0 },
    category: {
      'Critical Data Protection': 2,
      'Observability Requirements': 1,
      'Deployment Safety': 1,
      'Security Boundaries': 0,
      'Performance Guarantees': 1,
      'API Contracts': 0,
    },
    enforcement: { 'Hard Block': 3, 'Soft Warning': 1, 'Audit Only': 0, 'Not set': 1 },
  });
});

test('the action lists: Approved without a PR, Hard Block pending, stale drafts and reviews, Errors', () => {
  const catalog = examplesCatalog();
  assert.deepEqual(lists(dashboardModel(catalog, '2026-06-15', 30)), {
    approvedWithoutPr: [],
    hardBlockPending: ['INVARIANT-051: Under Review'],
    stale: ['INVARIANT-051: Under Review since 2026-04-07 (69 days)', 'INVARIANT-058: Draft since 2026-05-02 (44 days)'],
    errors: [],
  });
  // The threshold is the setting's: 44 days is not older than 44.
  assert.deepEqual(lists(dashboardModel(catalog, '2026-06-15', 44)).stale, ['INVARIANT-051: Under Review since 2026-04-07 (69 days)']);
  const changed: WorkspaceCatalogEntry[] = catalog.invariants.map((e) =>
    e.id === 'INVARIANT-042'
      ? { ...e, implementationPr: null }
      : e.id === 'INVARIANT-058'
        ? { ...e, status: 'Pending', enforcement: 'Hard Block', date: 'not a date', problems: { errors: 2, warnings: 0, information: 0 } }
        : e,
  );
  assert.deepEqual(lists(dashboardModel({ version: 1, invariants: changed }, '2026-06-15', 30)), {
    approvedWithoutPr: ['INVARIANT-042: no link under Implementation PR'],
    // An unknown Status counts as Draft, as everywhere else.
    hardBlockPending: ['INVARIANT-051: Under Review', 'INVARIANT-058: Draft'],
    stale: ['INVARIANT-051: Under Review since 2026-04-07 (69 days)'],
    errors: ['INVARIANT-058: 2 errors'],
  });
  assert.equal(counts(dashboardModel({ version: 1, invariants: changed }, '2026-06-15', 30)).status!.Pending, 1);
});

test('the Dashboard HTML escapes what documents wrote and reads the same numbers to a screen reader', () => {
  const hostile = '<img src=x onerror=alert(1)>';
  const catalog = examplesCatalog();
  const entries = catalog.invariants.map((e) =>
    e.id === 'INVARIANT-058' ? { ...e, title: hostile, categories: [`"><script>x</script>`], uri: 'file:///ws/a"b.md' } : e,
  );
  const html = dashboardBody(dashboardModel({ version: 1, invariants: entries }, '2026-06-15', 30));
  assert.doesNotMatch(html, /<img|<script/i);
  assert.match(html, /&#60;img src=x onerror=alert\(1\)&#62;/);
  assert.match(html, /data-uri="file:\/\/\/ws\/a&#34;b\.md"/);
  assert.match(html, /<svg role="img" aria-label="Status: Draft 1, Under Review 1, Approved 2, Rejected 1"/);
  assert.match(html, /<g class="row" data-label="Hard Block" data-count="3">/);
  assert.match(html, /<tr><th scope="row">Hard Block<\/th><td>3<\/td><\/tr>/);
  // Every entry of a list is a button: reachable with Tab, opened with Enter.
  assert.equal((html.match(/<button class="open" data-action="open"/g) ?? []).length, 3);
  const page = dashboardPage('NONCE', 'vscode-resource:');
  assert.match(page, /content="default-src 'none'; img-src vscode-resource:; style-src 'nonce-NONCE'; script-src 'nonce-NONCE';"/);
  assert.doesNotMatch(page, /https?:\/\//);
  assert.equal(parseDashboardMessage({ type: 'open', uri: 'file:///ws/a.md' })?.type, 'open');
  assert.equal(parseDashboardMessage({ type: 'open', uri: 42 }), undefined);
  assert.equal(parseDashboardMessage({ type: 'run', command: 'x' }), undefined);
});

test('the Workspace tree groups by Category, Enforcement Level or Severity, entries without one last', () => {
  const catalog = examplesCatalog();
  const byUri = new Map(catalog.invariants.map((e) => [e.uri, e]));
  const entries: WorkspaceEntry[] = catalog.invariants.map((e) => ({
    uri: e.uri,
    id: e.id ?? undefined,
    title: e.title ?? undefined,
    status: e.status ?? 'Draft',
    severity: e.severity ?? '',
    problems: 0,
    errors: 0,
    completeness: e.completeness,
  }));
  const shape = (groups: [string, WorkspaceEntry[]][]) => groups.map(([label, list]) => `${label}: ${list.map((e) => e.id).join(' ')}`);
  assert.deepEqual(shape(groupEntries(entries, 'category', byUri)), [
    'Critical Data Protection: INVARIANT-017 INVARIANT-042',
    'Observability Requirements: INVARIANT-058',
    'Deployment Safety: INVARIANT-051',
    'Performance Guarantees: INVARIANT-033',
  ]);
  assert.deepEqual(shape(groupEntries(entries, 'enforcement', byUri)), [
    'Hard Block: INVARIANT-017 INVARIANT-042 INVARIANT-051',
    'Soft Warning: INVARIANT-033',
    'No enforcement level: INVARIANT-058',
  ]);
  assert.deepEqual(shape(groupEntries(entries, 'severity', byUri)), [
    'Critical: INVARIANT-017',
    'High: INVARIANT-042 INVARIANT-051 INVARIANT-058',
    'Medium: INVARIANT-033',
  ]);
  assert.deepEqual(shape(groupEntries(entries, 'status', byUri)), [
    'Under Review: INVARIANT-051',
    'Draft: INVARIANT-058',
    'Approved: INVARIANT-017 INVARIANT-042',
    'Rejected: INVARIANT-033',
  ]);
});
