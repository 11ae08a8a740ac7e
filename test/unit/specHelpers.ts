import { strict as assert } from 'node:assert';
import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver-types';
import { parseSpecDelta } from '../../server/src/core/parser';
import type { Status } from '../../server/src/core/rule';
import { WorkspaceIndex } from '../../server/src/core/workspaceIndex';
import { edit } from './helpers';

/** Helpers shared by the rule, fix and parser tests: statuses, exact ranges, workspaces. */

export const STATUSES: readonly Status[] = ['Draft', 'Under Review', 'Approved', 'Rejected'];

export type Severities = Readonly<Partial<Record<Status, DiagnosticSeverity>>>;

const { Error: E, Warning: W, Information: I } = DiagnosticSeverity;

/** The classes of SPEC section 3, written out again here so that severity.ts is checked against the SPEC. */
export const SPEC_SEVERITY = {
  structure: { Draft: E, 'Under Review': E, Approved: E, Rejected: E },
  incompleteness: { Draft: W, 'Under Review': E, Approved: E, Rejected: W },
  /** Approval rules that only judge an Approved document. */
  approvedOnly: { Approved: E },
  /** Approval rules that judge Approved and Rejected documents alike. */
  approval: { Approved: E, Rejected: W },
  rejectedOnly: { Rejected: W },
  quality: { Draft: W, 'Under Review': W, Approved: W, Rejected: W },
  /** SPEC section 6: sections out of the template's order. */
  order: { Draft: W, 'Under Review': W, Approved: W, Rejected: W },
  hint: { Draft: I, 'Under Review': I, Approved: I, Rejected: I },
} as const satisfies Record<string, Severities>;

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

/** Applies several `edit`s in a row. */
export function edits(text: string, ...pairs: (readonly [string, string])[]): string {
  return pairs.reduce((t, [from, to]) => edit(t, from, to), text);
}

/**
 * The exact range of `needle` inside the only occurrence of `context`, in `where()` format
 * (1-based line, 0-based UTF-16 character).
 */
export function at(text: string, context: string, needle = context): string {
  const base = unique(text, context);
  const inner = context.indexOf(needle);
  assert.ok(inner !== -1, `'${needle}' is inside '${context}'`);
  const start = positionAt(text, base + inner);
  const end = positionAt(text, base + inner + needle.length);
  return `${start.line + 1}:${start.character}-${end.line + 1}:${end.character}`;
}

/** A zero-width range at the end of `context` (offset `delta` from it). */
export function pointAfter(text: string, context: string, delta = 0): string {
  const p = positionAt(text, unique(text, context) + context.length + delta);
  return `${p.line + 1}:${p.character}-${p.line + 1}:${p.character}`;
}

/** The 0-based line of the only occurrence of `context`. */
export function lineOf(text: string, context: string): number {
  return positionAt(text, unique(text, context)).line;
}

export function positionAt(text: string, offset: number): { line: number; character: number } {
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

function unique(text: string, needle: string): number {
  const i = text.indexOf(needle);
  assert.ok(i !== -1, `'${needle}' is in the fixture`);
  assert.equal(text.indexOf(needle, i + 1), -1, `'${needle}' is in the fixture only once`);
  return i;
}

/** A workspace index fed with the given documents, all spec deltas. */
export function workspaceOf(docs: readonly { readonly uri: string; readonly text: string }[], idPattern = 'INVARIANT-\\d+'): WorkspaceIndex {
  const index = new WorkspaceIndex(idPattern);
  for (const { uri, text } of docs) index.set(parseSpecDelta(text, uri, 0, { idPattern }), true);
  return index;
}

/** `where severity message` of each diagnostic, for readable deep-equals. */
export function summary(diagnostics: readonly Diagnostic[]): string[] {
  return diagnostics.map((d) => `${d.code} ${where(d)} ${severityName(d.severity)}`);
}

/** The message of a diagnostic of this language service: always plain text, never Markdown. */
export function messageOf(d: Diagnostic): string {
  assert.equal(typeof d.message, 'string', 'the message is plain text');
  return d.message as string;
}

export function where(d: Diagnostic): string {
  return `${d.range.start.line + 1}:${d.range.start.character}-${d.range.end.line + 1}:${d.range.end.character}`;
}

export function severityName(severity: DiagnosticSeverity | undefined): string {
  return severity === E ? 'error' : severity === W ? 'warning' : severity === I ? 'information' : severity === DiagnosticSeverity.Hint ? 'hint' : 'none';
}

/** The Review Checklist's items, written out as the template has them (not read from the definition under test). */
export const REVIEW_ITEMS = [
  'Failure is documented with sufficient detail for someone unfamiliar to understand',
  'Root cause identifies systemic issue, not just symptoms',
  'Proposed invariant is specific and testable',
  'Validation proves invariant would have caught this incident',
  'False positive analysis is complete',
  'At least one other team member has reviewed',
];
