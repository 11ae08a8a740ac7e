import type { Position } from 'vscode-languageserver-types';
import type { SpecDeltaDocument, Span } from '../model';
import { lineRange } from '../text';

/**
 * `must` / `must not` and `when` written in lower or mixed case in a rule statement that lacks the
 * capitalised keyword (SPEC section 6). The parser reads only the capitals, so these are what
 * the author meant as MUST and WHEN; SD304 reports them and SD301 then says nothing more.
 */
export interface LowercaseKeywords {
  readonly modal: Span | undefined;
  readonly when: Span | undefined;
}

const NONE: LowercaseKeywords = { modal: undefined, when: undefined };

export function lowercaseKeywords(doc: SpecDeltaDocument): LowercaseKeywords {
  const statement = doc.ruleStatement;
  if (!statement || statement.slots.length > 0) return NONE;
  const modal = statement.modal ? undefined : firstWord(doc, /\bmust(?:[ \t]+not)?\b/gi, statement.range.start);
  const after = statement.modal?.range.end ?? modal?.range.end ?? statement.range.start;
  const when = statement.when ? undefined : firstWord(doc, /\bwhen(?:ever)?\b/gi, after);
  return { modal, when };
}

/** The first match at or after `from` inside the statement that is not all capitals. */
function firstWord(doc: SpecDeltaDocument, pattern: RegExp, from: Position): Span | undefined {
  const end = doc.ruleStatement!.range.end;
  for (let line = from.line; line <= end.line; line++) {
    const text = doc.lines[line] ?? '';
    const stop = line === end.line ? end.character : text.length;
    pattern.lastIndex = line === from.line ? from.character : 0;
    for (let m = pattern.exec(text); m && m.index + m[0].length <= stop; m = pattern.exec(text)) {
      if (m[0] !== m[0].toUpperCase()) return { text: m[0], range: lineRange(line, m.index, m.index + m[0].length) };
    }
  }
  return undefined;
}
