import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import { createRequire } from 'node:module';
import * as path from 'node:path';
import { mock, test } from 'node:test';
import { indexRoot } from '../../server/src/mcp/rootIndex';
import { approvedWithId } from '../support/fixtures';
import { TempWorkspace } from '../support/tempFolders';

// The module object the server's code calls through (a namespace import here is a copy of it).
const nodeFs = createRequire(__filename)('node:fs') as typeof fs;

test('the MCP root index reads a file once, up to the size it had: a file that grows past the limit meanwhile is never read whole', () => {
  const workspace = new TempWorkspace({
    '.spec-delta.json': JSON.stringify({ maxFileSize: 20000 }),
    'docs/spec-deltas/INVARIANT-300.md': approvedWithId('INVARIANT-300', 'Refunds never exceed the charge'),
  });
  const file = path.join(workspace.folder, 'docs/spec-deltas/INVARIANT-300.md');
  const grows = () => fs.appendFileSync(file, '\nmore text'.repeat(5000));
  const { statSync: realStat, fstatSync: realFstat } = nodeFs;
  // The file grows right after its size is looked at, whichever way that is done.
  const statSync = mock.method(nodeFs, 'statSync', function (this: unknown, ...args: Parameters<typeof fs.statSync>) {
    const stat = realStat.apply(this, args);
    if (args[0] === file) grows();
    return stat;
  });
  const fstatSync = mock.method(nodeFs, 'fstatSync', function (this: unknown, ...args: Parameters<typeof fs.fstatSync>) {
    const stat = realFstat.apply(this, args);
    grows();
    return stat;
  });
  try {
    const { index } = indexRoot(workspace.folder);
    assert.ok(fs.statSync(file).size > 20000, 'the file grew past the limit');
    // Read up to the size it had when looked at: the spec delta as it was then, within the limit.
    assert.deepEqual(
      [...index.all()].map((e) => e.definition?.id),
      ['INVARIANT-300'],
    );
  } finally {
    statSync.mock.restore();
    fstatSync.mock.restore();
    workspace.dispose();
  }
});
