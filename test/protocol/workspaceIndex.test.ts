import { strict as assert } from 'node:assert';
import { after, before, test } from 'node:test';
import type { Diagnostic, Hover } from 'vscode-languageserver-protocol';
import type { DocumentStatus, WorkspaceEntry } from '$shared/protocol';
import { readRepoFile } from '../support/repo';
import { APPROVED, approvedWithId } from '../support/fixtures';
import { positionOf } from '../support/positions';
import { brief } from '../support/diagnostics';
import { TempWorkspace } from '../support/tempFolders';
import { LspClient, delay } from '../support/lspClient';

/**
 * The workspace index kept live from disk: files created, changed and deleted (with
 * workspace/didChangeWatchedFiles), `.spec-delta.json` changes, and the custom requests.
 * The tests run in order: each starts from the state the one before left.
 */

const INVARIANT_017 = readRepoFile('examples/INVARIANT-017-order-total-equals-line-items.md');
const CREATED = 1;
const CHANGED = 2;
const DELETED = 3;

let workspace: TempWorkspace;
let client: LspClient;
let open: string;

before(async () => {
  workspace = new TempWorkspace({
    'docs/spec-deltas/INVARIANT-017-order-totals.md': INVARIANT_017,
    'docs/spec-deltas/INVARIANT-042-checkout.md': APPROVED,
    'docs/spec-deltas/INVARIANT-042-refunds.md': approvedWithId('INVARIANT-042', 'Refunds are paid in the original currency'),
    'node_modules/pkg/INVARIANT-900.md': approvedWithId('INVARIANT-900', 'Never indexed'),
  });
  open = workspace.uri('docs/spec-deltas/INVARIANT-042-checkout.md');
  client = await new LspClient().start([workspace.folder]);
  client.open(open, APPROVED, 1);
});

after(async () => {
  await client.stop();
  workspace.dispose();
});

function filesChanged(...changes: [string, number][]): void {
  client.notify('workspace/didChangeWatchedFiles', { changes: changes.map(([uri, type]) => ({ uri, type })) });
}

const titleId = { start: { line: 0, character: 14 }, end: { line: 0, character: 27 } };
const hasCode = (code: string) => (d: Diagnostic[]) => d.some((x) => x.code === code);
const lacksCode = (code: string) => (d: Diagnostic[]) => !d.some((x) => x.code === code);
const reference017 = positionOf(APPROVED, 'INVARIANT-017 checks');

test('a second file defining the same id gives the open document SD012, pointing at the other file', async () => {
  const diagnostics = await client.diagnostics(open, 1);
  assert.deepEqual(brief(diagnostics), ['SD012 0:14-0:27 1']);
  const other = workspace.uri('docs/spec-deltas/INVARIANT-042-refunds.md');
  assert.deepEqual(diagnostics[0]!.relatedInformation, [{ location: { uri: other, range: titleId }, message: 'INVARIANT-042 is defined here too' }]);
  assert.match(diagnostics[0]!.message as string, /INVARIANT-042-refunds\.md/);
  // Hover on the duplicated id shows both definitions, in uri order.
  const hover = await client.request<Hover>('textDocument/hover', { textDocument: { uri: open }, position: { line: 0, character: 16 } });
  const statement = "```\nCheckoutService MUST compute every order total from line items in the order's currency WHEN an order is priced\n```";
  assert.deepEqual(hover.contents, {
    kind: 'markdown',
    value: [
      `**INVARIANT-042** Checkout totals are computed in the order's currency\n\nStatus: Approved · Severity: High\n\n${statement}`,
      `**INVARIANT-042** Refunds are paid in the original currency\n\nStatus: Approved · Severity: High\n\n${statement}`,
    ].join('\n\n---\n\n'),
  });
});

test('deleting the other file removes SD012 live; creating another brings it back; changing its id removes it again', async () => {
  filesChanged([workspace.remove('docs/spec-deltas/INVARIANT-042-refunds.md'), DELETED]);
  assert.deepEqual(await client.nextDiagnostics(open, lacksCode('SD012')), []);

  const created = workspace.write('docs/spec-deltas/more/INVARIANT-042-again.md', approvedWithId('INVARIANT-042', 'Again'));
  filesChanged([created, CREATED]);
  const duplicate = await client.nextDiagnostics(open, hasCode('SD012'));
  assert.deepEqual(brief(duplicate), ['SD012 0:14-0:27 1']);
  assert.deepEqual(duplicate[0]!.relatedInformation, [{ location: { uri: created, range: titleId }, message: 'INVARIANT-042 is defined here too' }]);

  workspace.write('docs/spec-deltas/more/INVARIANT-042-again.md', approvedWithId('INVARIANT-043', 'Again'));
  filesChanged([created, CHANGED]);
  assert.deepEqual(await client.nextDiagnostics(open, lacksCode('SD012')), []);
  // Every publication was for the one version the editor has.
  assert.ok(client.published.filter((p) => p.uri === open).every((p) => p.version === 1));
});

