import { strict as assert } from 'node:assert';
import { after, before, test } from 'node:test';
import type { CodeAction, Diagnostic, Range, TextEdit } from 'vscode-languageserver-protocol';
import { TEMPLATE, withInvariant017, approvedWithId } from '../support/fixtures';
import { edit, cut, applyTextEdits } from '../support/textEdits';
import { positionOf } from '../support/positions';
import { TempWorkspace } from '../support/tempFolders';
import { startServer, stopServer } from '../support/servers';
import { LspClient } from '../support/lspClient';
import { apply, editsOf } from '../unit/codeActionEdits';
import { INSERT_MISSING_SECTIONS_COMMAND, InsertMissingSectionsRequest, type InsertMissingSectionsResult } from '$shared/protocol';

/**
 * Code actions over the wire: a quick fix and the disable comment as the server sends them and as
 * an editor applies them, and the Insert Missing Sections command. Every fix kind, applied and
 * compared whole, is test/unit/codeActions.test.ts.
 */

let workspace: TempWorkspace;
let client: LspClient;
let opened = 0;

before(async () => ({ workspace, client } = await startServer(withInvariant017())));
after(() => stopServer(workspace, client));

/** A clean approved spec delta with an id of its own, so that open documents never share one. */
function approved(): { text: string; id: string } {
  const id = `INVARIANT-${100 + opened}`;
  return { text: approvedWithId(id, "Checkout totals are computed in the order's currency"), id };
}

async function open(text: string): Promise<{ uri: string; diagnostics: Diagnostic[] }> {
  const uri = workspace.uri(`docs/spec-deltas/fix-${++opened}.md`);
  client.open(uri, text, 1);
  return { uri, diagnostics: await client.diagnostics(uri, 1) };
}

function codeActions(uri: string, range: Range, diagnostics: Diagnostic[], only?: string[]): Promise<CodeAction[]> {
  return client.request('textDocument/codeAction', { textDocument: { uri }, range, context: { diagnostics, ...(only ? { only } : {}) } });
}

test('an invalid Status: the quick fixes and the disable comment come without their fix data, and the comment silences it once applied', async () => {
  const { text: full } = approved();
  const text = edit(full, '**Status**: Approved', '**Status**: Aproved');
  const { uri, diagnostics } = await open(text);
  const line = positionOf(text, '**Status**').line;
  const [invalid] = diagnostics as [Diagnostic];
  assert.equal(invalid.code, 'SD006');
  const actions = await codeActions(uri, { start: { line, character: 14 }, end: { line, character: 14 } }, [invalid]);
  assert.deepEqual(
    actions.map((a) => a.title),
    ["Replace with 'Draft'", "Replace with 'Under Review'", "Replace with 'Approved'", "Replace with 'Rejected'", 'Disable SD006 for this line'],
  );
  // The fix data stays in the server: each action names the diagnostic as the editor has it.
  for (const action of actions) assert.deepEqual(action.diagnostics, [invalid]);
  assert.equal(apply(text, actions[2]!, uri, ['**Status**: Aproved']), full);

  const disabled = apply(text, actions[4]!, uri);
  const version = client.applyEdits(uri, editsOf(actions[4]!, uri));
  assert.equal(client.text(uri), disabled);
  assert.deepEqual(await client.diagnostics(uri, version), []);
});

/** The template with pieces cut out: two sections, a metadata field and (unless told) a subsection. */
function templateWithHoles(withoutRationale = true): string {
  const noValidation = cut(TEMPLATE, '## Validation', '## Review Checklist');
  const noReview = cut(noValidation, '## Review Checklist', '## Approval');
  const noRationale = withoutRationale ? cut(noReview, '### Rationale', '### Category') : noReview;
  return edit(noRationale, '**Severity**: Critical | High | Medium | Low\n', '');
}

test('the insertMissingSections command sends a versioned workspace/applyEdit and reports what it inserted', async () => {
  const text = templateWithHoles();
  const { uri } = await open(text);
  const version = client.change(uri, { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, '');
  await client.diagnostics(uri, version);
  const before = client.appliedEdits.length;
  // As the VS Code client sends it: the shared protocol's typed request and command name.
  const result = await client.request<InsertMissingSectionsResult | null>(InsertMissingSectionsRequest.method, {
    command: INSERT_MISSING_SECTIONS_COMMAND,
    arguments: [uri],
  });
  assert.equal(client.appliedEdits.length, before + 1);
  const request = client.appliedEdits.at(-1)!;
  assert.equal(request.label, 'Insert Missing Sections');
  const changes = request.edit.documentChanges!;
  assert.equal(changes.length, 1);
  const change = changes[0] as { textDocument: { uri: string; version: number }; edits: TextEdit[] };
  assert.deepEqual(change.textDocument, { uri, version: 2 });
  assert.deepEqual(result, { applied: true, inserted: change.edits.length });
  assert.equal(applyTextEdits(text, change.edits), TEMPLATE);

  // A complete document needs no edit; an unknown one is not applied.
  const complete = await open(TEMPLATE);
  assert.deepEqual(await client.request('workspace/executeCommand', { command: 'specDelta.server.insertMissingSections', arguments: [complete.uri] }), {
    applied: true,
    inserted: 0,
  });
  assert.deepEqual(
    await client.request('workspace/executeCommand', { command: 'specDelta.server.insertMissingSections', arguments: [workspace.uri('nowhere.md')] }),
    { applied: false, inserted: 0 },
  );
  assert.deepEqual(await client.request('workspace/executeCommand', { command: 'specDelta.server.insertMissingSections', arguments: [] }), {
    applied: false,
    inserted: 0,
  });
  assert.equal(client.appliedEdits.length, before + 1, 'no further workspace/applyEdit');
});

test('code actions for an unknown document are empty', async () => {
  const none = await codeActions(workspace.uri('nowhere.md'), { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, []);
  assert.deepEqual(none, []);
});
