import * as fs from 'node:fs';
import * as path from 'node:path';

/** The repository root: the nearest folder above the compiled test that holds package.json. */
export const ROOT = findRoot(__dirname);

function findRoot(from: string): string {
  for (let dir = from; ; dir = path.dirname(dir)) {
    if (fs.existsSync(path.join(dir, 'package.json'))) return dir;
    if (path.dirname(dir) === dir) throw new Error('no package.json above ' + from);
  }
}

export function readRepoFile(relative: string): string {
  return fs.readFileSync(path.join(ROOT, relative), 'utf8');
}
