import type { Range } from 'vscode-languageserver-types';
import type { CheckboxGroupDef, FieldDef, SectionDef } from './template';

/**
 * The typed model of one spec delta, built once per document version by `parseSpecDelta` and
 * read by every feature. Lines and characters are 0-based; characters are UTF-16 code units, as
 * LSP requires, so every range can be handed to an editor as it is.
 */
export interface SpecDeltaDocument {
  readonly uri: string;
  readonly version: number;
  /** The document's lines without their terminators (CRLF, LF or lone CR). */
  readonly lines: readonly string[];
  /** The terminator for text that fixes insert: the one the document mostly uses (see detectEol). */
  readonly eol: '\n' | '\r\n' | '\r';
  /** Lines of YAML front matter at the top (`---` to `---`), not part of the structure; 0 without. */
  readonly frontMatterLines: number;
  /** What each line belongs to, as markdown-it's block structure says. */
  readonly lineKinds: ArrayLike<LineKind>;
  /** The first heading starts with `Spec Delta:`. */
  readonly hasSpecDeltaTitle: boolean;
  readonly title: Title | undefined;
  /** The headings of the document's outline (outside block quotes and lists), in order. */
  readonly headings: readonly Heading[];
  /** Every `**Name**: value` line of the document's prose (not in code, quotes or tables), in document order. */
  readonly fields: readonly Field[];
  /** H2 sections in document order, each with its H3 subsections. */
  readonly sections: readonly Section[];
  readonly tables: readonly Table[];
  readonly numberedLists: readonly NumberedList[];
  readonly checkboxGroups: readonly CheckboxGroup[];
  /** Fenced and indented code blocks outside block quotes. */
  readonly codeBlocks: readonly CodeBlock[];
  /** Labels of the link reference definitions, normalised as CommonMark matches them. */
  readonly references: ReadonlySet<string>;
  readonly ruleStatement: RuleStatement | undefined;
  /** The id written in the Invariant ID section. */
  readonly invariantId: Span | undefined;
  /** Every token that looks like an invariant id (valid or not), in document order. */
  readonly idTokens: readonly IdToken[];
  readonly links: readonly Link[];
  readonly comments: readonly Comment[];
}

/** What a line belongs to in the rendered document. */
export const enum LineKind {
  /** Prose: paragraphs, list items, blank lines. */
  Text,
  Heading,
  /** A fenced or indented code block. */
  Code,
  Html,
  Table,
  /** Inside a block quote: quoted material, not the document's own structure. */
  Quote,
  FrontMatter,
}

/** A piece of text and its exact range. */
export interface Span {
  readonly text: string;
  readonly range: Range;
}

export interface Title {
  /** The whole heading line, `#` included. */
  readonly range: Range;
  /** The invariant id token of the title, brackets excluded. */
  readonly id: Span | undefined;
  /** The brief title after the id. */
  readonly text: Span | undefined;
}

/** Where something stands: its H2 and H3 headings, as written. */
export interface Place {
  readonly section: string | undefined;
  readonly subsection: string | undefined;
}

export interface Field extends Place {
  readonly name: Span;
  /** The value after the colon, trimmed; empty with a zero-width range at the line's end. */
  readonly value: Span;
  readonly line: number;
  readonly bullet: boolean;
  /** Written `**Name:**`, the colon inside the bold: read the same, but not the template's form. */
  readonly colonInside: boolean;
  /** For a field whose content is prose (Why It Would Have Blocked): the lines up to the next field or heading. */
  readonly followingText: string;
  /** The template's field of that name, only where the template puts it (the same words in What Happened are prose). */
  readonly definition: FieldDef | undefined;
}

export interface Heading {
  readonly level: number;
  readonly line: number;
  /** Last line of the heading (a setext heading takes two or more). */
  readonly endLine: number;
  /** The heading's text as rendered (closing hashes gone); a setext name may span lines. */
  readonly name: Span;
  readonly range: Range;
}

export interface CodeBlock {
  readonly startLine: number;
  /** The line after the block. */
  readonly endLine: number;
  readonly fenced: boolean;
}

export interface Section {
  readonly name: string;
  readonly level: 2 | 3;
  /** The heading line. */
  readonly headingRange: Range;
  readonly nameRange: Range;
  /** First line after the heading to the last line before the next heading of the same or a higher level. */
  readonly bodyStartLine: number;
  readonly bodyEndLine: number;
  /** From the start of the first to the end of the last line of the body that holds anything. */
  readonly contentRange: Range | undefined;
  /** The body holds nothing but guidance comments, blank lines and rules. */
  readonly guidanceOnly: boolean;
  readonly subsections: readonly Section[];
  readonly definition: SectionDef | undefined;
}

export interface Cell {
  readonly text: string;
  /** The trimmed text; zero-width in the middle of an empty cell. */
  readonly range: Range;
}

export interface TableRow {
  readonly line: number;
  readonly cells: readonly Cell[];
  readonly range: Range;
}

export interface Table extends Place {
  readonly header: TableRow;
  readonly rows: readonly TableRow[];
  readonly startLine: number;
  readonly endLine: number;
}

export interface ListItem {
  readonly line: number;
  readonly number: number;
  readonly text: Span;
  /** The whole item line. */
  readonly range: Range;
}

export interface NumberedList extends Place {
  /** The field the list belongs to (Potential False Positives), if it follows one. */
  readonly field: string | undefined;
  readonly items: readonly ListItem[];
}

export interface CheckboxItem {
  readonly line: number;
  readonly checked: boolean;
  /** The `[ ]` or `[x]`. */
  readonly boxRange: Range;
  /** The label without bold markers or detail. */
  readonly label: Span;
  /** For `Other:`: the name written after the colon, without the underscores. */
  readonly otherName: Span | undefined;
  readonly isOther: boolean;
  readonly range: Range;
}

export interface CheckboxGroup extends Place {
  /** The heading the group stands under. */
  readonly name: string;
  readonly items: readonly CheckboxItem[];
  readonly definition: CheckboxGroupDef | undefined;
}

export interface RuleStatement {
  readonly text: string;
  readonly range: Range;
  readonly component: Span | undefined;
  /** MUST, MUST NOT, SHOULD, SHOULD NOT, MAY, SHALL, SHALL NOT. */
  readonly modal: Span | undefined;
  readonly requirement: Span | undefined;
  /** WHEN, or IF. */
  readonly when: Span | undefined;
  readonly condition: Span | undefined;
  /** Every [SLOT] left from the template. */
  readonly slots: readonly Span[];
}

export interface IdToken extends Span {
  /** Matches the configured id pattern. */
  readonly valid: boolean;
  /** Where it stands: the title, the Invariant ID section, or anywhere else. */
  readonly role: 'title' | 'definition' | 'reference';
}

export interface Link extends Place {
  readonly target: string;
  readonly range: Range;
}

export interface Comment {
  readonly text: string;
  readonly range: Range;
  readonly startLine: number;
  readonly endLine: number;
}
