import * as fsp from 'node:fs/promises';
import * as path from 'node:path';
import type { CreationFs } from '../node/newSpecDeltaFile';

/**
 * New Spec Delta's file-system calls with a write that is atomic as well as exclusive: the text
 * goes to a temporary file, which is then hard-linked to the name (link fails with EEXIST when the
 * name is taken, as `wx` does), so that a reader (an assistant's next lint) never sees half a file.
 */
export const atomicCreationFs: CreationFs = {
  mkdir: (directory, options) => fsp.mkdir(directory, options),
  realpath: (file) => fsp.realpath(file),
  async writeFile(file, data) {
    const temporary = path.join(path.dirname(file), `.${path.basename(file).slice(0, 200)}.${process.pid}.${Date.now()}.tmp`);
    await fsp.writeFile(temporary, data, { encoding: 'utf8', flag: 'wx' });
    try {
      await fsp.link(temporary, file);
    } catch (error) {
      // A file system without hard links (FAT, some network shares): exclusive, if not atomic.
      if (!['EPERM', 'ENOTSUP', 'EOPNOTSUPP', 'ENOSYS'].includes((error as NodeJS.ErrnoException).code ?? '')) throw error;
      await fsp.writeFile(file, data, { encoding: 'utf8', flag: 'wx' });
    } finally {
      await fsp.rm(temporary, { force: true });
    }
  },
};
