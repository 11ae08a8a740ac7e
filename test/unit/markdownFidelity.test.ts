import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import MarkdownIt, { type Token } from 'markdown-it';
import type { SpecDeltaDocument } from '../../server/src/core/model';
import { parseSpecDelta } from '../../server/src/core/parser';
import { BlockState, blockTokens, frontMatterLength } from '../../server/src/core/parse/blocks';
import { APPROVED } from '../support/fixtures';
import { edit } from '../support/textEdits';
import { lint } from '../support/diagnostics';

/**
 * Issue 18: the parser reads the document GitHub renders. For every CommonMark spec example and
 * every GFM table and task list example, the outline, sections, tables, ordered list items, task
 * items and code blocks of
 * the model equal what markdown-it's full parse (block and inline, tables on) makes of the same
 * text; and quoting any of them in a clean spec delta adds no finding.
 */

interface Example {
  readonly name: string;
  readonly markdown: string;
}

// commonmark-spec ships its examples as data without type declarations: the cast types them.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const commonmark = (require('commonmark-spec') as { tests: { markdown: string; number: number; section: string }[] }).tests.map((t): Example => ({
  name: `CommonMark example ${t.number} (${t.section})`,
  markdown: t.markdown.replace(/→/g, '\t'),
}));

/** The table examples of the GFM spec (section 4.10, examples 198-205). */
const GFM_TABLES: readonly string[] = [
  '| foo | bar |\n| --- | --- |\n| baz | bim |\n',
  '| abc | defghi |\n:-: | -----------:\nbar | baz\n',
  '| f\\|oo  |\n| ------ |\n| b `\\|` az |\n| b **\\|** im |\n',
  '| abc | def |\n| --- | --- |\n| bar | baz |\n> bar\n',
  '| abc | def |\n| --- | --- |\n| bar | baz |\nbar\n\nbar\n',
  '| abc | def |\n| --- |\n| bar |\n',
  '| abc | def |\n| --- | --- |\n| bar |\n| bar | baz | boo |\n',
  '| abc | def |\n| --- | --- |\n',
];

/** The task list examples of the GFM spec (section 5.3, examples 279-280): the template's checkboxes. */
const GFM_TASKS: readonly string[] = ['- [ ] foo\n- [x] bar\n', '- [x] foo\n  - [ ] bar\n  - [x] baz\n- [ ] bim\n'];

const EXAMPLES: readonly Example[] = [
  ...commonmark,
  ...GFM_TABLES.map((markdown, i) => ({ name: `GFM table example ${198 + i}`, markdown })),
  ...GFM_TASKS.map((markdown, i) => ({ name: `GFM task list example ${279 + i}`, markdown })),
];

const full = new MarkdownIt({ html: true });

interface Structure {
  headings: [line: number, endLine: number, level: number, text: string][];
  sections: [name: string, start: number, end: number, subsections: [string, number, number][]][];
  tables: [header: number, rows: number[], cells: string[][]][];
  items: [line: number, number: number, empty: boolean][];
  /** Task list items: [line, checked]. */
  tasks: [line: number, checked: boolean][];
  code: [start: number, end: number, fenced: boolean][];
}

/** What markdown-it's full parse shows, outside block quotes (quoted material is not structure). */
function rendered(markdown: string): Structure {
  const lines = markdown.split('\n');
  // Front matter is not rendered as Markdown (GitHub shows it apart): blank it as the parser does.
  const front = frontMatterLength(lines);
  const tokens = full.parse('\n'.repeat(front) + lines.slice(front).join('\n'), {});
  const s: Structure = { headings: [], sections: [], tables: [], items: [], tasks: [], code: [] };
  let quote = 0;
  let lists: boolean[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    if (t.type === 'blockquote_open') quote++;
    else if (t.type === 'blockquote_close') quote--;
    if (quote > 0) continue;
    if (t.type === 'ordered_list_open' || t.type === 'bullet_list_open') lists.push(t.type === 'ordered_list_open');
    else if (t.type === 'ordered_list_close' || t.type === 'bullet_list_close') lists = lists.slice(0, -1);
    else if (t.type === 'heading_open' && t.level === 0) s.headings.push([t.map![0], t.map![1] - 1, Number(t.tag.slice(1)), tokens[i + 1]!.content]);
    else if (t.type === 'fence' || t.type === 'code_block') s.code.push([t.map![0], t.map![1], t.type === 'fence']);
    else if (t.type === 'list_item_open' && lists[lists.length - 1]) s.items.push([t.map![0], Number(t.info), tokens[i + 1]!.type === 'list_item_close']);
    else if (t.type === 'list_item_open' && tokens[i + 1]!.map?.[0] === t.map![0] && tokens[i + 1]!.type === 'paragraph_open') {
      const task = /^\[([ xX])\](?:[ \t]|$)/.exec(tokens[i + 2]!.content);
      if (task) s.tasks.push([t.map![0], task[1] !== ' ']);
    } else if (t.type === 'table_open') s.tables.push(table(tokens, i));
  }
  s.sections = outline(s.headings, lines.length);
  return s;
}

