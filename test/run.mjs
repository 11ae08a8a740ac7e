// The whole test command (`npm test`): type check, lint, the unit, protocol and fuzz suites, then the real-editor
// suites when their prerequisites can be installed. Prints `N passed, N failed` last.
import { spawn } from 'node:child_process';

// `counts`: false (the suite is one test: its exit code), 'node' (node's test runner summary), or
// a label: the suite prints its own last line `<label>: N passed, N failed`.
const suites = [
  { name: 'typecheck', command: ['npx', 'tsc', '-p', '.', '--noEmit'], counts: false },
  // eslint (with the layer import rules), knip (dead exports) and each layer's own tsconfig.
  { name: 'lint', command: ['npm', 'run', '--silent', 'lint'], counts: false },
  // The suites of node's test runner (test/runUnit.mjs): in-process, over real processes, random.
  { name: 'unit', command: [process.execPath, 'test/runUnit.mjs', '--suite=unit'], counts: 'node' },
  {
    name: 'protocol (the server and the CLI as processes)',
    command: [process.execPath, 'test/runUnit.mjs', '--suite=protocol'],
    counts: 'node',
  },
  { name: 'fuzz (seeded random documents and edits)', command: [process.execPath, 'test/runUnit.mjs', '--suite=fuzz'], counts: 'node' },
  // npm pack + install outside the clone, the Action, the pre-commit hook, the VSIX's contents
  { name: 'release (npm package, VSIX, CI integrations)', command: [process.execPath, '--test', '--test-reporter=spec', 'test/package/'], counts: 'node' },
  { name: 'Neovim (built-in LSP client)', command: [process.execPath, 'test/nvim/run.mjs'], counts: 'nvim' },
  { name: 'Emacs (eglot)', command: [process.execPath, 'test/emacs/run.mjs'], counts: 'emacs' },
  // The web build's server in a Chromium Web Worker, driven with LSP messages.
  { name: 'language server in a browser web worker', command: [process.execPath, 'test/web/worker.mjs'], counts: 'web worker' },
  // code-server + Chromium: the UI checks, then the extension-host suites of test/vscode
  { name: 'end to end in VS Code for the web', command: [process.execPath, 'test/e2e/run.mjs'], counts: 'e2e' },
  // The same checks with the extension in the web worker extension host (its browser build).
  { name: 'end to end in the web worker extension host', command: [process.execPath, 'test/e2e/run.mjs', '--web-host'], counts: 'e2e web host' },
];
// Desktop VS Code only where one is installed: @vscode/test-electron cannot download it offline.
if (process.env.VSCODE_EXECUTABLE) {
  suites.push({ name: 'extension host in desktop VS Code', command: [process.execPath, 'test/vscode/run.mjs'], counts: 'exthost' });
}

let passed = 0;
let failed = 0;
const timings = [];
for (const suite of suites) {
  console.log(`\n=== ${suite.name} ===`);
  const t0 = Date.now();
  const { code, output } = await run(suite.command);
  const counts = countsOf(suite.counts, output);
  if (counts) {
    passed += counts.passed;
    failed += counts.failed + (code !== 0 && counts.failed === 0 ? 1 : 0);
  } else if (code === 0 && suite.counts === false) passed++;
  else failed++;
  timings.push(`${suite.name} ${Math.round((Date.now() - t0) / 1000)} s${code === 0 ? '' : ` (exit ${code})`}`);
}
console.log(`\n${timings.join('; ')}`);
console.log(`\n${passed} passed, ${failed} failed`);
process.exit(failed > 0 ? 1 : 0);

/** The counts a suite printed, or undefined when it counts by exit code (or printed none). */
function countsOf(kind, output) {
  if (kind === false) return undefined;
  if (kind === 'node') {
    const pass = /^ℹ pass (\d+)/m.exec(output)?.[1];
    const fail = /^ℹ fail (\d+)/m.exec(output)?.[1];
    return pass === undefined ? undefined : { passed: Number(pass), failed: Number(fail ?? 0) };
  }
  const all = [...output.matchAll(new RegExp(`^${kind}: (\\d+) passed, (\\d+) failed$`, 'gm'))];
  const last = all.at(-1);
  return last ? { passed: Number(last[1]), failed: Number(last[2]) } : undefined;
}

function run([command, ...args]) {
  return new Promise((resolve) => {
    const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk) => {
      output += chunk;
      process.stdout.write(chunk);
    });
    child.stderr.on('data', (chunk) => process.stderr.write(chunk));
    child.on('close', (code) => resolve({ code: code ?? 1, output }));
  });
}
