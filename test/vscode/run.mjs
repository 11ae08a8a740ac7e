// `npm run test:vscode`: the extension-host suites (test/vscode/*.test.ts) in a real VS Code.
//   node test/vscode/run.mjs                 desktop VS Code via @vscode/test-electron: $VSCODE_EXECUTABLE
//                                            (a local install), or downloads of the oldest version
//                                            engines.vscode allows and of stable ($VSCODE_VERSION:
//                                            a comma-separated list instead); on Linux without a
//                                            display, run it under xvfb-run
//   node test/vscode/run.mjs --code-server   VS Code for the web (code-server + Chromium, test/e2e), no download
// Prints `exthost: N passed, N failed` last; exits non-zero on any failure.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildSuites, repoRoot, runInCodeServer, runInElectron } from './suites.mjs';

const inCodeServer = process.argv.includes('--code-server');
const started = Date.now();
let result = { passed: 0, failed: 1 };
let suites;
let runDir;
try {
  if (inCodeServer) {
    const install = spawnSync('bash', [join(repoRoot, 'test/e2e/install.sh')], { stdio: 'inherit' });
    if (install.status !== 0) throw new Error('test/e2e/install.sh failed');
    const { cacheDir } = await import('../e2e/codeServer.mjs');
    runDir = mkdtempSync(join(cacheDir, 'exthost-'));
  } else {
    runDir = mkdtempSync(join(tmpdir(), 'spec-delta-exthost-'));
  }
  suites = buildSuites();
  if (inCodeServer || process.env.VSCODE_EXECUTABLE) {
    result = inCodeServer ? await runInCodeServer({ runDir, testsPath: suites.testsPath }) : await runInElectron({ runDir, testsPath: suites.testsPath });
  } else {
    // The oldest VS Code the manifest allows, then stable, as rust-analyzer does.
    const oldest = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')).engines.vscode.replace(/^[\^~>=]+/, '');
    const versions = (process.env.VSCODE_VERSION ?? `${oldest},stable`)
      .split(',')
      .map((v) => v.trim())
      .filter(Boolean);
    result = { passed: 0, failed: 0 };
    for (const version of versions) {
      console.log(`--- VS Code ${version}`);
      const one = await runInElectron({ runDir: mkdtempSync(join(runDir, `${version}-`)), testsPath: suites.testsPath, version });
      result = { passed: result.passed + one.passed, failed: result.failed + one.failed };
    }
  }
} catch (error) {
  console.log(`extension-host suites could not run: ${error?.stack ?? error}`);
  if (!inCodeServer && !process.env.VSCODE_EXECUTABLE)
    console.log('(no VS Code to download here? set VSCODE_EXECUTABLE to a local VS Code, or run with --code-server)');
} finally {
  suites?.dispose();
  if (runDir && !process.env.E2E_KEEP) rmSync(runDir, { recursive: true, force: true });
}
console.log(`extension-host suites in ${inCodeServer ? 'code-server' : 'VS Code'} took ${Math.round((Date.now() - started) / 1000)} s`);
console.log(`exthost: ${result.passed} passed, ${result.failed} failed`);
process.exitCode = result.failed > 0 || result.passed === 0 ? 1 : 0;
