/**
 * The extension-host test entry (`--extensionTestsPath`): runs the mocha suites of this folder
 * inside VS Code, desktop (@vscode/test-electron) or web (code-server). Prints
 * `exthost: N passed, N failed` last, which test/vscode/suites.mjs reads. SPEC_DELTA_EXTHOST_GREP
 * (in the editor's environment) runs only the tests whose title matches it.
 */
import * as path from 'node:path';
import Mocha from 'mocha';

/** In order: the diagnostics suite opens the documents first, so that it sees their first publication. */
const SUITES = ['diagnostics.test.js', 'language.test.js', 'commands.test.js'];

export function run(): Promise<void> {
  const mocha = new Mocha({ ui: 'bdd', color: false, timeout: 60_000, reporter: 'spec' });
  const grep = process.env.SPEC_DELTA_EXTHOST_GREP;
  if (grep) mocha.grep(grep);
  for (const suite of SUITES) mocha.addFile(path.join(__dirname, suite));
  return new Promise((resolve, reject) => {
    try {
      const runner = mocha.run((failures) => {
        const passed = runner.stats?.passes ?? 0;
        console.log(`exthost: ${passed} passed, ${failures} failed`);
        if (failures > 0) reject(new Error(`${failures} extension-host tests failed`));
        else if (passed === 0) reject(new Error('no extension-host test ran'));
        else resolve();
      });
    } catch (error) {
      console.log('exthost: 0 passed, 1 failed');
      reject(error);
    }
  });
}
