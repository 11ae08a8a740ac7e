import MarkdownIt, { type Token } from 'markdown-it';
import type {
  CheckboxGroup,
  CheckboxItem,
  Comment,
  Field,
  IdToken,
  Link,
  ListItem,
  NumberedList,
  Place,
  RuleStatement,
  Section,
  Span,
  SpecDeltaDocument,
  Table,
  TableRow,
  Title,
} from './model';
import { ALL_FIELDS, ID_PLACEHOLDER, TITLE_PREFIX, checkboxGroupOf, findSectionDef } from './template';
import { Segments, detectEol, lineRange, range, spanIn, splitLines } from './text';

/**
 * markdown-it finds the block structure (headings, fences, HTML blocks, tables) so that nothing in
 * a code block or a comment is misread; the inline pass is switched off because every rule reads
 * positions from the raw lines instead, which is both exact and cheaper.
 */
const markdown = new MarkdownIt({ html: true });
markdown.core.ruler.disable(['inline', 'linkify', 'replacements', 'smartquotes', 'text_join']);
// Tables are read from their `|` lines directly (malformed ones too); link reference definitions mean nothing here.
markdown.block.ruler.disable(['table', 'reference']);

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

/** markdown-it's block state, pushing BlockTokens (`ParserBlock.State` is its extension point). */
class BlockState extends markdown.block.State {
  override push(type: string, tag: string, nesting: Token['nesting']): Token {
    const token = new BlockToken(type, tag, nesting) as unknown as Token;
    if (nesting < 0) this.level--;
    token.level = this.level;
    if (nesting > 0) this.level++;
    this.tokens.push(token);
    return token;
  }
}
markdown.block.State = BlockState;

export interface ParseOptions {
  /** The invariant id pattern (a regular expression source without anchors). */
  readonly idPattern?: string;
}

export const DEFAULT_ID_PATTERN = 'INVARIANT-\\d+';

const enum LineKind {
  Text,
  Heading,
  Code,
  Html,
}

interface Heading {
  readonly level: number;
  readonly line: number;
  /** Last line of the heading (setext headings take two). */
  readonly endLine: number;
  readonly name: Span;
  readonly range: { start: { line: number; character: number }; end: { line: number; character: number } };
}

