import { strict as assert } from 'node:assert';
import { after, before, test } from 'node:test';
import type { Position, TextEdit } from 'vscode-languageserver-protocol';
import type { DocumentStatus } from '$shared/protocol';
import { APPROVED, withInvariant017 } from '../support/fixtures';
import { edit } from '../support/textEdits';
import { positionAt, positionAfter, positionOf } from '../support/positions';
import { brief } from '../support/diagnostics';
import { TempWorkspace } from '../support/tempFolders';
import { startServer, stopServer } from '../support/servers';
import { LspClient, delay } from '../support/lspClient';

/**
 * SPEC section 5: diagnostics follow typing. Only the newest version is analysed, no published
 * version is ever older than one already published, and after any burst of edits the diagnostics
 * equal those of opening the final text fresh.
 */

let workspace: TempWorkspace;
let client: LspClient;

before(async () => ({ workspace, client } = await startServer(withInvariant017())));
after(() => stopServer(workspace, client));

/** Single-character edits that type `text` at `at`, one keystroke each (newlines included). */
function typing(at: Position, text: string): TextEdit[] {
  const edits: TextEdit[] = [];
  let { line, character } = at;
  for (const c of text) {
    edits.push({ range: { start: { line, character }, end: { line, character } }, newText: c });
    if (c === '\n') {
      line++;
      character = 0;
    } else character += c.length;
  }
  return edits;
}

/** Backspace `count` times from `at` (within one line). */
function backspaces(at: Position, count: number): TextEdit[] {
  const edits: TextEdit[] = [];
  for (let i = 0; i < count; i++) {
    const end = at.character - i;
    edits.push({ range: { start: { line: at.line, character: end - 1 }, end: { line: at.line, character: end } }, newText: '' });
  }
  return edits;
}

/** The versions published for a uri never go down. */
function assertMonotonic(uri: string): number[] {
  const versions = client.published.filter((p) => p.uri === uri).map((p) => p.version);
  assert.ok(
    versions.every((v) => typeof v === 'number'),
    'every publication carries its version',
  );
  for (let i = 1; i < versions.length; i++) assert.ok(versions[i]! >= versions[i - 1]!, `versions never decrease: ${versions.join(',')}`);
  return versions as number[];
}

/** Opens `text` in a server that has never seen the document, with the same workspace on disk. */
async function freshDiagnostics(uri: string, text: string) {
  const fresh = await new LspClient().start([workspace.folder]);
  try {
    fresh.open(uri, text, 1);
    return await fresh.diagnostics(uri, 1);
  } finally {
    await fresh.stop();
  }
}

