import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import { parseDocument } from '../../server/src/core/languageService';
import { documentStatus } from '../../server/src/core/status';
import { workspaceCatalogEntry } from '../../server/src/lsp/workspaceCatalog';
import { APPROVED } from '../support/fixtures';

/**
 * The catalogue's `file` as the server gives it, in the Node server and in the web worker server
 * (which has no node:path): relative to the innermost folder that holds the document, for any scheme.
 */
function fileOf(uri: string, folders: readonly string[]): string {
  const doc = parseDocument(APPROVED, uri, 1);
  return workspaceCatalogEntry(doc, documentStatus(doc, [], true, 'INVARIANT-\\d+'), folders).file;
}

test('catalogue file: relative to the innermost workspace folder, on disk and on a virtual file system', () => {
  assert.equal(fileOf('file:///ws/docs/invariants/INVARIANT-001-x.md', ['file:///ws', 'file:///ws/docs']), 'invariants/INVARIANT-001-x.md');
  assert.equal(fileOf('vscode-vfs://github/acme/repo/docs/INVARIANT-001-x.md', ['vscode-vfs://github/acme/repo']), 'docs/INVARIANT-001-x.md');
  assert.equal(fileOf('file:///ws/INVARIANT-001-x.md', ['file:///ws/']), 'INVARIANT-001-x.md');
});

test('catalogue file: a document outside every folder, or in a folder of another scheme or a sibling with the same prefix, keeps its whole path', () => {
  assert.equal(fileOf('file:///wsx/INVARIANT-001-x.md', ['file:///ws']), '/wsx/INVARIANT-001-x.md');
  assert.equal(fileOf('vscode-vfs://github/acme/repo/INVARIANT-001-x.md', ['file:///acme/repo']), 'vscode-vfs://github/acme/repo/INVARIANT-001-x.md');
});
