import { strict as assert } from 'node:assert';
import { after, before, test } from 'node:test';
import { APPROVED, withInvariant017 } from '../support/fixtures';
import { TempWorkspace } from '../support/tempFolders';
import { startServer, stopServer } from '../support/servers';
import { LspClient } from '../support/lspClient';

/**
 * SPEC section 1: Markdown that is not a spec delta gets no diagnostics, however large or odd it
 * is. Whether a document is a spec delta is decided first (its path, or the title at its head),
 * and only a spec delta is told it is too large or binary.
 */

let workspace: TempWorkspace;
let client: LspClient;

before(async () => ({ workspace, client } = await startServer(withInvariant017())));
after(() => stopServer(workspace, client));

const MB = 1024 * 1024;
/** Ordinary Markdown of about `bytes` bytes. */
function bigReadme(bytes: number): string {
  const paragraph = 'This project builds a widget. Run the tests before each commit and keep the docs current.\n\n';
  return '# Widget\n\n' + paragraph.repeat(Math.ceil(bytes / paragraph.length));
}

async function published(relative: string, text: string): Promise<string[]> {
  const uri = workspace.uri(relative);
  client.open(uri, text, 1);
  return (await client.diagnostics(uri, 1)).map((d) => String(d.code));
}

test('a 4.9 MB README outside the globs gets no diagnostic; the same size of spec delta gets SD901', async () => {
  assert.deepEqual(await published('README.md', bigReadme(4.9 * MB)), []);
  const spec = APPROVED + '\n' + bigReadme(4.9 * MB).replace('# Widget', '## Notes');
  assert.deepEqual(await published('notes/INVARIANT-042-big.md', spec), ['SD901']);
  assert.deepEqual(await published('docs/spec-deltas/big-by-path.md', bigReadme(4.9 * MB)), ['SD901']);
});

test('a note holding a NUL byte outside the globs gets no diagnostic; a spec delta with one gets SD902', async () => {
  assert.deepEqual(await published('notes/binary.md', '# Notes\n\nsome\u0000bytes\n'), []);
  assert.deepEqual(await published('notes/INVARIANT-042-binary.md', APPROVED.replace('## Failure Description', '## Failure Description\n\n\u0000')), ['SD902']);
  assert.deepEqual(await published('docs/spec-deltas/binary.md', '# Notes\n\nsome\u0000bytes\n'), ['SD902']);
});
