import type { Range, TextEdit } from 'vscode-languageserver-types';
import type { Section, SpecDeltaDocument } from './model';
import { HR } from './parse/lines';
import type { Fix } from './rule';
import { FieldDef, SECTIONS, SectionDef } from './template';
import { renderFieldLine, renderSectionText } from './templateText';
import { comparePositions, point } from './text';
import { closestValue } from './values';

/**
 * Fixes as data: the edits that insert a missing piece of the template where the template puts
 * it, or replace one value. Rules attach them to findings; nothing else computes a fix.
 */

export function replaceFix(title: string, range: Range, newText: string, preferred = false): Fix {
  return { title, edits: [{ range, newText }], preferred, insertOnly: false };
}

/** One fix for each allowed value, the closest one preferred. */
export function valueFixes(range: Range, written: string, allowed: readonly string[], prefix = ''): Fix[] {
  const closest = closestValue(written, allowed) ?? (allowed.length === 1 ? allowed[0] : undefined);
  const verb = written === '' ? 'Set to' : 'Replace with';
  return allowed.map((value) => replaceFix(`${verb} '${value}'`, range, prefix + value, value === closest));
}

/** Inserts a missing H2 section before the next section the template puts after it, or at the end. */
export function insertSectionFix(doc: SpecDeltaDocument, def: SectionDef): Fix {
  const eol = doc.eol;
  const body = withEol(renderSectionText(def), eol);
  const order = SECTIONS.indexOf(def);
  const next = doc.sections.find((s) => s.definition !== undefined && SECTIONS.indexOf(s.definition) > order);
  let edit: TextEdit;
  if (next) {
    edit = insertAt(next.headingRange.start.line, lineStart(doc, next.headingRange.start.line), `${body}${eol}${eol}---${eol}${eol}`);
  } else {
    const end = endOfDocument(doc);
    const lastNonBlank = doc.lines.findLastIndex((l) => !isBlank(l));
    const lead = end.character === 0 ? (end.line > 0 && !isBlank(doc.lines[end.line - 1]!) ? eol : '') : eol + eol;
    if (lastNonBlank === -1) {
      // A blank document gets the sections as the template writes them: a rule before each but
      // the first, which follows the metadata fields (inserted at the same place, before it). A
      // last line of spaces or tabs stays a line of its own (after a tab `---` would be code).
      const rule = order === 0 ? `${end.character > 0 ? eol : ''}---${eol}${eol}` : `${eol}---${eol}${eol}`;
      edit = insertAt(end.line, end.character, `${rule}${body}${eol}`);
    } else if (HR.test(doc.lines[lastNonBlank]!)) {
      // The document ends with a rule: the section keeps a rule after it, so that the
      // document still ends with one and several sections inserted here stay separated.
      edit = insertAt(end.line, end.character, `${lead}${body}${eol}${eol}---${eol}${lead === '' ? eol : ''}`);
    } else {
      // After a blank last line the section ends with one too, so that the next section appended
      // here (its rule) does not turn the last line of this one into a heading.
      edit = insertAt(end.line, end.character, `${lead}---${eol}${eol}${body}${eol}${lead === '' ? eol : ''}`);
    }
  }
  return { title: `Insert the missing '${def.name}' section`, edits: [edit], preferred: true, insertOnly: true, inserts: 'section' };
}

