import { strict as assert } from 'node:assert';
import type { TextEdit } from 'vscode-languageserver-types';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { unique } from './positions';

/** Changing a fixture's text, and applying and checking LSP edits, independently of the core's own edit code. */

/** Replaces exactly one occurrence of `from`; fails the test if it is not there exactly once. */
export function edit(text: string, from: string, to: string): string {
  const at = text.indexOf(from);
  if (at === -1 || text.indexOf(from, at + 1) !== -1) throw new Error(`expected exactly one '${from}' in the fixture`);
  return text.slice(0, at) + to + text.slice(at + from.length);
}

/** Applies several `edit`s in a row. */
export function edits(text: string, ...pairs: (readonly [string, string])[]): string {
  return pairs.reduce((t, [from, to]) => edit(t, from, to), text);
}

/** Moves the text from `from` (included) to `to` (excluded) or the end, so that it stands just before `before`. */
export function move(text: string, from: string, to: string | undefined, before: string): string {
  const start = unique(text, from);
  const end = to === undefined ? text.length : text.indexOf(to, start);
  assert.ok(end !== -1, `'${to}' comes after '${from}'`);
  const block = text.slice(start, end);
  const rest = text.slice(0, start) + text.slice(end);
  const at = unique(rest, before);
  return rest.slice(0, at) + block + rest.slice(at);
}

/** The document with its Status value replaced (the Status line must be there). */
export function withStatus(text: string, status: string): string {
  const line = /^(\*\*Status\*\*:)[^\r\n]*/m;
  assert.ok(line.test(text), 'the fixture has a Status line');
  return text.replace(line, `$1 ${status}`);
}

/** Removes the text from the only `from` (included) to the next `to` (excluded), or to the end. */
export function cut(text: string, from: string, to?: string): string {
  const start = unique(text, from);
  const end = to === undefined ? text.length : text.indexOf(to, start);
  assert.ok(end !== -1, `'${to}' comes after '${from}'`);
  return text.slice(0, start) + text.slice(end);
}

/** Applies LSP edits as an editor does (independent of the server's own edit code). */
export function applyTextEdits(text: string, edits: readonly TextEdit[]): string {
  return TextDocument.applyEdits(TextDocument.create('file:///x.md', 'markdown', 0, text), [...edits]);
}

/** Every line of `before` is still in `after`, in the same order: the edit only added or replaced text within lines it names. */
export function keepsLines(before: string, after: string, replaced: readonly string[] = []): void {
  const rest = after.split(/\r?\n/);
  let at = 0;
  for (const line of before.split(/\r?\n/)) {
    if (replaced.includes(line)) continue;
    const found = rest.indexOf(line, at);
    assert.ok(found !== -1, `the line '${line}' is kept`);
    at = found + 1;
  }
}
