import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import type { ClientCapabilities, CodeAction, Diagnostic } from 'vscode-languageserver-protocol';
import { TEMPLATE, approvedWithId, withInvariant017 } from '../support/fixtures';
import { edit } from '../support/textEdits';
import { positionOf } from '../support/positions';
import { serversOfThisFile } from '../support/servers';
import { FULL_CAPABILITIES, LspClient } from '../support/lspClient';

/**
 * What an editor other than VS Code sees (eglot, Neovim, Helix...): only what it declared it
 * supports, the standard messages only, and messages of a reasonable size.
 */

const servers = serversOfThisFile(withInvariant017());
const workspace = servers.workspace;

/** A server of an editor that declares `capabilities` and, unless given, no initializationOptions. */
const started = (capabilities: ClientCapabilities, initializationOptions: unknown = null): Promise<LspClient> =>
  servers.started(capabilities, initializationOptions);

/** eglot 1.9 (Emacs 28): dynamic registration of watched files, not of configuration. */
const EGLOT_CAPABILITIES: ClientCapabilities = {
  workspace: { applyEdit: true, didChangeWatchedFiles: { dynamicRegistration: true }, workspaceEdit: { documentChanges: false } },
  textDocument: { publishDiagnostics: { relatedInformation: false }, completion: { completionItem: { snippetSupport: true } } },
};

test('a capability is registered dynamically only where the client declared dynamic registration for it', async () => {
  const eglot = await started(EGLOT_CAPABILITIES);
  assert.deepEqual(eglot.registrations, ['workspace/didChangeWatchedFiles']);
  const vscode = await started(FULL_CAPABILITIES, { notifications: true });
  assert.deepEqual(vscode.registrations.sort(), ['workspace/didChangeConfiguration', 'workspace/didChangeWatchedFiles']);
  const neither = await started({ workspace: { didChangeConfiguration: { dynamicRegistration: false } } });
  assert.deepEqual(neither.registrations, []);
});