test('200 keystrokes sent without waiting: the newest version is published last and equals a fresh open', async () => {
  const uri = workspace.uri('docs/spec-deltas/typing.md');
  client.open(uri, APPROVED, 1);
  await client.diagnostics(uri, 1);

  const edits: TextEdit[] = [];
  // Status: Approved -> Under Review, one key at a time (Draft-like states come and go on the way).
  const statusEnd = positionAfter(APPROVED, '**Status**: Approved');
  edits.push(...backspaces(statusEnd, 8), ...typing({ line: statusEnd.line, character: statusEnd.character - 8 }, 'Under Review'));
  // The title's id 042 -> 043: the workspace's set of defined ids changes in the middle of the burst.
  const idEnd = positionAfter(APPROVED, '# Spec Delta: INVARIANT-042');
  edits.push(...backspaces(idEnd, 1), ...typing({ line: idEnd.line, character: idEnd.character - 1 }, '3'));
  // The rule statement's MUST -> SHOULD.
  const modalEnd = positionAfter(APPROVED, 'CheckoutService MUST');
  edits.push(...backspaces(modalEnd, 4), ...typing({ line: modalEnd.line, character: modalEnd.character - 4 }, 'SHOULD'));
  // A new paragraph typed under Technical Root Cause, with a typo corrected on the way.
  const cause = positionAfter(APPROVED, "the shop currency instead of the order's.");
  const paragraph = '\nA second pricing path (gift cards) had the same flaw but was not deployd';
  edits.push(...typing(cause, paragraph));
  const typoEnd = { line: cause.line + 1, character: paragraph.length - 1 };
  edits.push(...backspaces(typoEnd, 1), ...typing({ line: typoEnd.line, character: typoEnd.character - 1 }, 'ed.'));
  const rest = '\nIt refers to INVARIANT-017 and to INVARIANT-999, which nobody defines; tests lacked EUR cases.';
  const typedRest = rest.slice(0, 200 - edits.length);
  edits.push(...typing({ line: typoEnd.line, character: typoEnd.character + 2 }, typedRest));
  assert.equal(edits.length, 200);

  let version = 1;
  for (const e of edits) version = client.change(uri, e.range, e.newText);
  assert.equal(version, 201);

  const expectedText = edit(
    APPROVED.replace('**Status**: Approved', '**Status**: Under Review')
      .replace('# Spec Delta: INVARIANT-042', '# Spec Delta: INVARIANT-043')
      .replace('CheckoutService MUST', 'CheckoutService SHOULD'),
    "the shop currency instead of the order's.",
    "the shop currency instead of the order's.\nA second pricing path (gift cards) had the same flaw but was not deployed." + typedRest,
  );
  assert.equal(client.text(uri), expectedText, 'the client applied the keystrokes as intended');

  const final = await client.diagnostics(uri, 201);
  // A stale publication, if the server sent one, would come after this point: give it the chance.
  await client.request('specDelta/documentStatus', { uri });
  await delay(50);
  const versions = assertMonotonic(uri);
  assert.equal(versions.at(-1), 201, 'the newest version is the last one published');
  assert.deepEqual(client.lastPublished(uri)?.diagnostics, final);
  // The status panel follows the same versions: never backwards, the newest last, same problems.
  const statuses = client.notifications
    .filter((n) => n.method === 'specDelta/documentStatusChanged')
    .map((n) => n.params as DocumentStatus)
    .filter((p) => p.uri === uri);
  assert.deepEqual(
    statuses.map((p) => p.version),
    [...statuses.map((p) => p.version)].sort((a, b) => a - b),
  );
  assert.equal(statuses.at(-1)?.version, 201);
  assert.deepEqual(statuses.at(-1)?.problems, final);
  assert.equal(statuses.at(-1)?.status, 'Under Review');

  const unknown = positionOf(expectedText, 'INVARIANT-999');
  const section = positionOf(expectedText, '`INVARIANT-042`').line;
  const modal = positionOf(expectedText, 'SHOULD').line;
  assert.deepEqual(brief(final), [
    // Information: nobody defines INVARIANT-999 (INVARIANT-017 is on disk).
    `SD403 ${unknown.line}:${unknown.character}-${unknown.line}:${unknown.character + 13} 3`,
    // The Invariant ID section still says 042.
    `SD010 ${section}:1-${section}:14 1`,
    `SD303 ${modal}:16-${modal}:22 2`,
  ]);
  assert.deepEqual(final, await freshDiagnostics(uri, expectedText), 'the same diagnostics as opening the final text fresh');
});

test('a multi-cursor change (several ranges in one didChange) ends where a fresh open does', async () => {
  const uri = workspace.uri('docs/spec-deltas/multi.md');
  const start = APPROVED.replace('INVARIANT-042', 'INVARIANT-070').replace('`INVARIANT-042`', '`INVARIANT-070`');
  client.open(uri, start, 1);
  await client.diagnostics(uri, 1);
  // Later ranges first, as editors send them, so that earlier ones stay valid.
  const severity = positionAfter(start, '**Severity**: High');
  const date = positionAfter(start, '**Date**: 2026-03-14');
  const version = client.changeMany(uri, [
    { range: { start: { line: severity.line, character: severity.character - 4 }, end: severity }, newText: 'Huge' },
    { range: { start: { line: date.line, character: date.character - 2 }, end: date }, newText: '32' },
    { range: { start: positionAt(start, 0), end: positionAt(start, 0) }, newText: '<!-- edited -->\n' },
  ]);
  const final = await client.diagnostics(uri, version);
  const text = client.text(uri);
  assert.ok(text.startsWith('<!-- edited -->\n# Spec Delta: INVARIANT-070'));
  assert.deepEqual(brief(final), [
    `SD007 ${positionOf(text, '**Date**').line}:10-${positionOf(text, '**Date**').line}:20 1`,
    `SD006 ${positionOf(text, '**Severity**').line}:14-${positionOf(text, '**Severity**').line}:18 1`,
  ]);
  assert.deepEqual(final, await freshDiagnostics(uri, text));
  assertMonotonic(uri);
});

test('closing and reopening a document starts its versions again', async () => {
  const uri = workspace.uri('docs/spec-deltas/reopened.md');
  const text = APPROVED.replace('INVARIANT-042', 'INVARIANT-071').replace('`INVARIANT-042`', '`INVARIANT-071`');
  client.open(uri, text, 5);
  assert.deepEqual(await client.diagnostics(uri, 5), []);
  client.close(uri);
  await client.nextDiagnostics(uri, (d) => d.length === 0);
  client.open(uri, text.replace('**Severity**: High', '**Severity**: Hihg'), 1);
  const reopened = await client.diagnostics(uri, 1);
  assert.deepEqual(brief(reopened), [`SD006 ${positionOf(text, '**Severity**').line}:14-${positionOf(text, '**Severity**').line}:18 1`]);
});
