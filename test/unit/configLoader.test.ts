import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { pathToFileURL } from 'node:url';
import { run } from '../../server/src/cli/main';
import { WorkspaceIndex } from '../../server/src/core/workspaceIndex';
import { AnalysisCache } from '../../server/src/lsp/analysis';
import { ConfigLoader } from '../../server/src/node/configLoader';
import { TEMPLATE } from '../support/fixtures';
import { inTemp } from '../support/tempFolders';

/**
 * The CLI and the language server read `.spec-delta.json` through the same ConfigLoader: a config
 * that cannot be used gives the editor the very message the CLI prints, and the defaults meanwhile.
 */

function cliReason(dir: string): string {
  let stderr = '';
  const code = run(
    ['lint', 'specs'],
    dir,
    () => undefined,
    (s) => (stderr += s),
  );
  assert.equal(code, 2);
  return stderr.replace(/^spec-delta: /, '').replace(/\n$/, '');
}

function editorReasons(dir: string): string[] {
  const reasons: string[] = [];
  const cache = new AnalysisCache(new ConfigLoader(dir), new WorkspaceIndex('INVARIANT-\\d+'), { log: () => undefined, configError: (m) => reasons.push(m) });
  const analysis = cache.parse(pathToFileURL(path.join(dir, 'specs/a.md')).href, 1, TEMPLATE);
  assert.equal(analysis.isSpecDelta, true, 'still linted, with the default settings');
  return reasons;
}

test('the editor is told the same reason as the CLI for a config that is a folder, not JSON or of the wrong shape', () => {
  inTemp((dir) => {
    fs.mkdirSync(path.join(dir, 'specs'));
    fs.writeFileSync(path.join(dir, 'specs/a.md'), TEMPLATE);
    const config = path.join(dir, '.spec-delta.json');
    const setups: (() => void)[] = [
      () => fs.mkdirSync(config),
      () => (fs.rmdirSync(config), fs.writeFileSync(config, '{"rules": {"SD101": "off",}}')),
      () => fs.writeFileSync(config, '{"files": 3}'),
    ];
    for (const setup of setups) {
      setup();
      const reason = cliReason(dir);
      assert.match(reason, /^\/.*\.spec-delta\.json: /);
      assert.deepEqual(editorReasons(dir), [reason]);
    }
  });
});
