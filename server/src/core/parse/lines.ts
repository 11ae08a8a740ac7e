import { LineKind } from '../model';
import { commentOnlyLines } from './comments';

/** A thematic break (`---`, `***`, `___`). */
export const HR = /^ {0,3}([-*_])(?:[ \t]*\1){2,}[ \t]*$/;

/** The document's lines with what each belongs to: what every line-reading part of the parser shares. */
export class DocumentLines {
  /** 1 for a line that holds nothing but comments and white space. */
  readonly commentOnly: Uint8Array;

  constructor(
    readonly lines: readonly string[],
    readonly kinds: Uint8Array,
    /** The lines that hold a comment, the comments blanked out (`blankComments`). */
    private readonly blanked: ReadonlyMap<number, string>,
  ) {
    this.commentOnly = commentOnlyLines(lines.length, blanked);
  }

  /** The line with its comments blanked out (same length, so columns stay exact). */
  visible(line: number): string {
    return this.blanked.get(line) ?? this.lines[line] ?? '';
  }

  /** A line of the document's own prose: not code, HTML, a heading, a table, a quote or front matter. */
  isText(line: number): boolean {
    return this.kinds[line] === LineKind.Text && this.commentOnly[line] === 0;
  }

  isHeading(line: number): boolean {
    return this.kinds[line] === LineKind.Heading;
  }
}
