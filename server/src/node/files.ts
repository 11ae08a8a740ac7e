import * as fs from 'node:fs';
import * as path from 'node:path';
import { globSync } from 'tinyglobby';

/** Folders never searched for spec deltas. */
const SKIPPED = new Set(['node_modules', '.git', '.hg', '.svn', 'dist', 'out', '.cache']);

export class PathError extends Error {}

export interface FoundFile {
  readonly path: string;
  /** Named on the command line: linted whatever its title says. */
  readonly explicit: boolean;
}

/**
 * Expands the command line's paths: files as they are, folders recursively (Markdown files only),
 * globs with tinyglobby. Throws a PathError for a path that does not exist or a glob that matches
 * nothing, so that a typo in CI fails loudly instead of linting nothing.
 */
export function expandPaths(args: readonly string[], cwd: string): FoundFile[] {
  const found = new Map<string, FoundFile>();
  const add = (file: string, explicit: boolean): void => {
    const absolute = path.resolve(cwd, file);
    const existing = found.get(absolute);
    if (!existing || (explicit && !existing.explicit)) found.set(absolute, { path: absolute, explicit });
  };
  for (const arg of args) {
    // A path that exists is taken as it is, even with glob characters in its name (`notes [draft].md`).
    if (isGlob(arg) && !fs.existsSync(path.resolve(cwd, arg))) {
      // Like the folder walk, a glob does not follow links into other folders (--fix would write there).
      const matches = globSync(arg, { cwd, absolute: true, dot: false, followSymbolicLinks: false, ignore: [...SKIPPED].map((d) => `**/${d}/**`) });
      if (matches.length === 0) throw new PathError(`no files match '${arg}'`);
      for (const m of matches) if (m.toLowerCase().endsWith('.md') && isRegularFile(m)) add(m, false);
      continue;
    }
    let stat: fs.Stats;
    try {
      stat = fs.statSync(path.resolve(cwd, arg));
    } catch (error) {
      throw new PathError(`cannot read '${arg}': ${describe(error)}`);
    }
    if (stat.isDirectory()) for (const file of walkMarkdown(path.resolve(cwd, arg))) add(file, false);
    else if (stat.isFile()) add(arg, true);
    // Reading a pipe with no writer waits forever; a device or a socket is no document either.
    else throw new PathError(`cannot lint '${arg}': it is ${kindOf(stat)}, not a file; name a Markdown file, a folder or a glob`);
  }
  return [...found.values()].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

/** Every Markdown file below a folder, skipping dependency and build folders and symbolic links (which may lead out of it). */
export function* walkMarkdown(directory: string): Generator<string> {
  let entries: fs.Dirent[];
  try {
    entries = fs.readdirSync(directory, { withFileTypes: true });
  } catch (error) {
    throw new PathError(`cannot read '${directory}': ${describe(error)}`);
  }
  for (const entry of entries) {
    if (entry.isDirectory()) {
      if (!SKIPPED.has(entry.name)) yield* walkMarkdown(path.join(directory, entry.name));
    } else if (entry.isFile() && entry.name.toLowerCase().endsWith('.md')) {
      yield path.join(directory, entry.name);
    }
  }
}

/** Not a link, pipe, device or socket: what the folder walk keeps too. */
function isRegularFile(file: string): boolean {
  try {
    return fs.lstatSync(file).isFile();
  } catch {
    return false;
  }
}

function kindOf(stat: fs.Stats): string {
  if (stat.isFIFO()) return 'a named pipe';
  if (stat.isSocket()) return 'a socket';
  if (stat.isCharacterDevice() || stat.isBlockDevice()) return 'a device';
  return 'a special file';
}

function isGlob(arg: string): boolean {
  return /[*?[\]{}]/.test(arg);
}

export function describe(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'ENOENT') return 'no such file or directory';
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
  if (code === 'EISDIR') return 'is a directory';
  return (error as Error).message ?? String(error);
}