const FIELD = /^(\s*(?:[-*+][ \t]+)?)\*\*([^*]+?)(:?)\*\*(:?)[ \t]*(.*)$/;
const CHECKBOX = /^(\s*[-*+][ \t]+)\[([ xX])\](?:[ \t]+(.*))?$/;
const ORDERED = /^(\s*)(\d{1,9})[.)](?:[ \t]+(.*))?$/;
const HR = /^ {0,3}([-*_])(?:[ \t]*\1){2,}[ \t]*$/;
const DELIMITER_ROW = /^\s*\|?\s*:?-+:?\s*(?:\|\s*:?-+:?\s*)*\|?\s*$/;
// What looks like a mistyped id: INVARIANT- in capitals followed by anything, or the word in any
// case with a number in it (`invariant_42`). Prose such as "an invariant-check script" is not one.
const ID_LIKE = /\b(?:INVARIANT[-_][A-Za-z0-9]+|[Ii]nvariant[-_][A-Za-z]*\d[A-Za-z0-9]*)\b/g;
const URL = /\bhttps?:\/\/[^\s<>()[\]`]+[^\s<>()[\]`.,;:!?'"]/g;
const MODAL = /\b(MUST NOT|MUST|SHALL NOT|SHALL|SHOULD NOT|SHOULD|MAY NOT|MAY)\b/;
const WHEN = /\b(WHENEVER|WHEN|IF)\b/;
const SLOT = /\[[A-Z][A-Z _-]*\]/g;

/** Builds the document model of one version of a document. Never throws on any input. */
export function parseSpecDelta(text: string, uri = '', version = 0, options: ParseOptions = {}): SpecDeltaDocument {
  const lines = splitLines(text);
  // A BOM would hide the first heading from markdown-it; a space keeps every column in place.
  const source = text.charCodeAt(0) === 0xfeff ? ' ' + text.slice(1) : text;
  const tokens = markdown.parse(source, {});
  const kinds = new Uint8Array(lines.length);
  const headings: Heading[] = [];
  const codeBlocks: { start: number; end: number; fenced: boolean }[] = [];
  const comments: Comment[] = [];

  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i]!;
    const map = token.map;
    if (!map) continue;
    if (token.type === 'heading_open' && token.level === 0) {
      headings.push(readHeading(lines, token, map));
      mark(kinds, map, LineKind.Heading);
    } else if (token.type === 'fence' || token.type === 'code_block') {
      codeBlocks.push({ start: map[0], end: map[1], fenced: token.type === 'fence' });
      mark(kinds, map, LineKind.Code);
    } else if (token.type === 'html_block') {
      mark(kinds, map, LineKind.Html);
      comments.push(...readComments(lines, map[0], map[1]));
    }
  }

  const commentOnly = commentOnlyLines(lines, comments);
  const parser = new DocumentParser(lines, kinds, commentOnly, options);
  const title = parser.readTitle(headings);
  const sections = parser.readSections(headings);
  const places = placeIndex(lines.length, sections);
  const fields = parser.readFields(places);
  const tables = parser.readTables(places);
  const numberedLists = parser.readNumberedLists(places, fields);
  const checkboxGroups = parser.readCheckboxGroups(places);
  const ruleStatementSection = findSubsection(sections, 'Proposed Invariant', 'Rule Statement');
  const ruleStatement = ruleStatementSection ? parser.readRuleStatement(ruleStatementSection, codeBlocks) : undefined;
  const idSection = findSubsection(sections, 'Proposed Invariant', 'Invariant ID');
  const invariantId = idSection ? parser.readInvariantId(idSection) : undefined;
  const idTokens = parser.readIdTokens(text, comments, title, invariantId);
  const links = parser.readLinks(places);

  return {
    uri,
    version,
    lines,
    eol: detectEol(text),
    hasSpecDeltaTitle: headings.length > 0 && headings[0]!.name.text.toLowerCase().startsWith(TITLE_PREFIX.toLowerCase()),
    title,
    fields,
    sections,
    tables,
    numberedLists,
    checkboxGroups,
    ruleStatement,
    invariantId,
    idTokens,
    links,
    comments,
  };
}

/** The H3 subsection `sub` of the first H2 section `section`. */
function findSubsection(sections: readonly Section[], section: string, sub: string): Section | undefined {
  const lowerSection = section.toLowerCase();
  const lowerSub = sub.toLowerCase();
  for (const s of sections) {
    if (s.name.toLowerCase() !== lowerSection) continue;
    const found = s.subsections.find((x) => x.name.toLowerCase() === lowerSub);
    if (found) return found;
  }
  return undefined;
}

function mark(kinds: Uint8Array, map: [number, number], kind: LineKind): void {
  for (let l = map[0]; l < map[1] && l < kinds.length; l++) kinds[l] = kind;
}

