import { strict as assert } from 'node:assert';
import { after, before, test } from 'node:test';
import type { CodeAction, CompletionItem, Diagnostic, Hover, TextEdit, WorkspaceEdit } from 'vscode-languageserver-protocol';
import { TEMPLATE, withInvariant017, approvedWithId } from '../support/fixtures';
import { edit, cut, applyTextEdits } from '../support/textEdits';
import { positionAfter, positionOf } from '../support/positions';
import { brief } from '../support/diagnostics';
import { TempWorkspace } from '../support/tempFolders';
import { startServer, stopServer } from '../support/servers';
import { LspClient } from '../support/lspClient';

/**
 * SPEC section 5: bad input gives diagnostics or a clear message, never a crash, a hang or a
 * wrong range; requests about documents the server does not have answer empty; and the server
 * is still alive and answering at the end.
 */

let workspace: TempWorkspace;
let client: LspClient;
let opened = 0;

before(async () => ({ workspace, client } = await startServer(withInvariant017())));
after(() => stopServer(workspace, client));

/** A clean approved spec delta with its own id, so that open documents never share one. */
function approved(): string {
  return approvedWithId(`INVARIANT-${200 + opened}`, "Checkout totals are computed in the order's currency");
}

async function open(text: string, name = `doc-${opened + 1}.md`): Promise<{ uri: string; diagnostics: Diagnostic[] }> {
  opened++;
  const uri = workspace.uri(`docs/spec-deltas/${name}`);
  client.open(uri, text, 1);
  return { uri, diagnostics: await client.diagnostics(uri, 1) };
}

test('every request about a document the server does not have answers empty', async () => {
  const uri = workspace.uri('docs/spec-deltas/unknown.md');
  const position = { line: 0, character: 0 };
  const range = { start: position, end: position };
  const doc = { textDocument: { uri } };
  assert.deepEqual(await client.request('textDocument/completion', { ...doc, position }), []);
  assert.equal(await client.request('textDocument/hover', { ...doc, position }), null);
  assert.deepEqual(await client.request('textDocument/definition', { ...doc, position }), []);
  assert.deepEqual(await client.request('textDocument/references', { ...doc, position, context: { includeDeclaration: true } }), []);
  assert.equal(await client.request('textDocument/prepareRename', { ...doc, position }), null);
  assert.equal(await client.request('textDocument/rename', { ...doc, position, newName: 'INVARIANT-001' }), null);
  assert.deepEqual(await client.request('textDocument/documentLink', doc), []);
  assert.deepEqual(await client.request('textDocument/codeAction', { ...doc, range, context: { diagnostics: [] } }), []);
  assert.equal(await client.request('specDelta/documentStatus', { uri }), null);
  assert.deepEqual(await client.request('workspace/executeCommand', { command: 'specDelta.server.insertMissingSections', arguments: [uri] }), {
    applied: false,
    inserted: 0,
  });
  assert.equal(await client.request('workspace/executeCommand', { command: 'specDelta.unknownCommand', arguments: [] }), null);
  // Changes and closes for documents never opened are ignored.
  client.notify('textDocument/didChange', { textDocument: { uri, version: 2 }, contentChanges: [{ range, text: 'x' }] });
  client.notify('textDocument/didClose', { textDocument: { uri } });
  assert.ok(await client.isAlive());
});

test('positions outside the document answer empty; past the end of a line they mean its end', async () => {
  const text = approved();
  const { uri } = await open(text);
  for (const position of [
    { line: 10_000, character: 0 },
    { line: 0, character: 10_000 },
    { line: 7, character: 500 },
  ]) {
    assert.deepEqual(await client.request('textDocument/completion', { textDocument: { uri }, position }), []);
    assert.equal(await client.request('textDocument/hover', { textDocument: { uri }, position }), null);
    assert.deepEqual(await client.request('textDocument/definition', { textDocument: { uri }, position }), []);
  }
  // Past the end of the Severity line: the values replace up to the line's end, not beyond it.
  const severity = positionOf(text, '**Severity**: High').line;
  const items = await client.request<CompletionItem[]>('textDocument/completion', { textDocument: { uri }, position: { line: severity, character: 500 } });
  const atEnd = await client.request<CompletionItem[]>('textDocument/completion', { textDocument: { uri }, position: { line: severity, character: 18 } });
  assert.deepEqual(
    items.map((i) => i.textEdit),
    ['Critical', 'High', 'Medium', 'Low'].map((newText) => ({
      range: { start: { line: severity, character: 14 }, end: { line: severity, character: 18 } },
      newText,
    })),
  );
  assert.deepEqual(items, atEnd);
  const far = { start: { line: 9_999, character: 0 }, end: { line: 10_000, character: 0 } };
  assert.deepEqual(await client.request('textDocument/codeAction', { textDocument: { uri }, range: far, context: { diagnostics: [] } }), []);
});

