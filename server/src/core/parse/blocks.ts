import MarkdownIt, { type Token } from 'markdown-it';
import { type CodeBlock, type Comment, type Heading, LineKind } from '../model';
import { lineRange, range } from '../text';
import { readComments } from './comments';

/**
 * markdown-it finds the whole block structure (headings, fences, HTML blocks, lists, tables,
 * link reference definitions, block quotes), so that the model is read from the document GitHub
 * renders, not from a line reader's guess at it. The inline pass is off: the block tokens carry
 * the text of headings and cells, and every rule reads positions from the raw lines, which is
 * exact and cheaper.
 */
const markdown = new MarkdownIt({ html: true });
markdown.core.ruler.disable(['inline', 'linkify', 'replacements', 'smartquotes', 'text_join']);
// markdown-it's normalize rule, run only when there is something to normalize: its two regular
// expressions scanned every document whole, which cost a few percent of the analysis.
markdown.core.ruler.at('normalize', (state) => {
  if (state.src.includes('\r')) state.src = state.src.replace(/\r\n?/g, '\n');
  if (state.src.includes('\0')) state.src = state.src.replace(/\0/g, '\uFFFD');
});

/**
 * A block token with markdown-it's fields and methods, built by plain assignments. markdown-it's
 * own Token constructor defines each field with Object.defineProperty (a transpiled class-field
 * helper); in a profile of the analysis that constructor was over half of the block parse.
 */
class BlockToken {
  declare type: string;
  declare tag: string;
  declare attrs: Token['attrs'];
  declare map: Token['map'];
  declare nesting: Token['nesting'];
  declare level: number;
  declare children: Token['children'];
  declare content: string;
  declare markup: string;
  declare info: string;
  declare meta: Token['meta'];
  declare block: boolean;
  declare hidden: boolean;
  // Plain assignments in the constructor: class fields (ES2022) would be defined properties again.
  constructor(type: string, tag: string, nesting: Token['nesting']) {
    this.type = type;
    this.tag = tag;
    this.attrs = null;
    this.map = null;
    this.nesting = nesting;
    this.level = 0;
    this.children = null;
    this.content = '';
    this.markup = '';
    this.info = '';
    this.meta = null;
    this.block = true;
    this.hidden = false;
  }
}
Object.setPrototypeOf(BlockToken.prototype, MarkdownIt.Token.prototype);

/** Inside a table only these tokens are read: the rows' lines, the header's cells (the column count), the end. */
const TABLE_TOKENS_READ = new Set(['tr_open', 'th_open', 'table_close']);
/** Takes the fields markdown-it's table rule sets on the tokens nobody reads; never in the token list. */
const DISCARDED = new BlockToken('discarded', '', 0) as unknown as Token;

type StateBlock = InstanceType<typeof MarkdownIt.StateBlock>;

/**
 * markdown-it's block state, pushing BlockTokens (`ParserBlock.State` is its extension point).
 * Built by plain assignments, as BlockToken is (markdown-it's constructor defines each field with
 * Object.defineProperty), and its line marks found a line at a time (`markLines`) where
 * markdown-it's constructor looks at every character. A table makes about four tokens per cell
 * (open, inline, close, and the row's); on a 1 MB document with a 5,600-row timeline those were
 * most of the analysis's garbage, so the ones the model does not read go to one discarded token
 * instead. `test/unit/markdownFidelity.test.ts` compares a state with markdown-it's own.
 */
export class BlockState {
  declare src: string;
  declare md: StateBlock['md'];
  declare env: StateBlock['env'];
  declare tokens: Token[];
  declare bMarks: number[];
  declare eMarks: number[];
  declare tShift: number[];
  declare sCount: number[];
  declare bsCount: number[];
  declare blkIndent: number;
  declare line: number;
  declare lineMax: number;
  declare tight: boolean;
  declare listIndent: number;
  declare parentType: string;
  declare level: number;
  declare Token: StateBlock['Token'];
  declare inTable: boolean;