test('the custom specDelta notifications go only to a client that asks for them in initializationOptions', async () => {
  const plain = await started(EGLOT_CAPABILITIES);
  const asking = await started(FULL_CAPABILITIES, { notifications: true });
  for (const client of [plain, asking]) {
    const uri = workspace.uri(`docs/spec-deltas/notified-${servers.clients.indexOf(client)}.md`);
    client.open(uri, TEMPLATE, 1);
    await client.diagnostics(uri, 1);
    const version = client.change(uri, { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, 'x');
    await client.diagnostics(uri, version);
  }
  // The workspace notification is sent after a short delay.
  await new Promise((resolve) => setTimeout(resolve, 300));
  const custom = (client: LspClient): string[] => [...new Set(client.notifications.map((n) => n.method).filter((m) => m.startsWith('specDelta/')))].sort();
  assert.deepEqual(custom(plain), []);
  assert.deepEqual(custom(asking), ['specDelta/documentStatusChanged', 'specDelta/workspaceChanged']);
});

test('published diagnostics carry no fix texts; the code actions still hold the fixes', async () => {
  const client = await started(EGLOT_CAPABILITIES);
  // Two sections missing: their fixes would insert whole sections.
  const approved = approvedWithId('INVARIANT-301', 'Refunds are idempotent');
  const text = approved.slice(0, approved.indexOf('## Validation')).replace('**Status**: Approved', '**Status**: Draft');
  const uri = workspace.uri('docs/spec-deltas/no-data.md');
  client.open(uri, text, 1);
  const diagnostics = await client.diagnostics(uri, 1);
  assert.ok(diagnostics.some((d) => d.code === 'SD001'));
  assert.deepEqual(
    diagnostics.filter((d) => d.data !== undefined),
    [],
  );
  const published = JSON.stringify(client.lastPublished(uri));
  assert.ok(published.length < 4000, `${published.length} characters published`);

  // The client sends back what it was given (without data): the fixes are computed for it.
  const missing = diagnostics.find((d) => d.code === 'SD001' && String(d.message).includes("'Validation'"))!;
  const actions = await client.request<CodeAction[]>('textDocument/codeAction', {
    textDocument: { uri },
    range: missing.range,
    context: { diagnostics: [missing] },
  });
  const insert = actions.find((a) => a.title.startsWith('Insert') && a.diagnostics?.length === 1);
  assert.ok(insert, JSON.stringify(actions.map((a) => a.title)));
  assert.ok(insert.edit!.changes![uri]![0]!.newText.startsWith('## Validation'), JSON.stringify(insert.edit));
  // The diagnostics an action names are sent as the client knows them, without the fix data.
  for (const action of actions) for (const d of action.diagnostics ?? []) assert.equal((d as Diagnostic).data, undefined, action.title);

  // A field's value fix too.
  const severity = positionOf(text, '**Severity**: High');
  const broken = edit(text, '**Severity**: High', '**Severity**: high');
  const version = client.change(uri, { start: { line: 0, character: 0 }, end: { line: 10_000, character: 0 } }, broken);
  const after = await client.diagnostics(uri, version);
  const invalid = after.find((d) => d.code === 'SD006' && d.range.start.line === severity.line)!;
  assert.equal(invalid.data, undefined);
  const fixes = await client.request<CodeAction[]>('textDocument/codeAction', {
    textDocument: { uri },
    range: invalid.range,
    context: { diagnostics: [invalid] },
  });
  assert.ok(
    fixes.some((a) => a.title === "Replace with 'High'" && a.edit!.changes![uri]![0]!.newText === 'High'),
    JSON.stringify(fixes.map((a) => a.title)),
  );
});

test('a real edit and an empty change in one write: the diagnostics of the final text are published', async () => {
  const client = await started(EGLOT_CAPABILITIES);
  const text = approvedWithId('INVARIANT-302', 'Payouts are reconciled daily');
  const uri = workspace.uri('docs/spec-deltas/empty-change.md');
  client.open(uri, text, 1);
  assert.deepEqual(await client.diagnostics(uri, 1), []);
  const status = positionOf(text, '**Status**: Approved');
  const range = { start: { line: status.line, character: 12 }, end: { line: status.line, character: 20 } };
  // LSP allows an empty contentChanges; VS Code filters such changes out, other clients send them.
  const frame = (body: object): string => {
    const json = JSON.stringify({ jsonrpc: '2.0', method: 'textDocument/didChange', params: body });
    return `Content-Length: ${Buffer.byteLength(json)}\r\n\r\n${json}`;
  };
  client.writeRaw(
    frame({ textDocument: { uri, version: 2 }, contentChanges: [{ range, text: 'Done' }] }) + frame({ textDocument: { uri, version: 3 }, contentChanges: [] }),
  );
  const diagnostics = await client.nextDiagnostics(uri, (d) => d.length > 0, undefined, 3000);
  assert.deepEqual(
    diagnostics.map((d) => `${d.code} ${d.range.start.line}:${d.range.start.character}`),
    [`SD006 ${status.line}:12`],
  );
});

test('a client that resolves code actions gets them without their edits, and each edit when it resolves the action', async () => {
  const resolving: ClientCapabilities = {
    ...FULL_CAPABILITIES,
    textDocument: { ...FULL_CAPABILITIES.textDocument, codeAction: { resolveSupport: { properties: ['edit'] }, dataSupport: true } },
  };
  const client = await started(resolving, { notifications: true });
  const plain = await started(EGLOT_CAPABILITIES);
  const approved = approvedWithId('INVARIANT-303', 'Invoices are numbered without gaps');
  const text = approved.slice(0, approved.indexOf('## Validation')).replace('**Status**: Approved', '**Status**: Draft');
  const uri = workspace.uri('docs/spec-deltas/resolve.md');
  const answers: CodeAction[][] = [];
  for (const c of [client, plain]) {
    c.open(uri, text, 1);
    const missing = (await c.diagnostics(uri, 1)).find((d) => d.code === 'SD001')!;
    answers.push(
      await c.request<CodeAction[]>('textDocument/codeAction', { textDocument: { uri }, range: missing.range, context: { diagnostics: [missing] } }),
    );
  }
  const [lazy, eager] = answers as [CodeAction[], CodeAction[]];
  assert.deepEqual(
    lazy.map((a) => a.title),
    eager.map((a) => a.title),
  );
  assert.deepEqual(
    lazy.filter((a) => a.edit !== undefined).map((a) => a.title),
    [],
  );
  assert.ok(JSON.stringify(lazy).length < 2000, `${JSON.stringify(lazy).length} characters for ${lazy.length} actions`);
  for (const [i, action] of lazy.entries()) {
    const resolved = await client.request<CodeAction>('codeAction/resolve', action);
    assert.deepEqual(resolved.edit, eager[i]!.edit, action.title);
  }
  // Once the document has changed the deferred edits' ranges may be wrong: none is given.
  const version = client.change(uri, { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, 'x');
  await client.diagnostics(uri, version);
  assert.equal((await client.request<CodeAction>('codeAction/resolve', lazy[0])).edit, undefined);
});
