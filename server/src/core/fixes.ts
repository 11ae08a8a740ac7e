import type { Range, TextEdit } from 'vscode-languageserver-types';
import type { Section, SpecDeltaDocument } from './model';
import type { Fix } from './rule';
import { FieldDef, SECTIONS, SectionDef } from './template';
import { renderFieldLine, renderSectionText } from './templateText';
import { comparePositions, point } from './text';

/**
 * Fixes as data: the edits that insert a missing piece of the template where the template puts
 * it, or replace one value. Rules attach them to findings; nothing else computes a fix.
 */

const HR = /^ {0,3}([-*_])(?:[ \t]*\1){2,}[ \t]*$/;

export function replaceFix(title: string, range: Range, newText: string, preferred = false): Fix {
  return { title, edits: [{ range, newText }], preferred, insertOnly: false };
}

/** Inserts a missing H2 section before the next section the template puts after it, or at the end. */
export function insertSectionFix(doc: SpecDeltaDocument, def: SectionDef): Fix {
  const eol = doc.eol;
  const body = withEol(renderSectionText(def), eol);
  const order = SECTIONS.indexOf(def);
  const next = doc.sections.find((s) => s.definition !== undefined && SECTIONS.indexOf(s.definition) > order);
  let edit: TextEdit;
  if (next) {
    edit = insertAt(next.headingRange.start.line, 0, `${body}${eol}${eol}---${eol}${eol}`);
  } else {
    const end = endOfDocument(doc);
    const lastNonBlank = doc.lines.findLastIndex((l) => l.trim() !== '');
    const separator = lastNonBlank === -1 || HR.test(doc.lines[lastNonBlank]!) ? '' : `---${eol}${eol}`;
    const lead = end.character === 0 ? (end.line > 0 && doc.lines[end.line - 1]!.trim() !== '' ? eol : '') : eol + eol;
    edit = insertAt(end.line, end.character, `${lead}${separator}${body}${eol}`);
  }
  return { title: `Insert the missing '${def.name}' section`, edits: [edit], preferred: true, insertOnly: true };
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
    edit = insertAt(next.headingRange.start.line, 0, `${body}${eol}${eol}`);
  } else {
    const last = lastContentLine(doc, parent.bodyStartLine, parent.bodyEndLine);
    const line = last === -1 ? parent.headingRange.end.line : last;
    edit = insertAt(line, doc.lines[line]!.length, `${eol}${eol}${body}`);
  }
  return { title: `Insert the missing '${def.name}' subsection`, edits: [edit], preferred: true, insertOnly: true };
}

/**
 * Inserts a missing field line next to the fields of its block: after the one the template puts
 * before it, else before the one it puts after it, else at the start of the body.
 */
export function insertFieldFix(doc: SpecDeltaDocument, fields: readonly FieldDef[], def: FieldDef, bullets: boolean, afterLine: number): Fix {
  const eol = doc.eol;
  const line = renderFieldLine(def, bullets);
  const index = fields.indexOf(def);
  const gap = bullets || fields.length > 1 ? eol : eol + eol;
  const present = (f: FieldDef): number => doc.fields.findIndex((x) => x.definition === f && x.line > afterLine);
  for (let i = index - 1; i >= 0; i--) {
    const at = present(fields[i]!);
    if (at !== -1) {
      const prev = doc.fields[at]!;
      return insertFix(def, insertAt(prev.line, doc.lines[prev.line]!.length, gap + line));
    }
  }
  for (let i = index + 1; i < fields.length; i++) {
    const at = present(fields[i]!);
    if (at !== -1) return insertFix(def, insertAt(doc.fields[at]!.line, 0, line + gap));
  }
  return insertFix(def, insertAt(afterLine, doc.lines[afterLine]!.length, eol + (bullets ? '' : eol) + line));
}

function insertFix(def: FieldDef, edit: TextEdit): Fix {
  return { title: `Insert the missing '${def.name}' field`, edits: [edit], preferred: true, insertOnly: true };
}

export function insertLineAfterFix(doc: SpecDeltaDocument, line: number, text: string, title: string): Fix {
  return { title, edits: [insertAt(line, doc.lines[line]!.length, doc.eol + text)], preferred: true, insertOnly: true };
}

/**
 * All insert-only fixes merged into one list of edits, safe to apply together: edits at the same
 * place keep the order the fixes came in (template order), and no two edits overlap.
 */
export function mergeInsertions(fixes: readonly Fix[]): TextEdit[] {
  const byPosition = new Map<string, TextEdit>();
  for (const fix of fixes) {
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
  const at = (p: { line: number; character: number }): number => {
    if (p.line >= offsets.length) return text.length;
    return Math.min(offsets[p.line]! + p.character, p.line + 1 < offsets.length ? offsets[p.line + 1]! : text.length);
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

function insertAt(line: number, character: number, newText: string): TextEdit {
  return { range: { start: point(line, character), end: point(line, character) }, newText };
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
    if (text.trim() !== '' && !HR.test(text)) return l;
  }
  return -1;
}