test('deleting the file that defines a referenced id adds SD403 on the reference; restoring it removes it', async () => {
  const defining = workspace.remove('docs/spec-deltas/INVARIANT-017-order-totals.md');
  filesChanged([defining, DELETED]);
  const unknown = await client.nextDiagnostics(open, hasCode('SD403'));
  assert.deepEqual(brief(unknown), [`SD403 ${reference017.line}:0-${reference017.line}:13 3`]);
  assert.equal(unknown[0]!.message, 'No spec delta in the workspace defines INVARIANT-017: check the number.');

  workspace.write('docs/spec-deltas/INVARIANT-017-order-totals.md', INVARIANT_017);
  filesChanged([defining, CREATED]);
  assert.deepEqual(await client.nextDiagnostics(open, lacksCode('SD403')), []);
});

test('a change on disk to a file that is open is ignored: the editor owns its text', async () => {
  workspace.write('docs/spec-deltas/INVARIANT-042-checkout.md', approvedWithId('INVARIANT-099', 'On disk only'));
  filesChanged([open, CHANGED]);
  assert.deepEqual(await client.request('specDelta/nextFreeId', {}), { id: 'INVARIANT-044' });
  workspace.write('docs/spec-deltas/INVARIANT-042-checkout.md', APPROVED);
});

test('.spec-delta.json changes take effect: a rule turned off, then made a warning, then the file removed', async () => {
  const defining = workspace.remove('docs/spec-deltas/INVARIANT-017-order-totals.md');
  filesChanged([defining, DELETED]);
  await client.nextDiagnostics(open, hasCode('SD403'));

  const config = workspace.write('.spec-delta.json', JSON.stringify({ rules: { 'unknown-reference': 'off' } }));
  filesChanged([config, CREATED]);
  assert.deepEqual(await client.nextDiagnostics(open, lacksCode('SD403')), []);

  workspace.write('.spec-delta.json', JSON.stringify({ rules: { SD403: 'warning' } }));
  filesChanged([config, CHANGED]);
  const warning = await client.nextDiagnostics(open, (d) => d.some((x) => x.code === 'SD403' && x.severity === 2));
  assert.deepEqual(brief(warning), [`SD403 ${reference017.line}:0-${reference017.line}:13 2`]);

  workspace.remove('.spec-delta.json');
  filesChanged([config, DELETED]);
  const information = await client.nextDiagnostics(open, (d) => d.some((x) => x.code === 'SD403' && x.severity === 3));
  assert.deepEqual(brief(information), [`SD403 ${reference017.line}:0-${reference017.line}:13 3`]);

  workspace.write('docs/spec-deltas/INVARIANT-017-order-totals.md', INVARIANT_017);
  filesChanged([defining, CREATED]);
  assert.deepEqual(await client.nextDiagnostics(open, lacksCode('SD403')), []);
});

test('a broken .spec-delta.json is reported once and the defaults apply until it is fixed', async () => {
  const config = workspace.write('.spec-delta.json', '{ "rules": ');
  const shown = client.shownMessages.length;
  filesChanged([config, CREATED]);
  await client.nextDiagnostics(open, () => true);
  const messages = client.shownMessages.slice(shown);
  assert.equal(messages.length, 1, 'said once, though every file is parsed again');
  assert.equal(messages[0]!.type, 1);
  assert.match(messages[0]!.message, /^Spec Delta: .*\.spec-delta\.json: not valid JSON .*\(using the default settings until it is fixed\)$/);
  assert.deepEqual(client.lastPublished(open)?.diagnostics, []);
  workspace.remove('.spec-delta.json');
  filesChanged([config, DELETED]);
  await client.nextDiagnostics(open, () => true);
});

test('specDelta/nextFreeId: the id after the highest defined one', async () => {
  assert.deepEqual(await client.request('specDelta/nextFreeId', {}), { id: 'INVARIANT-044' });
  const high = workspace.write('docs/spec-deltas/INVARIANT-120.md', approvedWithId('INVARIANT-120', 'High'));
  filesChanged([high, CREATED]);
  await client.nextDiagnostics(open, () => true);
  assert.deepEqual(await client.request('specDelta/nextFreeId', { uri: workspace.uri('') }), { id: 'INVARIANT-121' });
  filesChanged([workspace.remove('docs/spec-deltas/INVARIANT-120.md'), DELETED]);
  await client.nextDiagnostics(open, () => true);
  assert.deepEqual(await client.request('specDelta/nextFreeId', {}), { id: 'INVARIANT-044' });
});