  constructor(src: string, md: StateBlock['md'], env: StateBlock['env'], tokens: Token[]) {
    this.src = src;
    this.md = md;
    this.env = env;
    this.tokens = tokens;
    this.bMarks = [];
    this.eMarks = [];
    this.tShift = [];
    this.sCount = [];
    this.bsCount = [];
    this.blkIndent = 0;
    this.line = 0;
    this.lineMax = 0;
    this.tight = false;
    this.listIndent = -1;
    this.parentType = 'root';
    this.level = 0;
    this.Token = MarkdownIt.Token;
    this.inTable = false;
    markLines(this);
  }

  push(type: string, tag: string, nesting: Token['nesting']): Token {
    if (nesting < 0) this.level--;
    if (this.inTable && !TABLE_TOKENS_READ.has(type)) {
      if (nesting > 0) this.level++;
      return DISCARDED;
    }
    const token = new BlockToken(type, tag, nesting) as unknown as Token;
    token.level = this.level;
    if (nesting > 0) this.level++;
    if (type === 'table_open') this.inTable = true;
    else if (type === 'table_close') this.inTable = false;
    this.tokens.push(token);
    return token;
  }
}
Object.setPrototypeOf(BlockState.prototype, MarkdownIt.StateBlock.prototype);
markdown.block.State = BlockState as unknown as typeof MarkdownIt.StateBlock;

/**
 * Each line's start, end, indentation (spaces and tabs) and indentation width (tabs to the next
 * multiple of 4), as markdown-it's StateBlock constructor finds them, and its one quirk: a last
 * line of only spaces and tabs, with no line break after it, is no line.
 */
function markLines(state: BlockState): void {
  const s = state.src;
  const length = s.length;
  for (let start = 0; start < length;) {
    const newline = s.indexOf('\n', start);
    const end = newline === -1 ? length : newline;
    let pos = start;
    let offset = 0;
    for (; pos < end; pos++) {
      const ch = s.charCodeAt(pos);
      if (ch === 0x20) offset++;
      else if (ch === 0x09) offset += 4 - (offset % 4);
      else break;
    }
    if (newline === -1 && pos === end) break;
    state.bMarks.push(start);
    state.eMarks.push(end);
    state.tShift.push(pos - start);
    state.sCount.push(offset);
    state.bsCount.push(0);
    start = end + 1;
  }
  state.bMarks.push(length);
  state.eMarks.push(length);
  state.tShift.push(0);
  state.sCount.push(0);
  state.bsCount.push(0);
  state.lineMax = state.bMarks.length - 1;
}

/**
 * markdown-it's setext heading rule (`lheading`) and its paragraph rule in one. Both scan a
 * paragraph's lines asking every terminator rule of each line; the setext rule, tried first,
 * gave up at the end of every ordinary paragraph, which the paragraph rule then scanned again.
 * One scan finds where the paragraph ends and whether an underline makes it a heading, and the
 * tokens are theirs, but for the paragraph's text, which with the inline pass off nothing reads
 * (joining its lines was a tenth of the analysis's garbage): the rules after it see the same
 * stream (`test/unit/markdownFidelity.test.ts` compares it with stock markdown-it's).
 */
function paragraphOrSetextHeading(state: StateBlock, startLine: number, endLine: number): boolean {
  const terminatorRules = state.md.block.ruler.getRules('paragraph');
  const mayBeHeading = state.sCount[startLine]! - state.blkIndent < 4;
  const oldParentType = state.parentType;
  state.parentType = 'paragraph';
  let level = 0;
  let marker = 0;
  let nextLine = startLine + 1;
  for (; nextLine < endLine && !state.isEmpty(nextLine); nextLine++) {
    // Indented code and lines with negative indentation (in lists) never end a paragraph.
    if (state.sCount[nextLine]! - state.blkIndent > 3) continue;
    if (mayBeHeading && state.sCount[nextLine]! >= state.blkIndent) {
      const max = state.eMarks[nextLine]!;
      let pos = state.bMarks[nextLine]! + state.tShift[nextLine]!;
      const ch = pos < max ? state.src.charCodeAt(pos) : 0;
      if (ch === 0x2d /* - */ || ch === 0x3d /* = */) {
        pos = state.skipSpaces(state.skipChars(pos, ch));
        if (pos >= max) {
          level = ch === 0x3d ? 1 : 2;
          marker = ch;
          break;
        }
      }
    }
    if (state.sCount[nextLine]! < 0) continue;
    let terminate = false;
    for (const rule of terminatorRules) if ((terminate = rule(state, nextLine, endLine, true))) break;
    if (terminate) break;
  }
  if (level > 0) {
    state.line = nextLine + 1;
    const open = state.push('heading_open', `h${level}`, 1);
    open.markup = String.fromCharCode(marker);
    open.map = [startLine, state.line];
    const inline = state.push('inline', '', 0);
    inline.content = markdown.utils.asciiTrim(state.getLines(startLine, nextLine, state.blkIndent, false));
    inline.map = [startLine, state.line - 1];
    inline.children = [];
    state.push('heading_close', `h${level}`, -1).markup = String.fromCharCode(marker);
  } else {
    state.line = nextLine;
    state.push('paragraph_open', 'p', 1).map = [startLine, nextLine];
    state.push('inline', '', 0).map = [startLine, nextLine];
    state.push('paragraph_close', 'p', -1);
  }
  state.parentType = oldParentType;
  return true;
}
markdown.block.ruler.at('paragraph', paragraphOrSetextHeading);
markdown.block.ruler.disable('lheading');