test('a 2 MB spec delta is analysed in full: exact diagnostics far down, and completions answer while it is open', async () => {
  const filler = Array.from({ length: 30_000 }, (_, i) => `Log line ${i}: the cart service recalculated the discount for order ${i * 7}.`).join('\n');
  const text = edit(
    approved(),
    'Customers saw the wrong total on the confirmation page.',
    `Customers saw the wrong total on the confirmation page.\n${filler}`,
  ).replace('**Severity**: High', '**Severity**: Hgh');
  assert.ok(text.length > 2 * 1024 * 1024 && text.length < 4 * 1024 * 1024, `${text.length} characters`);
  const started = Date.now();
  const { uri, diagnostics } = await open(text);
  const severity = positionOf(text, '**Severity**').line;
  const rule = positionOf(text, 'CheckoutService MUST').line;
  assert.deepEqual(brief(diagnostics), [`SD006 ${severity}:14-${severity}:17 1`]);
  // A change at the very end: a weak modal far down the document.
  const version = client.change(uri, { start: { line: rule, character: 16 }, end: { line: rule, character: 20 } }, 'MAY');
  const completion = client.request<CompletionItem[]>('textDocument/completion', { textDocument: { uri }, position: positionAfter(text, '**Severity**: ') });
  const changed = await client.diagnostics(uri, version);
  assert.deepEqual(brief(changed), [`SD006 ${severity}:14-${severity}:17 1`, `SD303 ${rule}:16-${rule}:19 2`]);
  assert.deepEqual(
    (await completion).map((i) => i.label),
    ['Critical', 'High', 'Medium', 'Low'],
  );
  assert.ok(Date.now() - started < 10_000, `took ${Date.now() - started} ms`);
  client.close(uri);
});

test('over the size limit: one clear diagnostic and nothing else', async () => {
  const huge = approved() + '\n' + 'x'.repeat(4 * 1024 * 1024);
  const { uri, diagnostics } = await open(huge);
  assert.deepEqual(brief(diagnostics), ['SD901 0:0-0:0 3']);
  assert.equal(
    diagnostics[0]!.message,
    `This document (${Buffer.byteLength(huge).toLocaleString('en-US')} bytes) is over the 4,194,304 bytes limit and is not checked; raise "maxFileSize" in .spec-delta.json to check it.`,
  );
  assert.deepEqual(await client.request('textDocument/completion', { textDocument: { uri }, position: { line: 4, character: 12 } }), []);
  client.close(uri);
});

test('binary content (NUL bytes): one error that says so, no other diagnostic, requests still answer', async () => {
  const binary = '\u0000\u0001\u0002PNG\r\n\u001a\n' + '\u0000'.repeat(100) + '\uFFFD\uFFFD# Spec Delta: INVARIANT-300 Binary\n';
  const { uri, diagnostics } = await open(binary);
  assert.deepEqual(brief(diagnostics), ['SD902 0:0-0:0 1']);
  assert.equal(diagnostics[0]!.message, 'This file holds binary data (NUL bytes), not Markdown: it is not checked.');
  assert.deepEqual(await client.request('textDocument/completion', { textDocument: { uri }, position: { line: 1, character: 3 } }), []);
  assert.equal(await client.request('textDocument/hover', { textDocument: { uri }, position: { line: 2, character: 20 } }), null);
  assert.deepEqual(await client.request('textDocument/documentLink', { textDocument: { uri } }), []);
  // The same document typed into until it is text again is analysed normally.
  const version = client.change(uri, { start: { line: 0, character: 0 }, end: { line: 2, character: 100 } }, '');
  assert.equal(client.text(uri), '\uFFFD\uFFFD# Spec Delta: INVARIANT-300 Binary\n');
  const text = await client.diagnostics(uri, version);
  assert.ok(text.length > 0 && text.every((d) => d.code !== 'SD902'));
  client.close(uri);
});