function table(tokens: readonly Token[], open: number): Structure['tables'][number] {
  const rows: { line: number; cells: string[] }[] = [];
  for (let i = open + 1; tokens[i]!.type !== 'table_close'; i++) {
    const t = tokens[i]!;
    if (t.type === 'tr_open') rows.push({ line: t.map![0], cells: [] });
    if (t.type === 'inline') rows[rows.length - 1]!.cells.push(t.content);
  }
  return [rows[0]!.line, rows.slice(1).map((r) => r.line), rows.map((r) => r.cells)];
}

/** Sections as SPEC section 2 defines them from an outline: H2s, each with the H3s under it. */
function outline(headings: Structure['headings'], lineCount: number): Structure['sections'] {
  const end = (i: number): number => headings.slice(i + 1).find((h) => h[2] <= headings[i]![2])?.[0] ?? lineCount;
  const sections: Structure['sections'] = [];
  headings.forEach((h, i) => {
    if (i === 0 && h[3].toLowerCase().startsWith('spec delta:')) return;
    if (h[2] === 2) sections.push([h[3], h[1] + 1, end(i), []]);
    else if (h[2] === 3 && sections.length > 0) sections[sections.length - 1]![3].push([h[3], h[1] + 1, end(i)]);
  });
  return sections;
}

/** What the parser's model shows, with each range checked against the text it claims to hold. */
function parsed(doc: SpecDeltaDocument): Structure {
  const slice = (r: { start: { line: number; character: number }; end: { line: number; character: number } }): string =>
    doc.lines
      .slice(r.start.line, r.end.line + 1)
      .map((text, i, all) => text.slice(i === 0 ? r.start.character : 0, i === all.length - 1 ? r.end.character : undefined))
      .join('\n');
  for (const h of doc.headings)
    if (h.name.range.start.line === h.name.range.end.line) assert.equal(slice(h.name.range), h.name.text, 'a heading name range holds the name');
  for (const t of doc.tables)
    for (const row of [t.header, ...t.rows])
      for (const c of row.cells) assert.equal(slice(c.range).replace(/\\\|/g, '|'), c.text, 'a cell range holds the cell');
  return {
    headings: doc.headings.map((h) => [h.line, h.endLine, h.level, h.name.text]),
    sections: doc.sections.map((s) => [s.name, s.bodyStartLine, s.bodyEndLine, s.subsections.map((x) => [x.name, x.bodyStartLine, x.bodyEndLine])]),
    tables: doc.tables.map((t) => {
      const columns = t.header.cells.length;
      const pad = (cells: string[]): string[] => [...cells, ...new Array<string>(Math.max(0, columns - cells.length)).fill('')];
      return [t.startLine, t.rows.map((r) => r.line), [t.header, ...t.rows].map((r) => pad(r.cells.map((c) => c.text)))];
    }),
    items: doc.numberedLists.flatMap((l) => l.items.map((i): [number, number, boolean] => [i.line, i.number, i.text.text === ''])),
    tasks: doc.checkboxGroups.flatMap((g) => g.items.map((i): [number, boolean] => [i.line, i.checked])).sort((a, b) => a[0] - b[0]),
    code: doc.codeBlocks.map((c) => [c.startLine, c.endLine, c.fenced]),
  };
}

