import * as fs from 'node:fs';
import * as path from 'node:path';

/**
 * The repository the working directory is in: the nearest folder upward that holds `.git` (a
 * folder in a clone, a file in a worktree or submodule), else the working directory itself.
 * SARIF paths are relative to it, so that code scanning maps them whichever folder CI ran in.
 */
export function repositoryRoot(cwd: string): string {
  const start = path.resolve(cwd);
  for (let dir = start; ; dir = path.dirname(dir)) {
    if (fs.existsSync(path.join(dir, '.git'))) return dir;
    if (path.dirname(dir) === dir) return start;
  }
}
