import * as fs from 'node:fs';
import * as path from 'node:path';

/**
 * Writes a file so that a reader never sees half of it: the text goes to a temporary file in
 * the same folder, which then replaces the original in one rename. The original's mode is kept.
 * A symbolic link is refused: the rename would replace the link with a copy, and writing through
 * it would change a file outside the paths given.
 */
export function writeFileAtomic(file: string, text: string): void {
  const directory = path.dirname(file);
  // The name is cut so that a long file name still leaves room for the suffix (NAME_MAX is 255).
  const temporary = path.join(directory, `.${path.basename(file).slice(0, 200)}.${process.pid}.${Date.now()}.tmp`);
  let stat: fs.Stats | undefined;
  try {
    stat = fs.lstatSync(file);
  } catch {
    stat = undefined;
  }
  if (stat?.isSymbolicLink()) throw new Error('it is a symbolic link; fix the file it points to instead');
  const mode = stat?.mode;
  try {
    fs.writeFileSync(temporary, text, { encoding: 'utf8', flag: 'wx', mode });
    fs.renameSync(temporary, file);
  } catch (error) {
    fs.rmSync(temporary, { force: true });
    throw error;
  }
}
