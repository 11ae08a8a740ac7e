import { spawnSync, type SpawnSyncOptions } from 'node:child_process';
import * as path from 'node:path';
import { run } from '../../server/src/cli/main';
import { ROOT } from './repo';

/** Running `spec-delta`: in-process (fast: what most CLI tests need), or the built bin in a process of its own (the wire). */

export interface CliResult {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** `spec-delta <argv>` run in-process in `cwd`, its output captured. */
export function cli(cwd: string, ...argv: string[]): CliResult {
  let stdout = '';
  let stderr = '';
  const code = run(
    argv,
    cwd,
    (s) => (stdout += s),
    (s) => (stderr += s),
  );
  return { code, stdout, stderr };
}

/** `node bin/spec-delta.js <argv>` in a process of its own (it runs the built dist/cli.js). */
export function binCli(cwd: string, argv: readonly string[], options: Omit<SpawnSyncOptions, 'cwd' | 'encoding'> = {}): CliResult {
  const child = spawnSync(process.execPath, [path.join(ROOT, 'bin/spec-delta.js'), ...argv], { ...options, cwd, encoding: 'utf8' });
  return { code: child.status ?? -1, stdout: child.stdout, stderr: child.stderr };
}
