import { strict as assert } from 'node:assert';
import { after, before, test } from 'node:test';
import type { DocumentLink, Hover, Location, Position, Range, WorkspaceEdit } from 'vscode-languageserver-protocol';
import { readRepoFile } from '../support/repo';
import { APPROVED } from '../support/fixtures';
import { edit } from '../support/textEdits';
import { positionOf } from '../support/positions';
import { TempWorkspace } from '../support/tempFolders';
import { LspClient } from '../support/lspClient';

/**
 * Hover, definition, references, rename and document links over a workspace of several files read
 * from disk. Hover's content in detail (unknown ids, escaping, fields, headings) is test/unit/hover.test.ts.
 */

const INVARIANT_017 = readRepoFile('examples/INVARIANT-017-order-total-equals-line-items.md');
const INVARIANT_051 = readRepoFile('examples/INVARIANT-051-migrations-keep-deployed-columns.md');
const NOTES = '# Release notes\n\nThe order checks follow INVARIANT-017.\n';

let workspace: TempWorkspace;
let client: LspClient;
let uri042: string;
let uri017: string;
let uri051: string;
let uriNotes: string;

before(async () => {
  workspace = new TempWorkspace({
    'docs/spec-deltas/INVARIANT-017-order-totals.md': INVARIANT_017,
    'docs/spec-deltas/INVARIANT-051-migrations.md': INVARIANT_051,
    'docs/spec-deltas/INVARIANT-042-checkout-totals.md': APPROVED,
    'docs/notes.md': NOTES,
  });
  uri017 = workspace.uri('docs/spec-deltas/INVARIANT-017-order-totals.md');
  uri051 = workspace.uri('docs/spec-deltas/INVARIANT-051-migrations.md');
  uri042 = workspace.uri('docs/spec-deltas/INVARIANT-042-checkout-totals.md');
  uriNotes = workspace.uri('docs/notes.md');
  client = await new LspClient().start([workspace.folder]);
  client.open(uri042, APPROVED, 1);
  await client.diagnostics(uri042, 1);
});

after(async () => {
  await client.stop();
  workspace.dispose();
});

function at(uri: string, position: Position) {
  return { textDocument: { uri }, position };
}

function span(line: number, start: number, end: number): Range {
  return { start: { line, character: start }, end: { line, character: end } };
}

/** Where `needle` (unique in `text`) is, as a range of `length` characters from `delta`. */
function rangeOf(text: string, needle: string, delta = 0, length = needle.length - delta): Range {
  const p = positionOf(text, needle, delta);
  return span(p.line, p.character, p.character + length);
}

/** Editors sort locations themselves; the index's order follows the order files were read. */
function sorted(locations: Location[]): Location[] {
  return [...locations].sort(
    (a, b) => a.uri.localeCompare(b.uri) || a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character,
  );
}

const REFERENCE_IN_042 = 'INVARIANT-017 checks that totals equal the sum of line items';
const STATEMENT_017 =
  'OrderService MUST persist an order only if its total equals the sum of its line items, discounts, shipping and tax WHEN an order is created or changed';

test("hover on an id shows the defining spec delta's title, status, severity and rule statement", async () => {
  const hover = await client.request<Hover>('textDocument/hover', at(uri042, positionOf(APPROVED, REFERENCE_IN_042, 3)));
  assert.deepEqual(hover, {
    contents: {
      kind: 'markdown',
      value: `**INVARIANT-017** Order totals equal the sum of their line items\n\nStatus: Approved · Severity: Critical\n\n\`\`\`\n${STATEMENT_017}\n\`\`\``,
    },
    range: rangeOf(APPROVED, REFERENCE_IN_042, 0, 13),
  });
  // Both ends of the id count as on it.
  const end = positionOf(APPROVED, REFERENCE_IN_042, 13);
  assert.deepEqual((await client.request<Hover>('textDocument/hover', at(uri042, end))).range, hover.range);
});

test('definition of a referenced id is its title in the defining file; of its own id, itself', async () => {
  const definition = await client.request<Location[]>('textDocument/definition', at(uri042, positionOf(APPROVED, REFERENCE_IN_042, 5)));
  assert.deepEqual(definition, [{ uri: uri017, range: span(0, 14, 27) }]);
  const own = await client.request<Location[]>('textDocument/definition', at(uri042, positionOf(APPROVED, '`INVARIANT-042`', 2)));
  assert.deepEqual(own, [{ uri: uri042, range: span(0, 14, 27) }]);
  assert.deepEqual(await client.request('textDocument/definition', at(uri042, positionOf(APPROVED, '**Author**: Priya Raman', 15))), []);
});

test('references of an id across the workspace, with and without its declarations', async () => {
  const declarations = [
    { uri: uri017, range: span(0, 14, 27) },
    { uri: uri017, range: rangeOf(INVARIANT_017, '`INVARIANT-017`', 1, 13) },
  ];
  const uses = [
    { uri: uri042, range: rangeOf(APPROVED, REFERENCE_IN_042, 0, 13) },
    { uri: uri051, range: rangeOf(INVARIANT_051, 'INVARIANT-017 and', 0, 13) },
    // Ids in Markdown that is not a spec delta are still navigable.
    { uri: uriNotes, range: rangeOf(NOTES, 'INVARIANT-017') },
  ];
  const position = at(uri042, positionOf(APPROVED, REFERENCE_IN_042, 5));
  const all = await client.request<Location[]>('textDocument/references', { ...position, context: { includeDeclaration: true } });
  assert.deepEqual(sorted(all), sorted([...declarations, ...uses]));
  const withoutDeclaration = await client.request<Location[]>('textDocument/references', { ...position, context: { includeDeclaration: false } });
  assert.deepEqual(sorted(withoutDeclaration), sorted(uses));
});

