import * as fs from 'node:fs';
import * as path from 'node:path';

/**
 * The MCP server's confinement: every path an assistant names is resolved against the root (the
 * folder the server starts in, or `--root`) and refused when it leads outside it, by `..`, by an
 * absolute path elsewhere or through a symbolic link. A refusal's message says why, so that the
 * assistant can correct the call instead of retrying it.
 */
export class OutsideRootError extends Error {}

export class Root {
  /** The root's real path: links to it or above it are resolved once, at start. */
  readonly path: string;

  constructor(root: string) {
    this.path = fs.realpathSync(root);
  }

  /**
   * The absolute path of `given` below the root. Checks the path as written and then its real
   * path (of the nearest existing folder above it for a path that does not exist yet).
   */
  resolve(given: string, what = 'path'): string {
    if (given.includes('\0')) throw new OutsideRootError(`the ${what} '${given.replace(/\0/g, '\\0')}' holds a NUL character`);
    const absolute = path.resolve(this.path, given);
    if (!isInside(this.path, absolute)) {
      throw new OutsideRootError(`the ${what} '${given}' is outside the root ${this.path}: name a path inside it (relative paths are taken from the root)`);
    }
    const real = realpathOfExisting(absolute);
    if (!isInside(this.path, real)) {
      throw new OutsideRootError(`the ${what} '${given}' leads outside the root ${this.path} through a symbolic link (to ${real}): name a path inside it`);
    }
    return absolute;
  }

  /** How a result names a file: relative to the root, with forward slashes. */
  relative(file: string): string {
    return path.relative(this.path, file).split(path.sep).join('/') || '.';
  }
}

function isInside(root: string, target: string): boolean {
  const relative = path.relative(root, target);
  return relative === '' || (!relative.startsWith(`..${path.sep}`) && relative !== '..' && !path.isAbsolute(relative));
}

/** The real path of the nearest existing folder at or above `target`, with the rest appended. */
function realpathOfExisting(target: string): string {
  const rest: string[] = [];
  for (let at = target; ; at = path.dirname(at)) {
    try {
      return path.join(fs.realpathSync(at), ...rest.reverse());
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT' || path.dirname(at) === at) throw error;
      rest.push(path.basename(at));
    }
  }
}
