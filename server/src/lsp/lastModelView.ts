import type { Position, Range } from 'vscode-languageserver-types';
import type { SpecDeltaDocument } from '../core';

/**
 * An older model of a document seen through the edits made since, for requests that must not
 * wait for (or parse) the current version. The edits are found by comparing lines: those before
 * the first and after the last changed line are the same text, shifted; the changed lines in
 * between are paired from the top (typing changes one line into one line) and read with their
 * current text, in the model's structure. A request there answers from what the model knew of
 * that place; a result that points at a line that changed, or that no longer exists, is dropped
 * rather than guessed.
 */
export interface ModelView {
  /** The model, its lines the current text where the lines pair up: features run on it in the model's line numbers. */
  readonly doc: SpecDeltaDocument;
  /** A position in the current text -> the model's; undefined on a line the model has no counterpart for. */
  toModel(position: Position): Position | undefined;
  /** A line of the model -> the current text's; undefined when the line is gone. */
  lineToCurrent(line: number): number | undefined;
  /** A range from the model's structure -> the current text's; undefined when any of its lines changed. */
  rangeToCurrent(range: Range): Range | undefined;
}

/** The model is of the current text: nothing to map. */
export function currentView(doc: SpecDeltaDocument): ModelView {
  return { doc, toModel: (p) => p, lineToCurrent: (l) => l, rangeToCurrent: (r) => r };
}

/** `doc` (whose lines are the text it was parsed from) seen through the edits that made `current`. */
export function viewThrough(doc: SpecDeltaDocument, current: readonly string[]): ModelView {
  const old = doc.lines;
  const shorter = Math.min(old.length, current.length);
  let head = 0;
  while (head < shorter && old[head] === current[head]) head++;
  let tail = 0;
  while (tail < shorter - head && old[old.length - 1 - tail] === current[current.length - 1 - tail]) tail++;
  if (head === old.length && head === current.length) return currentView(doc);
  const oldEnd = old.length - tail;
  const currentEnd = current.length - tail;
  const shift = current.length - old.length;
  const lines = old.slice();
  for (let l = head; l < oldEnd && l < currentEnd; l++) lines[l] = current[l]!;
  const lineToCurrent = (line: number): number | undefined => (line < head ? line : line >= oldEnd ? line + shift : line < currentEnd ? line : undefined);
  const unchanged = (line: number): boolean => line < head || line >= oldEnd;
  return {
    doc: { ...doc, lines },
    toModel: (p) => {
      const line = p.line < head ? p.line : p.line >= currentEnd ? p.line - shift : p.line < oldEnd ? p.line : undefined;
      return line === undefined ? undefined : { line, character: p.character };
    },
    lineToCurrent,
    rangeToCurrent: (r) => {
      for (let l = r.start.line; l <= r.end.line; l++) if (!unchanged(l)) return undefined;
      return {
        start: { line: lineToCurrent(r.start.line)!, character: r.start.character },
        end: { line: lineToCurrent(r.end.line)!, character: r.end.character },
      };
    },
  };
}