/** A table as markdown-it found it: the lines of its rows and its column count. */
export interface TableBlock {
  readonly headerLine: number;
  readonly bodyLines: readonly number[];
  readonly columns: number;
}

/** An ordered list item: its line, number, and the first line of its content (-1 when empty). */
export interface OrderedItem {
  readonly line: number;
  readonly number: number;
  /** The marker as written (`1.`, `2)`). */
  readonly marker: string;
  readonly contentLine: number;
}

export interface Blocks {
  readonly kinds: Uint8Array;
  /** Headings outside block quotes and lists: the document's own outline. */
  readonly headings: Heading[];
  readonly codeBlocks: CodeBlock[];
  readonly comments: Comment[];
  readonly tables: TableBlock[];
  /** Ordered lists outside block quotes, each the items of one list. */
  readonly orderedLists: OrderedItem[][];
  /** Lines on which a bullet list item starts (checkboxes live only there). */
  readonly bulletItemLines: Set<number>;
  /** Labels of link reference definitions, as CommonMark normalises them. */
  readonly references: ReadonlySet<string>;
  /** Lines of the YAML front matter, `---` to `---` included; 0 when there is none. */
  readonly frontMatterLines: number;
}

/** The length in lines of YAML front matter: `---` on the first line up to the next `---` or `...`. */
export function frontMatterLength(lines: readonly string[]): number {
  const first = lines[0] ?? '';
  if (!/^(?:\uFEFF)?---[ \t]*$/.test(first)) return 0;
  for (let l = 1; l < lines.length; l++) if (/^(?:---|\.\.\.)[ \t]*$/.test(lines[l]!)) return l + 1;
  return 0;
}

/** markdown-it's block tokens of a text as readBlocks gets them (for the fidelity tests). */
export function blockTokens(source: string): Token[] {
  return markdown.parse(source, {});
}

/** The block structure of a text. */
export function readBlocks(text: string, lines: readonly string[]): Blocks {
  const frontMatterLines = frontMatterLength(lines);
  let source = text.charCodeAt(0) === 0xfeff ? ' ' + text.slice(1) : text;
  // Front matter becomes blank lines: markdown-it sees the document after it, with the same line numbers.
  if (frontMatterLines > 0) source = '\n'.repeat(frontMatterLines) + lines.slice(frontMatterLines).join('\n');
  const env: { references?: Record<string, { title: string; href: string }> } = {};
  const tokens = markdown.parse(source, env);
  const kinds = new Uint8Array(lines.length);
  for (let l = 0; l < frontMatterLines; l++) kinds[l] = LineKind.FrontMatter;
  const blocks: Blocks = {
    kinds,
    headings: [],
    codeBlocks: [],
    comments: [],
    tables: [],
    orderedLists: [],
    bulletItemLines: new Set(),
    references: new Set(Object.keys(env.references ?? {})),
    frontMatterLines,
  };
  let quoteDepth = 0;
  const openLists: (OrderedItem[] | undefined)[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i]!;
    const map = token.map;
    switch (token.type) {
      case 'blockquote_open':
        if (quoteDepth++ === 0 && map) mark(kinds, map, LineKind.Quote);
        continue;
      case 'blockquote_close':
        quoteDepth--;
        continue;
      case 'bullet_list_open':
      case 'ordered_list_open': {
        const items = token.type === 'ordered_list_open' && quoteDepth === 0 ? [] : undefined;
        if (items) blocks.orderedLists.push(items);
        openLists.push(items);
        continue;
      }
      case 'bullet_list_close':
      case 'ordered_list_close':
        openLists.pop();
        continue;
    }
    if (quoteDepth === 0 && map) i = readLeaf(blocks, lines, tokens, i, map, openLists.length > 0, openLists[openLists.length - 1]);
  }
  return blocks;
}