test('CRLF line endings: the same ranges as LF, and fixes insert CRLF', async () => {
  const lf = cut(edit(approved(), '**Status**: Approved', '**Status**: Aproved'), '## Review Checklist', '## Approval');
  // Its own id, so that the two open documents do not define the same one.
  const crlf = lf.replace(/INVARIANT-2\d\d/g, 'INVARIANT-299').replace(/\n/g, '\r\n');
  const first = await open(lf);
  const second = await open(crlf);
  const strip = (d: Diagnostic[]) => d.map((x) => ({ ...x, data: undefined }));
  assert.deepEqual(brief(second.diagnostics), brief(first.diagnostics));
  assert.deepEqual(strip(second.diagnostics), strip(first.diagnostics));
  const status = positionOf(lf, '**Status**').line;
  assert.deepEqual(brief(second.diagnostics), ['SD001 0:0-0:80 1', `SD006 ${status}:12-${status}:19 1`]);
  const actions = await client.request<CodeAction[]>('textDocument/codeAction', {
    textDocument: { uri: second.uri },
    range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
    context: { diagnostics: [], only: ['source.fixAll.specDelta'] },
  });
  const edits: TextEdit[] = (actions[0]!.edit as WorkspaceEdit).changes![second.uri]!;
  const fixed = applyTextEdits(crlf, edits);
  assert.ok(!/[^\r]\n/.test(fixed), 'every inserted line ends in CRLF');
  const lfActions = await client.request<CodeAction[]>('textDocument/codeAction', {
    textDocument: { uri: first.uri },
    range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
    context: { diagnostics: [], only: ['source.fixAll.specDelta'] },
  });
  const lfFixed = applyTextEdits(lf, (lfActions[0]!.edit as WorkspaceEdit).changes![first.uri]!);
  assert.ok(lfFixed.includes('## Review Checklist\n'));
  assert.equal(fixed.replace(/\r\n/g, '\n'), lfFixed.replace(/INVARIANT-2\d\d/g, 'INVARIANT-299'), 'the same fix as for LF');
  // Completions of a heading insert CRLF too.
  const headingLine = positionOf(crlf, '## Approval').line;
  const withHeading = client.change(second.uri, { start: { line: headingLine, character: 0 }, end: { line: headingLine, character: 0 } }, '## \r\n\r\n');
  await client.diagnostics(second.uri, withHeading);
  const [review] = await client.request<CompletionItem[]>('textDocument/completion', {
    textDocument: { uri: second.uri },
    position: { line: headingLine, character: 3 },
  });
  assert.equal(review!.label, 'Review Checklist');
  assert.ok((review!.textEdit as TextEdit).newText.includes('\r\n- [ ] '), 'the snippet uses CRLF');
  assert.ok(!/[^\r]\n/.test((review!.textEdit as TextEdit).newText));
});

test('a BOM: the title counts it as one UTF-16 unit; every other line is unchanged', async () => {
  const base = approved();
  const id = base.slice(14, 27);
  const text = '\uFEFF' + edit(base, `\`${id}\``, '`INVARIANT-999`').replace('**Severity**: High', '**Severity**: Hgh');
  const { uri, diagnostics } = await open(text);
  const section = positionOf(text, '`INVARIANT-999`').line;
  const severity = positionOf(text, '**Severity**').line;
  assert.deepEqual(brief(diagnostics), [`SD006 ${severity}:14-${severity}:17 1`, `SD010 ${section}:1-${section}:14 1`]);
  const mismatch = diagnostics.find((d) => d.code === 'SD010')!;
  assert.deepEqual(mismatch.relatedInformation![0]!.location.range, { start: { line: 0, character: 15 }, end: { line: 0, character: 28 } });
  const hover = await client.request<Hover>('textDocument/hover', { textDocument: { uri }, position: { line: 0, character: 16 } });
  assert.deepEqual(hover.range, { start: { line: 0, character: 15 }, end: { line: 0, character: 28 } });
});

