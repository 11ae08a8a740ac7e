import { strict as assert } from 'node:assert';
import type { Position, Range } from 'vscode-languageserver-types';

/**
 * Positions and ranges in a fixture's text, found by the text around them, in LSP's terms
 * (0-based lines, UTF-16 characters), and the `where()` format the unit tests compare ranges in
 * (1-based line, 0-based character): `3:0-3:12`.
 */

/** The document's lines as LSP counts them: terminated by CRLF, LF or a lone CR. */
export function lspLines(text: string): string[] {
  return text.split(/\r\n|\r|\n/);
}

export function positionAt(text: string, offset: number): Position {
  let line = 0;
  let lineStart = 0;
  for (let i = 0; i < offset; i++) {
    const c = text.charCodeAt(i);
    if (c === 13 && text.charCodeAt(i + 1) === 10) continue;
    if (c === 10 || c === 13) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, character: offset - lineStart };
}

/** The offset of the only occurrence of `needle`; fails the test when it is missing or there twice. */
export function unique(text: string, needle: string): number {
  const i = text.indexOf(needle);
  assert.ok(i !== -1, `'${needle}' is in the fixture`);
  assert.equal(text.indexOf(needle, i + 1), -1, `'${needle}' is in the fixture only once`);
  return i;
}

/** The position of `needle` (its only occurrence) plus `delta` characters. */
export function positionOf(text: string, needle: string, delta = 0): Position {
  const at = text.indexOf(needle);
  assert.ok(at !== -1 && text.indexOf(needle, at + 1) === -1, `'${needle}' occurs exactly once`);
  return positionAt(text, at + delta);
}

/** The position right after `needle` (its only occurrence). */
export function positionAfter(text: string, needle: string): Position {
  return positionOf(text, needle, needle.length);
}

/** The 0-based line of the only occurrence of `context`. */
export function lineOf(text: string, context: string): number {
  return positionAt(text, unique(text, context)).line;
}

/** The exact range of `needle` inside the only occurrence of `context`, in `where()` format. */
export function at(text: string, context: string, needle = context): string {
  const base = unique(text, context);
  const inner = context.indexOf(needle);
  assert.ok(inner !== -1, `'${needle}' is inside '${context}'`);
  const start = positionAt(text, base + inner);
  const end = positionAt(text, base + inner + needle.length);
  return `${start.line + 1}:${start.character}-${end.line + 1}:${end.character}`;
}

/** A zero-width range at the end of `context` (offset `delta` from it), in `where()` format. */
export function pointAfter(text: string, context: string, delta = 0): string {
  const p = positionAt(text, unique(text, context) + context.length + delta);
  return `${p.line + 1}:${p.character}-${p.line + 1}:${p.character}`;
}

/** The range of a diagnostic (or anything with a range) in `where()` format. */
export function where({ range }: { readonly range: Range }): string {
  return `${range.start.line + 1}:${range.start.character}-${range.end.line + 1}:${range.end.character}`;
}