/** Inserts a missing H3 into its H2, before the next subsection the template puts after it. */
export function insertSubsectionFix(doc: SpecDeltaDocument, parent: Section, def: SectionDef): Fix {
  const eol = doc.eol;
  const body = withEol(renderSectionText(def), eol);
  const siblings = parent.definition?.subsections ?? [];
  const order = siblings.indexOf(def);
  const next = parent.subsections.find((s) => s.definition !== undefined && siblings.indexOf(s.definition) > order);
  let edit: TextEdit;
  if (next) {
    edit = insertAt(next.headingRange.start.line, lineStart(doc, next.headingRange.start.line), `${body}${eol}${eol}`);
  } else {
    const last = lastContentLine(doc, parent.bodyStartLine, parent.bodyEndLine);
    const line = last === -1 ? parent.headingRange.end.line : last;
    // A line right after it (a setext heading's text) would otherwise run on into the inserted body.
    const after = isBlank(doc.lines[line + 1] ?? '') ? '' : eol;
    edit = insertAt(line, doc.lines[line]!.length, `${eol}${eol}${body}${after}`);
  }
  return { title: `Insert the missing '${def.name}' subsection`, edits: [edit], preferred: true, insertOnly: true, inserts: 'subsection' };
}

/**
 * Inserts a missing field line next to the fields of its section: after the one the template puts
 * before it, else before the one it puts after it, else after the heading's last line `afterLine`
 * (-1: at the start of a document without a title). Only fields on the lines between `afterLine`
 * and `beforeLine` (excluded) count: a field of another section is no place to insert next to.
 * `groups` are the section's field groups in template order: fields of a group sit on consecutive
 * lines, groups are a blank line apart. `isMissing` says which other fields get fixes of their own
 * (by default those not between the two lines).
 */
export function insertFieldFix(
  doc: SpecDeltaDocument,
  groups: readonly (readonly FieldDef[])[],
  def: FieldDef,
  bullets: boolean,
  afterLine: number,
  beforeLine: number = doc.lines.length,
  isMissing?: (field: FieldDef) => boolean,
): Fix {
  const eol = doc.eol;
  const line = renderFieldLine(def, bullets);
  const fields = groups.flat();
  const group = groups.find((g) => g.includes(def)) ?? [def];
  const gap = (other: FieldDef): string => (bullets || group.includes(other) ? eol : eol + eol);
  const index = fields.indexOf(def);
  const present = (f: FieldDef): number => doc.fields.findIndex((x) => x.definition === f && x.line > afterLine && x.line < beforeLine);
  for (let i = index - 1; i >= 0; i--) {
    const at = present(fields[i]!);
    if (at !== -1) {
      const prev = doc.fields[at]!;
      return insertFix(def, insertAt(prev.line, doc.lines[prev.line]!.length, gap(fields[i]!) + line));
    }
  }
  for (let i = index + 1; i < fields.length; i++) {
    const at = present(fields[i]!);
    if (at !== -1) return insertFix(def, insertAt(doc.fields[at]!.line, lineStart(doc, doc.fields[at]!.line), line + gap(fields[i]!)));
  }
  // None of the section's fields is there. The fixes of a group's other missing fields insert at
  // the same place, so each is written to follow the one before it (Insert Missing Sections).
  const first = group.indexOf(def) === 0;
  if (afterLine < 0) {
    const last = group.indexOf(def) === group.length - 1;
    return insertFix(def, insertAt(0, lineStart(doc, 0), line + eol + (last ? eol : '')));
  }
  // The last one inserted here ends with a blank line when text follows at once, which would
  // otherwise run on into the fields (and turn them into a heading's text when a setext underline
  // follows). A later field found elsewhere (metadata above the title) is not inserted here.
  const laterInserted = fields.slice(index + 1).some((f) => (isMissing ? isMissing(f) : present(f) === -1));
  const trail = !laterInserted && !isBlank(doc.lines[afterLine + 1] ?? '') ? eol : '';
  return insertFix(def, insertAt(afterLine, doc.lines[afterLine]!.length, (bullets || !first ? eol : eol + eol) + line + trail));
}

function insertFix(def: FieldDef, edit: TextEdit): Fix {
  return { title: `Insert the missing '${def.name}' field`, edits: [edit], preferred: true, insertOnly: true };
}

export function insertLineAfterFix(doc: SpecDeltaDocument, line: number, text: string, title: string): Fix {
  return { title, edits: [insertAt(line, doc.lines[line]!.length, doc.eol + text)], preferred: true, insertOnly: true };
}

