import type { Comment } from '../model';
import { range } from '../text';

/** The `<!-- ... -->` comments of one HTML block. */
export function readComments(lines: readonly string[], start: number, end: number): Comment[] {
  const out: Comment[] = [];
  let open: { line: number; character: number } | undefined;
  let buffer = '';
  for (let l = start; l < end; l++) {
    const text = lines[l] ?? '';
    let from = 0;
    while (from <= text.length) {
      if (!open) {
        const at = text.indexOf('<!--', from);
        if (at === -1) break;
        open = { line: l, character: at };
        buffer = '';
        from = at + 4;
      } else {
        const close = text.indexOf('-->', from);
        if (close === -1) {
          buffer += text.slice(from) + '\n';
          break;
        }
        buffer += text.slice(from, close);
        out.push({ text: buffer.trim(), range: range(open.line, open.character, l, close + 3), startLine: open.line, endLine: l });
        open = undefined;
        from = close + 3;
      }
    }
  }
  if (open) {
    // An unclosed comment runs to the end of its HTML block.
    const last = end - 1;
    out.push({ text: buffer.trim(), range: range(open.line, open.character, last, (lines[last] ?? '').length), startLine: open.line, endLine: last });
  }
  return out;
}

/**
 * The lines that hold a comment, with every comment blanked out: spaces of the same length, so
 * that columns stay exact. Lines without a comment are not in the map.
 */
export function blankComments(lines: readonly string[], comments: readonly Comment[]): Map<number, string> {
  const blanked = new Map<number, string>();
  for (const c of comments) {
    for (let l = c.startLine; l <= c.endLine; l++) {
      const text = blanked.get(l) ?? lines[l] ?? '';
      const from = l === c.range.start.line ? c.range.start.character : 0;
      const to = l === c.range.end.line ? c.range.end.character : text.length;
      blanked.set(l, text.slice(0, from) + ' '.repeat(Math.max(0, to - from)) + text.slice(to));
    }
  }
  return blanked;
}

/** Lines that hold nothing but comments and white space, from the lines `blankComments` gave. */
export function commentOnlyLines(lineCount: number, blanked: ReadonlyMap<number, string>): Uint8Array {
  const result = new Uint8Array(lineCount);
  for (const [l, rest] of blanked) if (rest.trim() === '') result[l] = 1;
  return result;
}