/** The status of the approved example, as the status panel receives it. */
function approvedStatus(uri: string, version: number, problems: Diagnostic[]): DocumentStatus {
  const line = (needle: string): number => positionOf(APPROVED, needle).line;
  const h2 = (name: string) => ({ name, level: 2, state: 'done', line: line(`## ${name}\n`) });
  const h3 = (name: string) => ({ name, level: 3, state: 'done', line: line(`### ${name}\n`) });
  return {
    uri,
    version,
    isSpecDelta: true,
    id: 'INVARIANT-042',
    title: "Checkout totals are computed in the order's currency",
    status: 'Approved',
    writtenStatus: 'Approved',
    severity: 'High',
    sections: [
      h2('Failure Description'),
      h3('What Happened'),
      h3('Timeline'),
      h3('Impact'),
      h2('Root Cause Analysis'),
      h3('Technical Root Cause'),
      h3('Contributing Factors'),
      h3("Why Existing Invariants Didn't Catch This"),
      h2('Proposed Invariant'),
      h3('Invariant ID'),
      h3('Rule Statement'),
      h3('Rationale'),
      h3('Category'),
      h3('Enforcement Level'),
      h2('Validation'),
      h3('Retrospective Test'),
      h3('False Positive Analysis'),
      h3('Implementation Complexity'),
      h2('Review Checklist'),
      h2('Approval'),
      h2('Post-Approval'),
      h3('Implementation PR'),
      h3('Verification'),
      h3('Monitoring'),
    ] as DocumentStatus['sections'],
    completeness: { done: 19, total: 19 },
    categories: ['Critical Data Protection'],
    enforcement: ['Hard Block'],
    ruleStatement: {
      text: "CheckoutService MUST compute every order total from line items in the order's currency WHEN an order is priced",
      component: 'CheckoutService',
      modal: 'MUST',
      requirement: "compute every order total from line items in the order's currency",
      when: 'WHEN',
      condition: 'an order is priced',
    },
    checklist: { checked: 6, total: 6 },
    approvals: [
      { role: 'Author', name: 'Priya Raman', date: '2026-03-16', decision: 'Proposed' },
      { role: 'Tech Lead', name: 'Jonas Weber', date: '2026-03-18', decision: 'Approved' },
      { role: 'Platform Owner', name: 'Ama Mensah', date: '2026-03-19', decision: 'Approved' },
    ],
    problems,
  };
}

test('specDelta/documentStatus: the open document as the status panel shows it, problems included', async () => {
  assert.deepEqual(await client.request('specDelta/documentStatus', { uri: open }), approvedStatus(open, 1, []));
  // A Status typed in: the status follows the newest version, problems are its diagnostics.
  const statusLine = positionOf(APPROVED, '**Status**').line;
  const version = client.change(open, { start: { line: statusLine, character: 12 }, end: { line: statusLine, character: 20 } }, 'Done');
  const diagnostics = await client.diagnostics(open, version);
  assert.deepEqual(brief(diagnostics), [`SD006 ${statusLine}:12-${statusLine}:16 1`]);
  const status = await client.request<DocumentStatus>('specDelta/documentStatus', { uri: open });
  assert.equal(status.version, version);
  // An invalid Status counts as Draft, where Post-Approval is not expected yet.
  assert.equal(status.status, 'Draft');
  assert.deepEqual(status.problems, diagnostics);
  assert.deepEqual(status.sections.map((s) => s.name).slice(-1), ['Post-Approval']);
  const back = client.change(open, { start: { line: statusLine, character: 12 }, end: { line: statusLine, character: 16 } }, 'Approved');
  assert.deepEqual(await client.diagnostics(open, back), []);
});

test('specDelta/documentStatus of a closed file reads it from disk, afresh after it changes; unknown files give null', async () => {
  const uri = workspace.uri('docs/spec-deltas/closed.md');
  workspace.write('docs/spec-deltas/closed.md', approvedWithId('INVARIANT-060', 'Closed'));
  const first = await client.request<DocumentStatus>('specDelta/documentStatus', { uri });
  assert.equal(first.version, -1);
  assert.equal(first.id, 'INVARIANT-060');
  assert.deepEqual(first.problems, []);
  workspace.write('docs/spec-deltas/closed.md', approvedWithId('INVARIANT-061', 'Closed').replace('**Severity**: High', '**Severity**: Hgh'));
  const second = await client.request<DocumentStatus>('specDelta/documentStatus', { uri });
  assert.equal(second.id, 'INVARIANT-061');
  assert.equal(second.severity, 'Hgh');
  assert.deepEqual(brief(second.problems), ['SD006 5:14-5:17 1']);
  workspace.remove('docs/spec-deltas/closed.md');
  filesChanged([uri, DELETED]);
  assert.equal(await client.request('specDelta/documentStatus', { uri }), null);
  assert.equal(await client.request('specDelta/documentStatus', { uri: 'untitled:Untitled-1' }), null);
});

