import { LineKind } from '../model';

/** A thematic break (`---`, `***`, `___`). */
export const HR = /^ {0,3}([-*_])(?:[ \t]*\1){2,}[ \t]*$/;

/** The document's lines with what each belongs to: what every line-reading part of the parser shares. */
export class DocumentLines {
  constructor(
    readonly lines: readonly string[],
    readonly kinds: Uint8Array,
    readonly commentOnly: Uint8Array,
  ) {}

  /** A line of the document's own prose: not code, HTML, a heading, a table, a quote or front matter. */
  isText(line: number): boolean {
    return this.kinds[line] === LineKind.Text && this.commentOnly[line] === 0;
  }

  isHeading(line: number): boolean {
    return this.kinds[line] === LineKind.Heading;
  }
}
