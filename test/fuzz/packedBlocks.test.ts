import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import * as fc from 'fast-check';
import { readBlocks } from '../../server/src/core/parse/blocks';
import { packBlocks, readPackedBlocks, unpackBlocks } from '../../server/src/core/parse/packedBlocks';
import { parseDocument } from '../../server/src/core/languageService';
import { splitLines } from '../../server/src/core/text';
import { BASES, check, mutatedDocument, randomDocument, runs } from '../support/fuzzing';

/**
 * The CLI's read-ahead thread finds a text's blocks and hands them over packed (cli/readAhead.ts):
 * unpacked on the other side, after a structured clone as between threads, they must be the
 * blocks markdown-it gives, and the document parsed from them the document parsed from the text.
 */

/** Every kind of block a pack holds, twice, with front matter, its lines ended with CRLF. */
const EVERY_BLOCK = [
  '---',
  'title: front matter',
  '---',
  '# Spec Delta: INVARIANT-042 Title',
  '',
  'Setext heading',
  'over two lines',
  '==============',
  '',
  '<!-- a comment -->',
  '<div>html <!-- unclosed',
  '',
  '```ts',
  'code',
  '```',
  '',
  '    indented code',
  '',
  '| a | b |',
  '|---|---|',
  '| 1 | 2 |',
  '| 3 | 4 |',
  '',
  'x | y | z',
  '--|--|--',
  '',
  '1. one',
  '2) two',
  '',
  '7) seven',
  '',
  '- [x] bullet',
  '* [ ] star',
  '+ plus',
  '',
  '> # quoted heading',
  '> 1. quoted list',
  '',
  '[ref]: https://example.com "title"',
  '[Other Ref]: <https://example.com>',
  '',
  '## Last',
].join('\r\n');

function roundTrip(text: string): void {
  const blocks = readBlocks(text, splitLines(text));
  const packed = structuredClone(packBlocks(blocks));
  assert.deepEqual(unpackBlocks(packed), blocks);
  assert.deepEqual(parseDocument(text, 'file:///a.md', 0, undefined, structuredClone(readPackedBlocks(text))), parseDocument(text, 'file:///a.md', 0));
}

test('packed blocks unpack to the blocks and the document markdown-it gives: every kind of block', () => {
  const blocks = readBlocks(EVERY_BLOCK, splitLines(EVERY_BLOCK));
  for (const [name, count] of Object.entries({
    headings: blocks.headings.length,
    codeBlocks: blocks.codeBlocks.length,
    comments: blocks.comments.length,
    tables: blocks.tables.length,
    orderedLists: blocks.orderedLists.length,
    bulletItemLines: blocks.bulletItemLines.size,
    references: blocks.references.size,
    frontMatterLines: blocks.frontMatterLines,
  }))
    assert.ok(count >= 2, `the text has ${name} to pack (${count})`);
  roundTrip(EVERY_BLOCK);
  for (const { name, text } of BASES) assert.doesNotThrow(() => roundTrip(text), name);
});

test('packed blocks round-trip on random and mutated spec deltas', () => {
  check(
    fc.property(
      fc.oneof(
        randomDocument,
        mutatedDocument.map((m) => m.text),
      ),
      (text) => roundTrip(text),
    ),
    runs(200),
  );
});
