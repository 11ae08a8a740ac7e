import type { Comment, Heading } from '../model';
import { range, splitLines } from '../text';
import { type Blocks, type OrderedItem, type TableBlock, readBlocks } from './blocks';

/**
 * A document's block structure as two flat arrays, to hand it from the thread that read it to
 * the thread that builds the model (the CLI's read-ahead, cli/readAhead.ts). A structured clone
 * of the Blocks objects (several hundred small objects per spec delta) cost the receiving
 * thread about as much as finding them; these cost it one copy of each array.
 */
export interface PackedBlocks {
  readonly kinds: Uint8Array;
  readonly numbers: Int32Array;
  readonly strings: readonly string[];
}

export function packBlocks(blocks: Blocks): PackedBlocks {
  const n: number[] = [blocks.frontMatterLines];
  const s: string[] = [];
  n.push(blocks.headings.length);
  for (const h of blocks.headings) {
    n.push(h.level, h.line, h.endLine);
    pushRange(n, h.name.range);
    pushRange(n, h.range);
    s.push(h.name.text);
  }
  n.push(blocks.codeBlocks.length);
  for (const c of blocks.codeBlocks) n.push(c.startLine, c.endLine, c.fenced ? 1 : 0);
  n.push(blocks.comments.length);
  for (const c of blocks.comments) {
    pushRange(n, c.range);
    n.push(c.startLine, c.endLine);
    s.push(c.text);
  }
  n.push(blocks.tables.length);
  // Loops, not spreads: a spread passes every element as an argument, and a document of a
  // million list items or table rows would overflow the call.
  for (const t of blocks.tables) {
    n.push(t.headerLine, t.columns, t.bodyLines.length);
    for (const line of t.bodyLines) n.push(line);
  }
  n.push(blocks.orderedLists.length);
  for (const list of blocks.orderedLists) {
    n.push(list.length);
    for (const item of list) {
      n.push(item.line, item.number, item.contentLine);
      s.push(item.marker);
    }
  }
  n.push(blocks.bulletItemLines.size);
  for (const line of blocks.bulletItemLines) n.push(line);
  n.push(blocks.references.size);
  for (const label of blocks.references) s.push(label);
  return { kinds: blocks.kinds, numbers: Int32Array.from(n), strings: s };
}

/** The block structure of a text, packed: what another thread needs to parse the text without markdown-it. */
export function readPackedBlocks(text: string): PackedBlocks {
  return packBlocks(readBlocks(text, splitLines(text)));
}

export function unpackBlocks(packed: PackedBlocks): Blocks {
  const n = packed.numbers;
  const s = packed.strings;
  let i = 0;
  let j = 0;
  const num = (): number => n[i++]!;
  const str = (): string => s[j++]!;
  const readRange = () => range(num(), num(), num(), num());
  const times = <T>(count: number, read: () => T): T[] => Array.from({ length: count }, read);
  const frontMatterLines = num();
  const headings = times(num(), (): Heading => {
    const level = num();
    const line = num();
    const endLine = num();
    const nameRange = readRange();
    return { level, line, endLine, name: { text: str(), range: nameRange }, range: readRange() };
  });
  const codeBlocks = times(num(), () => ({ startLine: num(), endLine: num(), fenced: num() === 1 }));
  const comments = times(num(), (): Comment => {
    const commentRange = readRange();
    return { text: str(), range: commentRange, startLine: num(), endLine: num() };
  });
  const tables = times(num(), (): TableBlock => {
    const headerLine = num();
    const columns = num();
    return { headerLine, bodyLines: times(num(), num), columns };
  });
  const orderedLists = times(num(), () => times(num(), (): OrderedItem => ({ line: num(), number: num(), marker: str(), contentLine: num() })));
  const bulletItemLines = new Set(times(num(), num));
  const references = new Set(times(num(), str));
  return { kinds: packed.kinds, headings, codeBlocks, comments, tables, orderedLists, bulletItemLines, references, frontMatterLines };
}

function pushRange(n: number[], r: { start: { line: number; character: number }; end: { line: number; character: number } }): void {
  n.push(r.start.line, r.start.character, r.end.line, r.end.character);
}