test('specDelta/workspaceStatus: every spec delta of the workspace by id, problem counts following the index', async () => {
  const entry = (relative: string, id: string, title: string, severity: string, problems = 0, errors = 0): WorkspaceEntry => ({
    uri: workspace.uri(relative),
    id,
    title,
    status: 'Approved',
    severity,
    problems,
    errors,
    completeness: { done: 19, total: 19 },
  });
  const expected = [
    entry('docs/spec-deltas/INVARIANT-017-order-totals.md', 'INVARIANT-017', 'Order totals equal the sum of their line items', 'Critical'),
    entry('docs/spec-deltas/INVARIANT-042-checkout.md', 'INVARIANT-042', "Checkout totals are computed in the order's currency", 'High'),
    entry('docs/spec-deltas/more/INVARIANT-042-again.md', 'INVARIANT-043', 'Again', 'High'),
  ];
  assert.deepEqual(await client.request('specDelta/workspaceStatus'), expected);

  // INVARIANT-017 goes away: the two files that cite it now have an SD403 each (information, no error).
  const defining = workspace.remove('docs/spec-deltas/INVARIANT-017-order-totals.md');
  filesChanged([defining, DELETED]);
  await client.nextDiagnostics(open, hasCode('SD403'));
  assert.deepEqual(await client.request('specDelta/workspaceStatus'), [
    entry('docs/spec-deltas/INVARIANT-042-checkout.md', 'INVARIANT-042', "Checkout totals are computed in the order's currency", 'High', 1, 0),
    entry('docs/spec-deltas/more/INVARIANT-042-again.md', 'INVARIANT-043', 'Again', 'High', 1, 0),
  ]);
  assert.ok(client.notifications.some((n) => n.method === 'specDelta/workspaceChanged'));
});

test('a client without workspace-folder support still gets its root indexed', async () => {
  const plain = new LspClient();
  try {
    await plain.initialize([workspace.folder], { textDocument: { publishDiagnostics: { versionSupport: true } } });
    const indexed = await plain.waitForLog(/Indexed \d+ Markdown files/);
    assert.match(indexed, /Indexed 2 Markdown files \(2 spec deltas\)/);
    assert.deepEqual(
      plain.logs.filter((l) => /Unhandled|Uncaught/.test(l)),
      [],
    );
    assert.deepEqual(await plain.request('specDelta/nextFreeId', {}), { id: 'INVARIANT-044' });
  } finally {
    await plain.stop();
  }
});

test('workspace folders added and removed while running are indexed and forgotten', async () => {
  // INVARIANT-017 is gone from the first folder (see above): a second folder brings it back.
  const second = new TempWorkspace({ 'INVARIANT-017.md': INVARIANT_017 });
  try {
    const folder = { uri: second.uri('').replace(/\/$/, ''), name: 'second' };
    client.notify('workspace/didChangeWorkspaceFolders', { event: { added: [folder], removed: [] } });
    assert.deepEqual(await client.nextDiagnostics(open, lacksCode('SD403')), []);
    client.notify('workspace/didChangeWorkspaceFolders', { event: { added: [], removed: [folder] } });
    assert.deepEqual(brief(await client.nextDiagnostics(open, hasCode('SD403'))), [`SD403 ${reference017.line}:0-${reference017.line}:13 3`]);
  } finally {
    second.dispose();
  }
});

test('a document closed and reopened at once keeps the editor text in the index, not the file on disk', async () => {
  const onDisk = workspace.write('docs/spec-deltas/reopened.md', approvedWithId('INVARIANT-500', 'On disk'));
  const unsaved = workspace.uri('docs/spec-deltas/unsaved.md');
  filesChanged([onDisk, CREATED]);
  client.open(onDisk, approvedWithId('INVARIANT-600', 'In the editor'), 1);
  client.open(unsaved, approvedWithId('INVARIANT-700', 'Never saved'), 1);
  await client.diagnostics(unsaved, 1);
  assert.deepEqual(await client.request('specDelta/nextFreeId', {}), { id: 'INVARIANT-701' });
  const notified = client.notifications.filter((n) => n.method === 'specDelta/workspaceChanged').length;
  for (const uri of [onDisk, unsaved]) {
    const text = client.text(uri);
    client.close(uri);
    client.open(uri, text, 1);
  }
  // The server reads a closed file back from disk; wait until it has told the tree about it.
  while (client.notifications.filter((n) => n.method === 'specDelta/workspaceChanged').length === notified) await delay(5);
  assert.deepEqual(await client.request('specDelta/nextFreeId', {}), { id: 'INVARIANT-701' });
  const definition = await client.request('textDocument/definition', { textDocument: { uri: onDisk }, position: { line: 0, character: 16 } });
  assert.deepEqual(definition, [{ uri: onDisk, range: titleId }]);
  client.close(onDisk);
  client.close(unsaved);
});
