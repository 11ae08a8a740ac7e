// Proves that extension-host integration tests (the `--extensionTestsPath` kind) run inside
// code-server: loads fixtures/probe-ext as a development extension and runs its test/index.js.
//   node test/e2e/exthost-smoke.mjs            # expects pass
//   E2E_FORCE_FAIL=1 node test/e2e/exthost-smoke.mjs   # expects the run to report failure (exit 1)
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { cacheDir, runExtensionTests } from './codeServer.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const ext = join(here, 'fixtures', 'probe-ext');
const runDir = mkdtempSync(join(cacheDir, 'exthost-'));
const workspace = join(runDir, 'workspace');
mkdirSync(workspace);
writeFileSync(join(workspace, 'hello.md'), '# Hello\n\nSee [the missing page](./missing.md).\n');

try {
  const r = await runExtensionTests({
    extensionDevelopmentPath: ext,
    extensionTestsPath: join(ext, 'test', 'index.js'),
    workspace,
    userDataDir: join(runDir, 'user-data'),
    extensionsDir: join(runDir, 'extensions'),
    settings: { 'markdown.validate.enabled': true },
    env: process.env.E2E_FORCE_FAIL ? { E2E_FORCE_FAIL: '1' } : {},
  });
  console.log(`extension tests exit code ${r.code} (code-server up in ${r.startMs} ms, whole run ${r.ms} ms)`);
  const ok = r.code === 0;
  console.log(`exthost-smoke: ${ok ? 1 : 0} passed, ${ok ? 0 : 1} failed`);
  process.exitCode = ok ? 0 : 1;
} finally {
  if (!process.env.E2E_KEEP) rmSync(runDir, { recursive: true, force: true });
}
