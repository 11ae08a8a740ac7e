// Builds and runs the extension-host suites of this folder (see index.ts) in a real VS Code:
// desktop VS Code through @vscode/test-electron, or VS Code for the web through code-server
// (the harness of test/e2e). Used by test/vscode/run.mjs and test/e2e/run.mjs.
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = resolve(fileURLToPath(new URL('../..', import.meta.url)));
const fixtureWorkspace = join(repoRoot, 'test', 'vscode', 'workspace');

/**
 * Bundles the extension (dist/) and transpiles the tests into their own out/ folder, so that runs
 * side by side do not trip over each other. Returns the test entry and a cleanup.
 */
export function buildSuites() {
  const outDir = join('out', `exthost-${process.pid}`);
  const build = spawnSync(process.execPath, ['esbuild.mjs', '--tests', `--outdir=${outDir}`], { cwd: repoRoot, stdio: 'inherit' });
  if (build.status !== 0) throw new Error(`build failed (exit ${build.status})`);
  return {
    testsPath: join(repoRoot, outDir, 'test', 'vscode', 'index.js'),
    dispose: () => rmSync(join(repoRoot, outDir), { recursive: true, force: true }),
  };
}

/** A fresh copy of the fixture workspace (the tests create and edit files in it). */
export function copyWorkspace(dest) {
  mkdirSync(dest, { recursive: true });
  cpSync(fixtureWorkspace, dest, { recursive: true });
  return dest;
}

/** The last `label: N passed, N failed` line of a text, or undefined. */
function parseCounts(text, label) {
  const all = [...text.matchAll(new RegExp(`^.*?\\b${label}: (\\d+) passed, (\\d+) failed`, 'gm'))];
  const last = all.at(-1);
  return last ? { passed: Number(last[1]), failed: Number(last[2]) } : undefined;
}

/**
 * Runs the suites inside code-server's Node extension host (the dev extension is the repository
 * itself, loaded from disk; test/e2e/install.sh must have run). Returns the suite's own counts;
 * a run that died or timed out before counting counts as one failure.
 */
export async function runInCodeServer({ runDir, testsPath, browser, env = {}, timeoutMs = 240_000 }) {
  const { runExtensionTests } = await import('../e2e/codeServer.mjs');
  const workspace = copyWorkspace(join(runDir, 'exthost-workspace'));
  const r = await runExtensionTests({
    extensionDevelopmentPath: repoRoot,
    extensionTestsPath: testsPath,
    workspace,
    userDataDir: join(runDir, 'exthost-user-data'),
    extensionsDir: join(runDir, 'exthost-extensions'),
    browser,
    env,
    timeoutMs,
  });
  const counts = parseCounts(r.logs.join('\n'), 'exthost');
  if (r.code === null) console.log(`exthost: no result within ${timeoutMs} ms`);
  if (!counts) return { passed: 0, failed: 1, code: r.code, ms: r.ms };
  return { ...counts, failed: counts.failed + (r.code !== 0 && counts.failed === 0 ? 1 : 0), code: r.code, ms: r.ms };
}

/**
 * Runs the suites in desktop VS Code with @vscode/test-electron: the one at $VSCODE_EXECUTABLE,
 * else the one it downloads (version $VSCODE_VERSION, default stable) into .vscode-test/.
 */
export async function runInElectron({ runDir, testsPath, version = 'stable' }) {
  const { runTests } = await import('@vscode/test-electron');
  const { seedUserSettings } = await import('../e2e/codeServer.mjs');
  const workspace = copyWorkspace(join(runDir, 'workspace'));
  const userDataDir = join(runDir, 'user-data');
  seedUserSettings(userDataDir);
  // test-electron writes VS Code's output to our stdout: keep a copy to read the counts.
  let output = '';
  const write = process.stdout.write.bind(process.stdout);
  process.stdout.write = (chunk, ...rest) => {
    output += String(chunk);
    return write(chunk, ...rest);
  };
  let code;
  try {
    code = await runTests({
      ...(process.env.VSCODE_EXECUTABLE ? { vscodeExecutablePath: process.env.VSCODE_EXECUTABLE } : { version }),
      extensionDevelopmentPath: repoRoot,
      extensionTestsPath: testsPath,
      launchArgs: [workspace, '--user-data-dir', userDataDir, '--extensions-dir', join(runDir, 'extensions'), '--disable-telemetry'],
    });
  } catch (error) {
    console.log(`VS Code run failed: ${error?.message ?? error}`);
    code = 1;
  } finally {
    process.stdout.write = write;
  }
  const counts = parseCounts(output, 'exthost');
  if (!counts) return { passed: 0, failed: 1, code };
  return { ...counts, failed: counts.failed + (code !== 0 && counts.failed === 0 ? 1 : 0), code };
}