/**
 * Reads the block at `tokens[i]` (outside block quotes) into `blocks`; returns the index of its
 * last token. `items` is the ordered list the token stands in directly, if any.
 */
function readLeaf(
  blocks: Blocks,
  lines: readonly string[],
  tokens: readonly Token[],
  i: number,
  map: [number, number],
  inList: boolean,
  items: OrderedItem[] | undefined,
): number {
  const token = tokens[i]!;
  switch (token.type) {
    case 'heading_open':
      mark(blocks.kinds, map, LineKind.Heading);
      if (!inList) blocks.headings.push(readHeading(lines, token, tokens[i + 1]!, map));
      return i;
    case 'fence':
    case 'code_block':
      blocks.codeBlocks.push({ startLine: map[0], endLine: map[1], fenced: token.type === 'fence' });
      mark(blocks.kinds, map, LineKind.Code);
      return i;
    case 'html_block':
      mark(blocks.kinds, map, LineKind.Html);
      blocks.comments.push(...readComments(lines, map[0], map[1]));
      return i;
    case 'table_open':
      mark(blocks.kinds, map, LineKind.Table);
      return readTable(tokens, i, blocks.tables);
    case 'list_item_open': {
      if (items) {
        const next = tokens[i + 1]!;
        items.push({
          line: map[0],
          number: Number(token.info),
          marker: token.info + token.markup,
          contentLine: next.type === 'list_item_close' ? -1 : (next.map?.[0] ?? map[0]),
        });
      } else if (token.markup === '-' || token.markup === '*' || token.markup === '+') blocks.bulletItemLines.add(map[0]);
      return i;
    }
    default:
      return i;
  }
}

function mark(kinds: Uint8Array, map: [number, number], kind: LineKind): void {
  for (let l = map[0]; l < map[1] && l < kinds.length; l++) kinds[l] = kind;
}

/** Reads one table's row lines and column count; returns the index of its `table_close`. */
function readTable(tokens: readonly Token[], open: number, tables: TableBlock[]): number {
  const lines: number[] = [];
  let columns = 0;
  let i = open + 1;
  for (; i < tokens.length && tokens[i]!.type !== 'table_close'; i++) {
    const token = tokens[i]!;
    if (token.type === 'tr_open') lines.push(token.map![0]);
    else if (token.type === 'th_open') columns++;
  }
  if (lines.length > 0) tables.push({ headerLine: lines[0]!, bodyLines: lines.slice(1), columns });
  return i;
}

function readHeading(lines: readonly string[], token: Token, inline: Token, map: [number, number]): Heading {
  const level = Number(token.tag.slice(1));
  const line = map[0];
  const text = lines[line] ?? '';
  // markdown-it's content is the name as rendered (closing hashes and padding gone); find it in the line.
  const content = inline.content;
  if (token.markup.startsWith('#')) {
    const hashes = /^[\uFEFF ]{0,3}#{1,6}/.exec(text)?.[0].length ?? 0;
    const at = content === '' ? -1 : text.indexOf(content, hashes);
    const start = at === -1 ? hashes : at;
    return {
      level,
      line,
      endLine: line,
      name: { text: content, range: lineRange(line, start, start + (at === -1 ? 0 : content.length)) },
      range: lineRange(line, 0, text.length),
    };
  }
  // Setext: the text lines (one name, possibly over several lines), then the underline.
  const endLine = map[1] - 1;
  const start = text.length - text.trimStart().length;
  const lastText = lines[endLine - 1] ?? '';
  const name = { text: content, range: range(line, start, endLine - 1, lastText.trimEnd().length) };
  return { level, line, endLine, name, range: range(line, 0, endLine, (lines[endLine] ?? '').length) };
}