test('emoji before a placeholder: ranges count UTF-16 code units', async () => {
  const text = edit(
    edit(approved(), '**Author**: Priya Raman', '**Author**: 🚀 [Name]'),
    'Customers saw the wrong total on the confirmation page.',
    'Customers saw the wrong total 👩‍💻🔥 [Describe the cart state].',
  ).replace('**Status**: Approved', '**Status**: Draft');
  const { diagnostics } = await open(text);
  const author = positionOf(text, '**Author**').line;
  const happened = positionOf(text, '👩‍💻🔥');
  // '**Author**: ' is 12 units, the rocket 2, the space 1; the woman technologist is 5 units, the fire 2.
  const describeStart = happened.character + 5 + 2 + 1;
  assert.deepEqual(brief(diagnostics), [
    `SD101 ${author}:15-${author}:21 2`,
    `SD101 ${happened.line}:${describeStart}-${happened.line}:${describeStart + '[Describe the cart state]'.length} 2`,
  ]);
});

test('tabs, an empty file, a lone heading and malformed tables: diagnostics, no failure', async () => {
  // An empty file where spec deltas live: every section and field is missing, and the title.
  const empty = await open('', 'empty.md');
  assert.deepEqual(brief(empty.diagnostics), [...Array<string>(7).fill('SD001 0:0-0:0 1'), ...Array<string>(4).fill('SD004 0:0-0:0 1'), 'SD009 0:0-0:0 1']);

  const tabs = approved().replace(/^- /gm, '-\t').replace('**Status**: Approved', '**Status**:\tApproved');
  const tabbed = await open(tabs);
  assert.deepEqual(tabbed.diagnostics, []);
  const broken = edit(approved(), '| Tech Lead | Jonas Weber | 2026-03-18 | Approved |', '| Tech Lead | Jonas Weber \\| 2026-03-18 |||||| Approved').replace(
    '|------|-------|',
    '|---|',
  );
  const malformed = await open(broken);
  assert.ok(malformed.diagnostics.length > 0);
  for (const d of malformed.diagnostics)
    assert.ok(d.range.start.line < broken.split('\n').length && d.range.end.character <= broken.split('\n')[d.range.end.line]!.length);
  const heading = await open('# Spec Delta:', 'heading.md');
  assert.ok(heading.diagnostics.some((d) => d.code === 'SD001'));
});

test('shutdown then exit ends the server with code 0; exit without shutdown with code 1', async () => {
  const polite = new LspClient();
  await polite.initialize([workspace.folder]);
  assert.equal(await polite.request('shutdown'), null);
  polite.notify('exit', undefined);
  assert.equal(await polite.exit, 0);
  await polite.stop();
  const abrupt = new LspClient();
  await abrupt.initialize([workspace.folder]);
  abrupt.notify('exit', undefined);
  assert.equal(await abrupt.exit, 1);
  await abrupt.stop();
});

test('after all of it the server process is alive, answers, and logged no failure', async () => {
  assert.ok(await client.isAlive());
  assert.deepEqual(
    client.logs.filter((l) => /Uncaught exception|Unhandled rejection|failed/.test(l)),
    [],
  );
  assert.equal(client.stderr, '');
});

// In an empty file the section fixes and the metadata-field fixes all insert at 0:0: merged, the
// fields come first and the sections follow with the template's rules between them.
test('Insert Missing Sections on an empty file gives the template below the title', async () => {
  const uri = workspace.uri('docs/spec-deltas/empty-fix.md');
  client.open(uri, '', 1);
  await client.diagnostics(uri, 1);
  const [fixAll] = await client.request<CodeAction[]>('textDocument/codeAction', {
    textDocument: { uri },
    range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
    context: { diagnostics: [], only: ['source.fixAll.specDelta'] },
  });
  // Everything but the title, which needs an id and a name only the author knows.
  assert.equal(applyTextEdits('', (fixAll!.edit as WorkspaceEdit).changes![uri]!), TEMPLATE.slice(TEMPLATE.indexOf('**Date**')));
});
