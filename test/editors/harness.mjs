// What the real-editor suites run by a script (Neovim, Emacs) share: named checks that count,
// installing the editor with apt-get, and running it in batch mode in its own process group.
import { spawn, spawnSync } from 'node:child_process';

/** Named checks that count into `<label>: N passed, N failed`, the line test/run.mjs reads. */
export function checks(label) {
  let passed = 0;
  let failed = 0;
  const fail = (text) => {
    failed++;
    console.log(`FAIL ${text}`);
  };
  return {
    check(name, fn) {
      try {
        fn();
        passed++;
        console.log(`ok   ${name}`);
      } catch (error) {
        fail(
          `${name}\n     ${String(error?.message ?? error)
            .split('\n')
            .join('\n     ')}`,
        );
      }
    },
    fail,
    failed: () => failed,
    /** Prints the counts last and sets the exit code: non-zero on a failure or when nothing ran. */
    finish() {
      console.log(`${label}: ${passed} passed, ${failed} failed`);
      process.exitCode = failed > 0 || passed === 0 ? 1 : 0;
    },
  };
}

export function assert(condition, message) {
  if (!condition) throw new Error(message);
}

export function same(actual, expected, what) {
  assert(JSON.stringify(actual) === JSON.stringify(expected), `${what}:\n  expected ${JSON.stringify(expected)}\n  got      ${JSON.stringify(actual)}`);
}

/** Installs Debian packages (as root, or with passwordless sudo), never asking. */
export function aptInstall(packages) {
  const sudo = process.getuid?.() === 0 ? [] : ['sudo', '-n'];
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  for (const args of [
    ['apt-get', 'update', '-qq'],
    ['apt-get', 'install', '-y', '-qq', '--no-install-recommends', ...packages],
  ]) {
    const [command, ...rest] = [...sudo, ...args];
    const r = spawnSync(command, rest, { stdio: ['ignore', 'inherit', 'inherit'], env });
    if (r.status !== 0) throw new Error(`${args.join(' ')} failed (exit ${r.status})`);
  }
}

/**
 * Runs an editor in its own process group; the group (the editor and the server it started) is
 * killed after it ends or after `timeoutMs`. Resolves with its exit code, signal and output.
 */
export function runEditor(command, args, { cwd, env, timeoutMs }) {
  return new Promise((resolvePromise) => {
    const child = spawn(command, args, { cwd, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
    let output = '';
    child.stdout.on('data', (d) => (output += d));
    child.stderr.on('data', (d) => (output += d));
    const timer = setTimeout(() => {
      output += `\n${command} did not finish within ${timeoutMs} ms`;
      killGroup(child.pid);
    }, timeoutMs);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      killGroup(child.pid);
      resolvePromise({ code, signal, output });
    });
  });
}

function killGroup(pid) {
  try {
    process.kill(-pid, 'SIGKILL');
  } catch {
    /* already gone */
  }
}
