import type { Range } from 'vscode-languageserver-types';
import type { SpecDeltaDocument } from '../model';
import { blankComments } from '../parse/comments';
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
    blanked = blankComments(doc.lines, doc.comments);
    visible.set(doc, blanked);
  }
  return blanked.get(line) ?? doc.lines[line] ?? '';
}
