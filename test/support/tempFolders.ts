import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';

/** Temporary folders on disk for tests that need real files; each is removed however the test ends. */

/** Runs `body` (sync or async) in a fresh temporary folder (its real path) that is removed afterwards, whatever happens. */
export function inTemp<T>(body: (dir: string) => T): T {
  const dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'spec-delta-test-')));
  const remove = (): void => fs.rmSync(dir, { recursive: true, force: true });
  let result: T;
  try {
    result = body(dir);
  } catch (error) {
    remove();
    throw error;
  }
  if (result instanceof Promise) return result.finally(remove) as T;
  remove();
  return result;
}

/** Writes `relative` below `dir`, making its folders; returns the file's path. */
export function write(dir: string, relative: string, text: string | Buffer): string {
  const file = path.join(dir, relative);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, text);
  return file;
}

/** A folder of files on disk for one test file, removed at the end. */
export class TempWorkspace {
  readonly folder = fs.mkdtempSync(path.join(os.tmpdir(), 'spec-delta-protocol-'));

  constructor(files: Readonly<Record<string, string>> = {}) {
    for (const [relative, text] of Object.entries(files)) this.write(relative, text);
  }

  path(relative: string): string {
    return path.join(this.folder, relative);
  }

  uri(relative: string): string {
    return pathToFileURL(this.path(relative)).href;
  }

  write(relative: string, text: string): string {
    fs.mkdirSync(path.dirname(this.path(relative)), { recursive: true });
    fs.writeFileSync(this.path(relative), text);
    return this.uri(relative);
  }

  remove(relative: string): string {
    fs.rmSync(this.path(relative), { force: true });
    return this.uri(relative);
  }

  dispose(): void {
    fs.rmSync(this.folder, { recursive: true, force: true });
  }
}
