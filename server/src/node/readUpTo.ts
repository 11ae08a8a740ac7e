import * as fs from 'node:fs';

/**
 * A file's size and text, or only its first `headBytes` when it is over `limit` bytes: one open,
 * one fstat and bounded reads. A stat of the path and then a read of the whole file took a second
 * open, and read all of a file that grew past the limit in between.
 */
export function readUpTo(file: string, limit: number, headBytes: number): { size: number; text: string } {
  const fd = fs.openSync(file, 'r');
  try {
    const size = fs.fstatSync(fd).size;
    if (size > limit) return { size, text: readFrom(fd, headBytes) };
    // A size of 0 may be a file whose size the system does not know: read it to its end.
    return { size, text: size === 0 ? fs.readFileSync(fd, 'utf8') : readFrom(fd, size) };
  } finally {
    fs.closeSync(fd);
  }
}

/** Up to `bytes` from the start of an open file, as UTF-8. */
function readFrom(fd: number, bytes: number): string {
  const buffer = Buffer.allocUnsafe(bytes);
  let length = 0;
  for (let n = -1; n !== 0 && length < bytes; length += n) n = fs.readSync(fd, buffer, length, bytes - length, length);
  return buffer.toString('utf8', 0, length);
}
