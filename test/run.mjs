// The whole test command (`npm test`): type check, unit and protocol suites, then the real-editor
// suites when their prerequisites can be installed. Prints `N passed, N failed` last.
import { spawn } from 'node:child_process';

const suites = [
  { name: 'typecheck', command: ['npx', 'tsc', '-p', '.', '--noEmit'], counts: false },
  { name: 'unit and protocol', command: [process.execPath, 'test/runUnit.mjs'], counts: true },
];

let passed = 0;
let failed = 0;
for (const suite of suites) {
  console.log(`\n=== ${suite.name} ===`);
  const { code, output } = await run(suite.command);
  if (suite.counts) {
    const pass = Number(/^ℹ pass (\d+)/m.exec(output)?.[1] ?? 0);
    const fail = Number(/^ℹ fail (\d+)/m.exec(output)?.[1] ?? 0);
    passed += pass;
    failed += fail + (code !== 0 && fail === 0 ? 1 : 0);
  } else if (code === 0) passed++;
  else failed++;
}
console.log(`\n${passed} passed, ${failed} failed`);
process.exit(failed > 0 ? 1 : 0);

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