test('prepareRename gives the id under the cursor; elsewhere null', async () => {
  const position = positionOf(APPROVED, REFERENCE_IN_042, 5);
  assert.deepEqual(await client.request('textDocument/prepareRename', at(uri042, position)), {
    range: rangeOf(APPROVED, REFERENCE_IN_042, 0, 13),
    placeholder: 'INVARIANT-017',
  });
  assert.equal(await client.request('textDocument/prepareRename', at(uri042, positionOf(APPROVED, '**Author**: Priya Raman', 15))), null);
});

test('rename of an id edits every file that writes it: declarations and references alike', async () => {
  const position = at(uri042, positionOf(APPROVED, REFERENCE_IN_042, 5));
  const result = await client.request<WorkspaceEdit>('textDocument/rename', { ...position, newName: 'INVARIANT-018' });
  const edit018 = (range: Range) => ({ range, newText: 'INVARIANT-018' });
  assert.deepEqual(Object.keys(result.changes!).sort(), [uri017, uri042, uri051, uriNotes].sort());
  assert.deepEqual(result.changes![uri017], [edit018(span(0, 14, 27)), edit018(rangeOf(INVARIANT_017, '`INVARIANT-017`', 1, 13))]);
  assert.deepEqual(result.changes![uri042], [edit018(rangeOf(APPROVED, REFERENCE_IN_042, 0, 13))]);
  assert.deepEqual(result.changes![uri051], [edit018(rangeOf(INVARIANT_051, 'INVARIANT-017 and', 0, 13))]);
  assert.deepEqual(result.changes![uriNotes], [edit018(rangeOf(NOTES, 'INVARIANT-017'))]);

  // The open document's own id: the title and the Invariant ID section both change.
  const own = await client.request<WorkspaceEdit>('textDocument/rename', { ...at(uri042, { line: 0, character: 20 }), newName: 'INVARIANT-043' });
  const to043 = (range: Range) => ({ range, newText: 'INVARIANT-043' });
  assert.deepEqual(own.changes, {
    [uri042]: [to043(span(0, 14, 27)), to043(rangeOf(APPROVED, '`INVARIANT-042`', 1, 13))],
    [uri051]: [to043(rangeOf(INVARIANT_051, 'INVARIANT-042 protect', 0, 13))],
  });
});

test('rename to something that is not an id is refused with an error, and nothing else happens', async () => {
  const position = at(uri042, positionOf(APPROVED, REFERENCE_IN_042, 5));
  await assert.rejects(client.request('textDocument/rename', { ...position, newName: 'INV-18' }), (error: { code: number; message: string }) => {
    assert.equal(error.code, -32803);
    assert.equal(error.message, "'INV-18' is not a valid invariant id (pattern INVARIANT-\\d+).");
    return true;
  });
  await assert.rejects(client.request('textDocument/rename', { ...position, newName: 'INVARIANT-018 and more' }));
  // Not on an id: no edit at all.
  assert.equal(
    await client.request('textDocument/rename', { ...at(uri042, positionOf(APPROVED, '**Author**: Priya Raman', 15)), newName: 'INVARIANT-018' }),
    null,
  );
  assert.ok(await client.isAlive());
});

test('document links: the Implementation PR URL, and no other URL of the document', async () => {
  const uri = workspace.uri('docs/spec-deltas/links.md');
  const text = edit(
    edit(APPROVED, 'On 14 March a pricing change', 'On 14 March (https://status.example.com/incidents/77) a pricing change'),
    'https://git.example.com/shop/pricing-service/pull/2291',
    'See [PR 2291](https://git.example.com/shop/pricing-service/pull/2291) and https://git.example.com/shop/pricing-service/pull/2292.',
  )
    .replace('INVARIANT-042', 'INVARIANT-091')
    .replace('`INVARIANT-042`', '`INVARIANT-091`');
  client.open(uri, text, 1);
  const links = await client.request<DocumentLink[]>('textDocument/documentLink', { textDocument: { uri } });
  assert.deepEqual(links, [
    {
      range: rangeOf(text, 'https://git.example.com/shop/pricing-service/pull/2291'),
      target: 'https://git.example.com/shop/pricing-service/pull/2291',
      tooltip: 'Open the implementation PR',
    },
    {
      range: rangeOf(text, 'https://git.example.com/shop/pricing-service/pull/2292'),
      target: 'https://git.example.com/shop/pricing-service/pull/2292',
      tooltip: 'Open the implementation PR',
    },
  ]);
  client.close(uri);
});

test('navigation requests for a document the server does not have answer empty', async () => {
  const uri = workspace.uri('docs/spec-deltas/never-opened.md');
  const position = { line: 0, character: 15 };
  assert.equal(await client.request('textDocument/hover', at(uri, position)), null);
  assert.deepEqual(await client.request('textDocument/definition', at(uri, position)), []);
  assert.deepEqual(await client.request('textDocument/references', { ...at(uri, position), context: { includeDeclaration: true } }), []);
  assert.equal(await client.request('textDocument/prepareRename', at(uri, position)), null);
  assert.equal(await client.request('textDocument/rename', { ...at(uri, position), newName: 'INVARIANT-001' }), null);
  assert.deepEqual(await client.request('textDocument/documentLink', { textDocument: { uri } }), []);
});
