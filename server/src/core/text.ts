import type { Position, Range } from 'vscode-languageserver-types';

/** Helpers for lines and ranges. Characters are UTF-16 code units, which is what JS strings index. */

export function splitLines(text: string): string[] {
  // Splitting on a string is several times faster than on a regular expression; most text has no CR.
  return text.includes('\r') ? text.split(/\r\n|\r|\n/) : text.split('\n');
}

export function range(line: number, start: number, endLine: number, end: number): Range {
  return { start: { line, character: start }, end: { line: endLine, character: end } };
}

export function lineRange(line: number, start: number, end: number): Range {
  return range(line, start, line, end);
}

export function point(line: number, character: number): Position {
  return { line, character };
}

/** The range of `text` found in `line` at or after `from`, trimmed; zero-width at `from` when empty. */
export function spanIn(lineText: string, line: number, from: number, to = lineText.length): { text: string; range: Range } {
  const raw = lineText.slice(from, to);
  const lead = raw.length - raw.trimStart().length;
  const text = raw.trim();
  const start = from + lead;
  return { text, range: lineRange(line, start, start + text.length) };
}

export function comparePositions(a: Position, b: Position): number {
  return a.line - b.line || a.character - b.character;
}

export function containsPosition(r: Range, p: Position): boolean {
  return comparePositions(r.start, p) <= 0 && comparePositions(p, r.end) <= 0;
}

/**
 * The terminator for text inserted into a document: the most common one, but never one that can
 * join a neighbouring terminator into a single line break (`\n` inserted after a lone CR, a lone
 * CR inserted before `\n`). With lone CRs alone that is CR; mixed with LF, CRLF, which joins nothing.
 */
export function detectEol(text: string): '\n' | '\r\n' | '\r' {
  if (!text.includes('\r')) return '\n';
  let crlf = 0;
  let lf = 0;
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) {
    if (text.charCodeAt(i - 1) === 13) crlf++;
    else lf++;
  }
  let cr = 0;
  for (let i = text.indexOf('\r'); i !== -1; i = text.indexOf('\r', i + 1)) if (text.charCodeAt(i + 1) !== 10) cr++;
  if (cr > 0) return lf > 0 ? '\r\n' : crlf > cr ? '\r\n' : '\r';
  return crlf > lf ? '\r\n' : '\n';
}

/**
 * A piece of text that runs over several lines (a rule statement), with a map from offsets in the
 * joined text back to document positions.
 */
export class Segments {
  private readonly parts: { line: number; character: number; offset: number; length: number }[] = [];
  private joined = '';

  add(line: number, character: number, text: string): void {
    if (this.joined.length > 0) this.joined += ' ';
    this.parts.push({ line, character, offset: this.joined.length, length: text.length });
    this.joined += text;
  }

  get text(): string {
    return this.joined;
  }

  positionAt(offset: number): Position {
    let part = this.parts[0];
    if (!part) return point(0, 0);
    for (const p of this.parts) {
      if (p.offset <= offset) part = p;
      else break;
    }
    return point(part.line, part.character + Math.min(offset - part.offset, part.length));
  }

  rangeOf(start: number, end: number): Range {
    return { start: this.positionAt(start), end: this.positionAt(end) };
  }
}

/** `a, b or c` */
export function list(values: readonly string[], last = 'or'): string {
  if (values.length <= 1) return values.join('');
  return `${values.slice(0, -1).join(', ')} ${last} ${values[values.length - 1]}`;
}

/** The text without the byte order mark that may open a file (editors show none; JSON.parse and the parser must not see one). */
export function stripBom(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/**
 * A copy of a string that shares no memory with the text it was cut from. V8 represents a
 * substring of 13 characters or more as a slice of its parent; kept in the index, an id such as
 * `INVARIANT-042` would keep its whole 4 KB document alive (6 KB per indexed file instead of 1.5 KB).
 * Slicing a concatenation flattens it into a new string first, so the result's parent is that
 * copy, one character longer than the text: a seventh of the time of a JSON round trip, which
 * cost a catalogue of 20,000 files a tenth of a second (test/unit/coreHelpers.test.ts checks the memory).
 */
export function detach(text: string): string {
  return text.length < 13 ? text : (' ' + text).slice(1);
}

/**
 * A `detach` that gives one copy of each distinct text: statuses, dates, names, roles and
 * categories repeat across a catalogue, and every copy held is objects that the garbage
 * collector copies and marks until the end of a run. Holds at most `limit` texts, starting over
 * when full.
 */
export function detachOnce(limit = 50_000): (text: string) => string {
  const copies = new Map<string, string>();
  return (text) => {
    const known = copies.get(text);
    if (known !== undefined) return known;
    const copy = detach(text);
    if (copies.size >= limit) copies.clear();
    copies.set(copy, copy);
    return copy;
  };
}

/** A copy of plain data (objects, arrays, strings, numbers) whose strings share no memory with a document's text (see detach). */
export function detachAll<T>(value: T): T {
  if (typeof value === 'string') return detach(value) as T;
  if (typeof value !== 'object' || value === null) return value;
  if (Array.isArray(value)) return value.map(detachAll) as T;
  const copy: Record<string, unknown> = {};
  for (const key of Object.keys(value)) copy[key] = detachAll((value as Record<string, unknown>)[key]);
  return copy as T;
}
