import type { Range } from 'vscode-languageserver-types';
import type { SpecDeltaDocument } from '../model';
import { lineRange } from '../text';

/** Where a finding about the whole document goes: the title line, else the first line. */
export function headingAnchor(doc: SpecDeltaDocument): Range {
  if (doc.title) return doc.title.range;
  return lineRange(0, 0, doc.lines[0]?.length ?? 0);
}

const visible = new WeakMap<SpecDeltaDocument, Map<number, string>>();

/** A line with its comments blanked out (same length, so columns stay exact). */
export function visibleLine(doc: SpecDeltaDocument, line: number): string {
  let blanked = visible.get(doc);
  if (!blanked) {
    blanked = new Map();
    for (const c of doc.comments) {
      for (let l = c.startLine; l <= c.endLine; l++) {
        const text = blanked.get(l) ?? doc.lines[l] ?? '';
        const from = l === c.range.start.line ? c.range.start.character : 0;
        const to = l === c.range.end.line ? c.range.end.character : text.length;
        blanked.set(l, text.slice(0, from) + ' '.repeat(Math.max(0, to - from)) + text.slice(to));
      }
    }
    visible.set(doc, blanked);
  }
  return blanked.get(line) ?? doc.lines[line] ?? '';
}
