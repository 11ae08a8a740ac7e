import * as path from 'node:path';
import { candidateIds, slugify } from '../core';

/**
 * Where and how New Spec Delta writes its file, free of `vscode` so that unit tests can race it.
 * Nothing here overwrites a file or writes outside the workspace folder.
 */

/** The few file-system calls the creation needs (node:fs/promises fits; tests pass their own). */
export interface CreationFs {
  /** With `flag: 'wx'`: fails with EEXIST when the path exists, a dangling symbolic link included. */
  writeFile(file: string, data: string, options: { flag: 'wx' }): Promise<unknown>;
  mkdir(directory: string, options: { recursive: true }): Promise<unknown>;
  realpath(file: string): Promise<string>;
}

/**
 * The folder the `specDelta.newSpecDelta.folder` setting names, created if needed. Refused (a
 * message instead) when it leads outside the workspace folder, by `..` or through a symbolic link.
 */
export async function targetDirectory(fs: CreationFs, workspaceFolder: string, setting: string): Promise<{ directory: string } | { error: string }> {
  const outside = { error: `the folder setting '${setting}' points outside the workspace folder.` };
  const directory = path.resolve(workspaceFolder, setting);
  if (!isInside(workspaceFolder, directory)) return outside;
  const root = await fs.realpath(workspaceFolder);
  // A link below the workspace folder must not lead the folders made for the file elsewhere.
  if (!isInside(root, await realpathOfExisting(fs, directory))) return outside;
  await fs.mkdir(directory, { recursive: true });
  if (!isInside(root, await fs.realpath(directory))) return outside;
  return { directory };
}

/**
 * Writes the new file with the `wx` flag, so that a file that exists or appears meanwhile (even in
 * a race with another window) is never replaced: the id moves on to the next number instead.
 * Returns the path written, or undefined when no free name was found.
 */
export async function createExclusively(
  fs: CreationFs,
  directory: string,
  id: string,
  title: string,
  render: (id: string) => string,
): Promise<string | undefined> {
  for (const candidate of candidateIds(id)) {
    const file = path.join(directory, `${candidate}-${slugify(title)}.md`);
    try {
      await fs.writeFile(file, render(candidate), { flag: 'wx' });
      return file;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
  }
  return undefined;
}

function isInside(root: string, target: string): boolean {
  const relative = path.relative(root, target);
  return relative === '' || (!relative.startsWith(`..${path.sep}`) && relative !== '..' && !path.isAbsolute(relative));
}

/** The real path of the nearest existing folder at or above `target`, with the rest appended. */
async function realpathOfExisting(fs: CreationFs, target: string): Promise<string> {
  const rest: string[] = [];
  for (let at = target; ; at = path.dirname(at)) {
    try {
      return path.join(await fs.realpath(at), ...rest.reverse());
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT' || path.dirname(at) === at) throw error;
      rest.push(path.basename(at));
    }
  }
}