test('differential: the model sees the structure markdown-it renders, for every CommonMark, GFM table and GFM task list example', () => {
  const disagreements: string[] = [];
  const compared = { headings: 0, sections: 0, tables: 0, items: 0, tasks: 0, code: 0 };
  for (const example of EXAMPLES) {
    const expected = rendered(example.markdown);
    for (const key of Object.keys(compared) as (keyof typeof compared)[]) compared[key] += expected[key].length;
    try {
      assert.deepEqual(parsed(parseSpecDelta(example.markdown)), expected);
    } catch (error) {
      disagreements.push(`${example.name}: ${JSON.stringify(example.markdown)}\n${(error as Error).message.slice(0, 600)}`);
    }
  }
  assert.equal(EXAMPLES.length, 652 + 8 + 2, 'every example is compared');
  // What the examples hold, so that a reader (and a broken comparison) sees the test is not empty.
  assert.deepEqual(compared, { headings: 55, sections: 22, tables: 7, items: 31, tasks: 6, code: 84 });
  assert.deepEqual(disagreements, []);
});

/** The example as a block quote at the end of What Happened. */
function quoted(markdown: string): string {
  const quote = markdown
    .replace(/\n$/, '')
    .split('\n')
    .map((l) => (l === '' ? '>' : `> ${l}`))
    .join('\n');
  return edit(APPROVED, 'the wrong total on the confirmation page.\n', `the wrong total on the confirmation page.\n\n${quote}\n`);
}

test('quoting: every example quoted in What Happened of a clean Approved spec delta adds no finding', () => {
  const clean = lint(APPROVED).map((d) => `${d.code} ${d.message}`);
  const added: string[] = [];
  for (const example of EXAMPLES) {
    const found = lint(quoted(example.markdown)).map((d) => `${d.code} ${d.message}`);
    if (JSON.stringify(found) !== JSON.stringify(clean))
      added.push(`${example.name}: ${JSON.stringify(example.markdown)} -> ${found.filter((f) => !clean.includes(f)).join('; ')}`);
  }
  assert.deepEqual(added, []);
});

/** Texts for the lines' marks: every edge of markdown-it's own line scan (tabs, a last line of spaces with or without a break). */
const LINE_EDGES: readonly string[] = ['a\r\nb\rc\0d\r', '', '\n', 'a', 'a\n', '  a\n\tb\n \t c', 'a\n   ', 'a\n   \n', '\t\t', ' \t\n\n  x  ', 'x\n\n\n'];

test("our block state marks the lines as markdown-it's StateBlock does, and our block tokens are its tokens", () => {
  const stock = new MarkdownIt({ html: true });
  stock.core.ruler.disable(['inline', 'linkify', 'replacements', 'smartquotes', 'text_join']);
  const fields = ['bMarks', 'eMarks', 'tShift', 'sCount', 'bsCount', 'lineMax', 'blkIndent', 'line', 'tight', 'listIndent', 'parentType', 'level'] as const;
  let tokens = 0;
  for (const text of [...LINE_EDGES, ...EXAMPLES.map((e) => e.markdown), APPROVED]) {
    const theirs = new MarkdownIt.StateBlock(text, stock, {}, []);
    const ours = new BlockState(text, stock, {}, []) as unknown as typeof theirs;
    for (const field of fields) assert.deepEqual(ours[field], theirs[field], `${field} of ${JSON.stringify(text)}`);
    // The same stream, token by token, but for a paragraph's text and a table's cells (nothing reads them).
    let inTable = false;
    const expected = stock.parse(text, {}).filter((t) => {
      if (t.type === 'table_open') inTable = true;
      if (t.type === 'table_close') inTable = false;
      return !inTable || ['table_open', 'tr_open', 'th_open'].includes(t.type);
    });
    const actual = blockTokens(text);
    assert.equal(actual.length, expected.length, JSON.stringify(text));
    actual.forEach((token, i) => {
      const other = expected[i]!;
      const inParagraph = token.type === 'inline' && expected[i - 1]?.type === 'paragraph_open';
      for (const key of ['type', 'tag', 'nesting', 'level', 'map', 'markup', 'info', 'block', 'hidden'] as const)
        assert.deepEqual(token[key], other[key], `${key} of token ${i} of ${JSON.stringify(text)}`);
      if (!inParagraph) assert.equal(token.content, other.content, `content of token ${i} of ${JSON.stringify(text)}`);
      tokens++;
    });
  }
  assert.ok(tokens > 3000, `${tokens} tokens compared`);
});