/**
 * All insert-only fixes merged into one list of edits, safe to apply together: edits at the same
 * place keep the order the fixes came in, and no two edits overlap. At one place, fields and rows
 * go first, then subsections, then sections, as in the template: the metadata of a document
 * without a title before the sections inserted at its start; a field after the last line of a
 * section before the subsections appended to it, and those before the sections appended after it.
 */
export function mergeInsertions(fixes: readonly Fix[]): TextEdit[] {
  const rank = (f: Fix): number => (f.inserts === 'section' ? 2 : f.inserts === 'subsection' ? 1 : 0);
  const byPosition = new Map<string, TextEdit>();
  for (const fix of [...fixes].sort((a, b) => rank(a) - rank(b))) {
    if (!fix.insertOnly) continue;
    for (const edit of fix.edits) {
      const key = `${edit.range.start.line}:${edit.range.start.character}`;
      const existing = byPosition.get(key);
      if (existing && existing.newText === edit.newText) continue;
      byPosition.set(key, existing ? { range: existing.range, newText: existing.newText + edit.newText } : edit);
    }
  }
  return [...byPosition.values()].sort((a, b) => comparePositions(a.range.start, b.range.start));
}

/** Applies edits to a text (used by the CLI's --fix and by tests). Edits must not overlap. */
export function applyEdits(text: string, edits: readonly TextEdit[]): string {
  const offsets = lineOffsets(text);
  // As LSP says, a character past the end of its line means the end of the line (before its terminator).
  const at = (p: { line: number; character: number }): number => {
    if (p.line >= offsets.length) return text.length;
    const next = p.line + 1 < offsets.length ? offsets[p.line + 1]! : undefined;
    const end = next === undefined ? text.length : next - (text.charCodeAt(next - 2) === 13 && text.charCodeAt(next - 1) === 10 ? 2 : 1);
    return Math.min(offsets[p.line]! + p.character, end);
  };
  const sorted = [...edits].map((e, i) => ({ e, i, start: at(e.range.start), end: at(e.range.end) }));
  sorted.sort((a, b) => b.start - a.start || b.i - a.i);
  let result = text;
  for (const { e, start, end } of sorted) result = result.slice(0, start) + e.newText + result.slice(end);
  return result;
}

function lineOffsets(text: string): number[] {
  const offsets = [0];
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 13) {
      if (text.charCodeAt(i + 1) === 10) i++;
      offsets.push(i + 1);
    } else if (c === 10) offsets.push(i + 1);
  }
  return offsets;
}

/**
 * Where text inserted at the start of a line goes: after a BOM that opens the document, which must
 * stay its first character (moved into the middle it would hide the heading it stood before).
 */
export function lineStart(doc: SpecDeltaDocument, line: number): number {
  return line === 0 && doc.lines[0]?.charCodeAt(0) === 0xfeff ? 1 : 0;
}

function insertAt(line: number, character: number, newText: string): TextEdit {
  return { range: { start: point(line, character), end: point(line, character) }, newText };
}

/**
 * A blank line as Markdown reads one: spaces and tabs only. JavaScript's trim() also removes a BOM,
 * a no-break space and line separators, which Markdown keeps as text: a line of them is content.
 */
function isBlank(line: string): boolean {
  return /^[ \t]*$/.test(line);
}

function withEol(text: string, eol: string): string {
  return eol === '\n' ? text : text.replace(/\n/g, eol);
}

function endOfDocument(doc: SpecDeltaDocument): { line: number; character: number } {
  const line = doc.lines.length - 1;
  return point(line, doc.lines[line]!.length);
}

/** The last line in [from, to) that is neither blank nor a thematic break (which belongs to what follows). */
function lastContentLine(doc: SpecDeltaDocument, from: number, to: number): number {
  for (let l = to - 1; l >= from; l--) {
    const text = doc.lines[l]!;
    if (!isBlank(text) && !HR.test(text)) return l;
  }
  return -1;
}