function readHeading(lines: readonly string[], token: Token, map: [number, number]): Heading {
  const level = Number(token.tag.slice(1));
  const line = map[0];
  const text = lines[line] ?? '';
  if (token.markup.startsWith('#')) {
    const match = /^( {0,3})(#{1,6})(?=[ \t]|$)[ \t]*/.exec(text.charCodeAt(0) === 0xfeff ? ' ' + text.slice(1) : text);
    const from = match ? match[0].length : 0;
    let to = text.length;
    const closing = /[ \t]+#+[ \t]*$|[ \t]+$/.exec(text.slice(from));
    if (closing) to = from + closing.index;
    const name = spanIn(text, line, from, Math.max(from, to));
    return { level, line, endLine: line, name, range: lineRange(line, 0, text.length) };
  }
  // Setext: the text lines, then the underline.
  const name = spanIn(text, line, 0);
  const endLine = map[1] - 1;
  return { level, line, endLine, name, range: range(line, 0, endLine, (lines[endLine] ?? '').length) };
}

function readComments(lines: readonly string[], start: number, end: number): Comment[] {
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

/** Lines that hold nothing but comments and white space. */
function commentOnlyLines(lines: readonly string[], comments: readonly Comment[]): Uint8Array {
  const result = new Uint8Array(lines.length);
  const leftovers = new Map<number, string>();
  for (const c of comments) {
    for (let l = c.startLine; l <= c.endLine; l++) {
      const text = leftovers.get(l) ?? lines[l] ?? '';
      const from = l === c.range.start.line ? c.range.start.character : 0;
      const to = l === c.range.end.line ? c.range.end.character : text.length;
      leftovers.set(l, text.slice(0, from) + ' '.repeat(Math.max(0, to - from)) + text.slice(to));
    }
  }
  for (const [l, rest] of leftovers) if (rest.trim() === '') result[l] = 1;
  return result;
}

interface MutableSection {
  name: string;
  level: 2 | 3;
  headingRange: Section['headingRange'];
  nameRange: Section['nameRange'];
  bodyStartLine: number;
  bodyEndLine: number;
  contentRange: Section['contentRange'];
  guidanceOnly: boolean;
  subsections: MutableSection[];
  definition: Section['definition'];
}

/** For every line, the H2 and H3 it stands under. */
function placeIndex(lineCount: number, sections: readonly Section[]): Place[] {
  const places: Place[] = new Array<Place>(lineCount).fill({ section: undefined, subsection: undefined });
  for (const section of sections) {
    const sectionPlace = { section: section.name, subsection: undefined };
    for (let l = section.headingRange.start.line; l < section.bodyEndLine; l++) places[l] = sectionPlace;
    for (const sub of section.subsections) {
      const subPlace = { section: section.name, subsection: sub.name };
      for (let l = sub.headingRange.start.line; l < sub.bodyEndLine; l++) places[l] = subPlace;
    }
  }
  return places;
}

class DocumentParser {
  private readonly idPattern: RegExp;

  constructor(
    private readonly lines: readonly string[],
    private readonly kinds: Uint8Array,
    private readonly commentOnly: Uint8Array,
    options: ParseOptions,
  ) {
    this.idPattern = compileIdPattern(options.idPattern ?? DEFAULT_ID_PATTERN);
  }

  /** The whole text matches the configured id pattern (so that custom ids are recognised in the title). */
  private isExactId(text: string): boolean {
    this.idPattern.lastIndex = 0;
    const m = this.idPattern.exec(text);
    return m !== null && m.index === 0 && m[0].length === text.length;
  }

  private isText(line: number): boolean {
    return this.kinds[line] === LineKind.Text && this.commentOnly[line] === 0;
  }

  readTitle(headings: readonly Heading[]): Title | undefined {
    const first = headings[0];
    if (!first || first.level !== 1) return undefined;
    const name = first.name;
    const line = name.range.start.line;
    const text = this.lines[line] ?? '';
    const start = name.range.start.character;
    const lower = name.text.toLowerCase();
    if (!lower.startsWith(TITLE_PREFIX.toLowerCase())) return { range: first.range, id: undefined, text: name };
    const restStart = start + TITLE_PREFIX.length;
    const rest = text.slice(restStart, name.range.end.character);
    // The id ends before white space or before the `:` or `,` that separates it from the brief title.
    const match = /^(\s*)(\[?)([^\s\]]*?)(\]?)(?=[:,]?(?:\s|$))/.exec(rest);
    let id: Span | undefined;
    let after = restStart;
    if (match && match[3] !== '' && (/^invariant/i.test(match[3]!) || this.isExactId(match[3]!))) {
      const idStart = restStart + match[1]!.length + match[2]!.length;
      id = { text: match[3]!, range: lineRange(line, idStart, idStart + match[3]!.length) };
      after = restStart + match[0].length;
    }
    const tail = text.slice(after, name.range.end.character);
    const separator = /^\s*(?:[:\u2014\u2013-](?=\s))?/.exec(tail)![0].length;
    const brief = spanIn(text, line, after + separator, name.range.end.character);
    return { range: first.range, id, text: brief.text ? brief : undefined };
  }

  readSections(headings: readonly Heading[]): Section[] {
    const sections: MutableSection[] = [];
    let current: MutableSection | undefined;
    for (let i = 0; i < headings.length; i++) {
      const h = headings[i]!;
      if (h.level !== 2 && h.level !== 3) continue;
      // A title at the wrong level (`## Spec Delta: ...`) is still the title, not a section: SD009
      // reports its level, and the metadata under it stays metadata.
      if (i === 0 && h.name.text.toLowerCase().startsWith(TITLE_PREFIX.toLowerCase())) continue;
      const end = this.bodyEnd(headings, i);
      const section: MutableSection = {
        name: h.name.text,
        level: h.level,
        headingRange: h.range,
        nameRange: h.name.range,
        bodyStartLine: h.endLine + 1,
        bodyEndLine: end,
        contentRange: undefined,
        guidanceOnly: false,
        subsections: [],
        definition: undefined,
      };
      this.measureBody(section);
      if (h.level === 2) {
        section.definition = findSectionDef(section.name);
        sections.push(section);
        current = section;
      } else if (current) {
        section.definition = findSectionDef(current.name, section.name);
        current.subsections.push(section);
      }
    }
    return sections;
  }

  private bodyEnd(headings: readonly Heading[], index: number): number {
    const level = headings[index]!.level;
    for (let j = index + 1; j < headings.length; j++) {
      if (headings[j]!.level <= level) return headings[j]!.line;
    }
    return this.lines.length;
  }

  private measureBody(section: MutableSection): void {
    let first = -1;
    let last = -1;
    for (let l = section.bodyStartLine; l < section.bodyEndLine; l++) {
      const text = this.lines[l]!;
      if (text.trim() === '' || this.commentOnly[l] === 1 || HR.test(text)) continue;
      if (first === -1) first = l;
      last = l;
    }
    section.guidanceOnly = first === -1;
    if (first !== -1) section.contentRange = range(first, 0, last, this.lines[last]!.length);
  }

  readFields(places: readonly Place[]): Field[] {
    const found: { line: number; m: RegExpExecArray }[] = [];
    for (let l = 0; l < this.lines.length; l++) {
      const text = this.lines[l]!;
      if (!text.includes('**') || !this.isText(l)) continue;
      const m = FIELD.exec(text);
      if (m && (m[3] !== '' || m[4] !== '')) found.push({ line: l, m });
    }
    const fields: Field[] = [];
    for (let i = 0; i < found.length; i++) {
      const { line: l, m } = found[i]!;
      const text = this.lines[l]!;
      const nameStart = m[1]!.length + 2;
      const name = spanIn(text, l, nameStart, nameStart + m[2]!.length);
      const valueStart = text.length - m[5]!.length;
      const value = m[5]!.trim() === '' ? { text: '', range: lineRange(l, text.length, text.length) } : spanIn(text, l, valueStart);
      const definition = ALL_FIELDS.get(name.text.toLowerCase());
      const place = places[l]!;
      // Properties written out, not spread from `place`: a spread takes V8's slow object-copy path.
      fields.push({
        section: place.section,
        subsection: place.subsection,
        name,
        value,
        line: l,
        bullet: m[1]!.trim() !== '',
        // Only fields whose content is prose (Why It Would Have Blocked) need the lines that follow.
        followingText: definition?.kind === 'paragraph' || !definition ? this.followingText(l, found[i + 1]?.line) : '',
        definition,
      });
    }
    return fields;
  }

  /** The prose after a field line, up to the next field or heading, without comments. */
  private followingText(line: number, nextField: number | undefined): string {
    const parts: string[] = [];
    const stop = nextField ?? this.lines.length;
    for (let l = line + 1; l < stop; l++) {
      if (this.kinds[l] === LineKind.Heading) break;
      if (this.commentOnly[l] === 1 || HR.test(this.lines[l]!)) continue;
      parts.push(this.lines[l]!.replace(/<!--[\s\S]*?-->/g, ''));
    }
    return parts.join('\n').trim();
  }

  readTables(places: readonly Place[]): Table[] {
    const tables: Table[] = [];
    let l = 0;
    while (l < this.lines.length) {
      if (!this.isTableLine(l)) {
        l++;
        continue;
      }
      const start = l;
      while (l < this.lines.length && this.isTableLine(l)) l++;
      const rows = [];
      for (let r = start; r < l; r++) rows.push(this.readRow(r));
      const hasDelimiter = rows.length > 1 && DELIMITER_ROW.test(this.lines[start + 1]!);
      const place = places[start]!;
      tables.push({ section: place.section, subsection: place.subsection, header: rows[0]!, hasDelimiter, rows: rows.slice(hasDelimiter ? 2 : 1), startLine: start, endLine: l - 1 });
    }
    return tables;
  }

  private isTableLine(l: number): boolean {
    return this.kinds[l] === LineKind.Text && this.lines[l]!.trimStart().startsWith('|');
  }

  private readRow(line: number): TableRow {
    const text = this.lines[line]!;
    const first = text.length - text.trimStart().length;
    const end = text.trimEnd().length;
    const from = text[first] === '|' ? first + 1 : first;
    const to = end - 1 > first && text[end - 1] === '|' && text[end - 2] !== '\\' ? end - 1 : end;
    const cells = [];
    let cellStart = from;
    for (let i = from; i <= to; i++) {
      if (i < to && text[i] === '\\') {
        i++;
        continue;
      }
      if (i < to && text[i] !== '|') continue;
      const span = spanIn(text, line, cellStart, i);
      if (span.text === '') {
        const middle = cellStart + Math.min(1, i - cellStart);
        cells.push({ text: '', range: lineRange(line, middle, middle) });
      } else cells.push(span);
      cellStart = i + 1;
    }
    return { line, cells, range: lineRange(line, first, end) };
  }

  readNumberedLists(places: readonly Place[], fields: readonly Field[]): NumberedList[] {
    const fieldLines = new Map(fields.map((f) => [f.line, f]));
    const lists: NumberedList[] = [];
    let items: ListItem[] = [];
    let owner: string | undefined;
    let start = -1;
    const flush = (): void => {
      if (items.length > 0) lists.push({ section: places[start]!.section, subsection: places[start]!.subsection, field: owner, items });
      items = [];
    };
    for (let l = 0; l < this.lines.length; l++) {
      const text = this.lines[l]!;
      const first = text.charCodeAt(text.length - text.trimStart().length);
      const m = first >= 48 && first <= 57 && this.isText(l) ? ORDERED.exec(text) : null;
      if (!m) {
        if (items.length === 0 || text.trim() !== '') flush();
        continue;
      }
      if (items.length === 0) {
        start = l;
        owner = fieldLines.get(l - 1)?.name.text;
      }
      const itemText = m[3] === undefined || m[3].trim() === '' ? { text: '', range: lineRange(l, text.length, text.length) } : spanIn(text, l, text.length - m[3].length);
      items.push({ line: l, number: Number(m[2]), text: itemText, range: lineRange(l, m[1]!.length, text.trimEnd().length) });
    }
    flush();
    return lists;
  }

  readCheckboxGroups(places: readonly Place[]): CheckboxGroup[] {
    const groups = new Map<string, { place: Place; items: CheckboxItem[] }>();
    // Lines of one section share one Place: look the group up again only when the place changes.
    let lastPlace: Place | undefined;
    let group: { place: Place; items: CheckboxItem[] } | undefined;
    for (let l = 0; l < this.lines.length; l++) {
      const text = this.lines[l]!;
      const m = text.includes('[') && this.isText(l) ? CHECKBOX.exec(text) : null;
      if (!m) continue;
      const place = places[l]!;
      if (place !== lastPlace || !group) {
        const key = `${place.section ?? ''}\u0000${place.subsection ?? ''}`;
        group = groups.get(key);
        if (!group) groups.set(key, (group = { place, items: [] }));
        lastPlace = place;
      }
      group.items.push(readCheckbox(text, l, m));
    }
    return [...groups.values()].map(({ place, items }) => {
      const name = place.subsection ?? place.section ?? '';
      const def = place.section === undefined ? undefined : findSectionDef(place.section, place.subsection);
      return { section: place.section, subsection: place.subsection, name, items, definition: def && checkboxGroupOf(def) };
    });
  }

  readRuleStatement(section: Section, codeBlocks: readonly { start: number; end: number; fenced: boolean }[]): RuleStatement | undefined {
    const segments = new Segments();
    const block = codeBlocks.find((b) => b.start >= section.bodyStartLine && b.start < section.bodyEndLine);
    let from = section.bodyStartLine;
    let to = section.bodyEndLine;
    if (block) {
      from = block.fenced ? block.start + 1 : block.start;
      to = block.end;
      if (block.fenced && to - 1 > block.start && /^\s*(```|~~~)/.test(this.lines[to - 1]!)) to--;
    }
    for (let l = from; l < to; l++) {
      if (!block && (!this.isText(l) || HR.test(this.lines[l]!))) continue;
      const text = this.lines[l]!;
      if (text.trim() === '') continue;
      const span = spanIn(text, l, 0);
      segments.add(l, span.range.start.character, span.text);
    }
    const text = segments.text;
    if (text === '') return undefined;
    const slots: Span[] = [];
    for (const m of text.matchAll(SLOT)) slots.push({ text: m[0], range: segments.rangeOf(m.index!, m.index! + m[0].length) });
    const sub = (s: number, e: number): Span | undefined => {
      const raw = text.slice(s, e);
      const lead = raw.length - raw.trimStart().length;
      const trimmed = raw.trim();
      return trimmed ? { text: trimmed, range: segments.rangeOf(s + lead, s + lead + trimmed.length) } : undefined;
    };
    const modal = MODAL.exec(text);
    let component: Span | undefined;
    let requirement: Span | undefined;
    let when: Span | undefined;
    let condition: Span | undefined;
    let modalSpan: Span | undefined;
    if (modal) {
      modalSpan = sub(modal.index, modal.index + modal[0].length);
      component = sub(0, modal.index);
      const afterModal = modal.index + modal[0].length;
      const w = WHEN.exec(text.slice(afterModal));
      if (w) {
        const at = afterModal + w.index;
        requirement = sub(afterModal, at);
        when = sub(at, at + w[0].length);
        condition = sub(at + w[0].length, text.length);
      } else requirement = sub(afterModal, text.length);
    } else {
      const w = WHEN.exec(text);
      if (w) {
        when = sub(w.index, w.index + w[0].length);
        condition = sub(w.index + w[0].length, text.length);
      }
    }
    const first = segments.positionAt(0);
    const end = segments.positionAt(text.length);
    return { text, range: { start: first, end }, component, modal: modalSpan, requirement, when, condition, slots };
  }

  readInvariantId(section: Section): Span | undefined {
    for (let l = section.bodyStartLine; l < section.bodyEndLine; l++) {
      if (this.kinds[l] === LineKind.Heading || this.commentOnly[l] === 1) continue;
      const text = this.lines[l]!;
      if (text.trim() === '' || HR.test(text)) continue;
      const m = /[^\s`[\]]+/.exec(text);
      if (m) return { text: m[0], range: lineRange(l, m.index, m.index + m[0].length) };
    }
    return undefined;
  }

  /**
   * Every id-like token: one pass of the id pattern over the whole text (not line by line, which
   * costs a regular-expression call per line), skipping comments.
   */
  readIdTokens(text: string, comments: readonly Comment[], title: Title | undefined, invariantId: Span | undefined): IdToken[] {
    const starts = lineStarts(text);
    const offsetOf = (p: { line: number; character: number }): number => (starts[p.line] ?? text.length) + p.character;
    const commentSpans = comments.map((c) => [offsetOf(c.range.start), offsetOf(c.range.end)] as const);
    const found = new Map<number, IdToken>();
    const isAt = (span: Span | undefined, line: number, start: number): boolean =>
      span !== undefined && span.range.start.line === line && span.range.start.character === start;
    const add = (offset: number, value: string, valid: boolean): void => {
      if (found.has(offset) || value.toUpperCase() === ID_PLACEHOLDER) return;
      if (commentSpans.some(([from, to]) => offset >= from && offset < to)) return;
      const line = lineAt(starts, offset);
      const start = offset - starts[line]!;
      const role = isAt(title?.id, line, start) ? 'title' : isAt(invariantId, line, start) ? 'definition' : 'reference';
      found.set(offset, { text: value, range: lineRange(line, start, start + value.length), valid, role });
    };
    this.idPattern.lastIndex = 0;
    for (const m of text.matchAll(this.idPattern)) if (!m[0].includes('\n')) add(m.index!, m[0], true);
    if (/invariant[-_]/i.test(text)) for (const m of text.matchAll(ID_LIKE)) add(m.index!, m[0], false);
    return [...found.entries()].sort((a, b) => a[0] - b[0]).map(([, token]) => token);
  }

  readLinks(places: readonly Place[]): Link[] {
    const links: Link[] = [];
    for (let l = 0; l < this.lines.length; l++) {
      if (!this.isText(l)) continue;
      const text = this.lines[l]!;
      if (!text.includes('://')) continue;
      const { section, subsection } = places[l]!;
      for (const m of text.matchAll(URL)) links.push({ section, subsection, target: m[0], range: lineRange(l, m.index!, m.index! + m[0].length) });
    }
    return links;
  }
}

function readCheckbox(text: string, line: number, m: RegExpExecArray): CheckboxItem {
  const boxStart = m[1]!.length;
  const boxRange = lineRange(line, boxStart, boxStart + 3);
  const rest = (m[3] ?? '').trimEnd();
  const restStart = rest === '' ? text.length : text.length - (m[3] ?? '').length;
  const bold = /^\*\*(.+?)\*\*/.exec(rest);
  let label = bold ? spanIn(text, line, restStart + 2, restStart + 2 + bold[1]!.length) : spanIn(text, line, restStart, restStart + rest.length);
  const other = /^(Other)\s*:(.*)$/i.exec(rest);
  let otherName: Span | undefined;
  if (other) {
    label = spanIn(text, line, restStart, restStart + other[1]!.length);
    const nameStart = restStart + rest.length - other[2]!.length;
    const cleaned = other[2]!.replace(/_/g, ' ');
    const lead = cleaned.length - cleaned.trimStart().length;
    const name = cleaned.trim();
    if (name) otherName = { text: name, range: lineRange(line, nameStart + lead, nameStart + lead + name.length) };
  }
  return {
    line,
    checked: m[2] !== ' ',
    boxRange,
    label,
    otherName,
    isOther: other !== null,
    range: lineRange(line, text.length - text.trimStart().length, text.trimEnd().length),
  };
}

/** The offset at which each line starts (after CRLF, LF or a lone CR). */
function lineStarts(text: string): number[] {
  const starts = [0];
  if (!text.includes('\r')) {
    for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
    return starts;
  }
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10 || (c === 13 && text.charCodeAt(i + 1) !== 10)) starts.push(i + 1);
  }
  return starts;
}

/** The line an offset falls on (binary search over line starts). */
function lineAt(starts: readonly number[], offset: number): number {
  let low = 0;
  let high = starts.length - 1;
  while (low < high) {
    const middle = (low + high + 1) >> 1;
    if (starts[middle]! <= offset) low = middle;
    else high = middle - 1;
  }
  return low;
}

/** A global regular expression for the configured id pattern; the default when it does not compile. */
function compileIdPattern(source: string): RegExp {
  try {
    return new RegExp(`\\b(?:${source})\\b`, 'g');
  } catch {
    return new RegExp(`\\b(?:${DEFAULT_ID_PATTERN})\\b`, 'g');
  }
}
