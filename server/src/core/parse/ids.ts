import type { Comment, IdToken, Link, Place, Section, Span, Title } from '../model';
import { ID_PLACEHOLDER } from '../template';
import { lineRange } from '../text';
import { LineKind } from '../model';
import { DocumentLines, HR } from './lines';

export const DEFAULT_ID_PATTERN = 'INVARIANT-\\d+';

// What looks like a mistyped id: INVARIANT- in capitals followed by anything, or the word in any
// case with a number in it (`invariant_42`). Prose such as "an invariant-check script" is not one.
const ID_LIKE = /\b(?:INVARIANT[-_][A-Za-z0-9]+|[Ii]nvariant[-_][A-Za-z]*\d[A-Za-z0-9]*)\b/g;
const URL = /\bhttps?:\/\/[^\s<>()[\]`]+[^\s<>()[\]`.,;:!?'"]/g;

/** A global regular expression for the configured id pattern; the default when it does not compile. */
export function compileIdPattern(source: string): RegExp {
  try {
    return new RegExp(`\\b(?:${source})\\b`, 'g');
  } catch {
    return new RegExp(`\\b(?:${DEFAULT_ID_PATTERN})\\b`, 'g');
  }
}

const exactPatterns = new Map<string, RegExp>();

/**
 * The one test of "this whole text is an id": `^(?:pattern)$`, compiled once per pattern (the
 * default pattern's when the source does not compile). Not global, so `test` keeps no state.
 */
export function exactIdPattern(source: string): RegExp {
  let exact = exactPatterns.get(source);
  if (!exact) {
    try {
      exact = new RegExp(`^(?:${source})$`);
    } catch {
      exact = new RegExp(`^(?:${DEFAULT_ID_PATTERN})$`);
    }
    // Patterns come from configuration files: a few per workspace; bounded all the same.
    if (exactPatterns.size < 100) exactPatterns.set(source, exact);
  }
  return exact;
}

/** The first word of the Invariant ID section. */
export function readInvariantId(doc: DocumentLines, section: Section): Span | undefined {
  for (let l = section.bodyStartLine; l < section.bodyEndLine; l++) {
    if (doc.isHeading(l) || doc.commentOnly[l] === 1) continue;
    const text = doc.lines[l]!;
    if (text.trim() === '' || HR.test(text)) continue;
    const m = /[^\s`[\]]+/.exec(text);
    if (m) return { text: m[0], range: lineRange(l, m.index, m.index + m[0].length) };
  }
  return undefined;
}

/**
 * Every id-like token: one pass of the id pattern over the whole text (not line by line, which
 * costs a regular-expression call per line), skipping comments and front matter.
 */
export function readIdTokens(
  text: string,
  idPattern: RegExp,
  comments: readonly Comment[],
  frontMatterLines: number,
  title: Title | undefined,
  invariantId: Span | undefined,
): IdToken[] {
  const starts = lineStarts(text);
  const offsetOf = (p: { line: number; character: number }): number => (starts[p.line] ?? text.length) + p.character;
  const skipped = comments.map((c) => [offsetOf(c.range.start), offsetOf(c.range.end)] as const);
  if (frontMatterLines > 0) skipped.push([0, starts[frontMatterLines] ?? text.length]);
  const found = new Map<number, IdToken>();
  const isAt = (span: Span | undefined, line: number, start: number): boolean =>
    span !== undefined && span.range.start.line === line && span.range.start.character === start;
  const add = (offset: number, value: string, valid: boolean): void => {
    if (found.has(offset) || value.toUpperCase() === ID_PLACEHOLDER) return;
    if (skipped.some(([from, to]) => offset >= from && offset < to)) return;
    const line = lineAt(starts, offset);
    const start = offset - starts[line]!;
    const role = isAt(title?.id, line, start) ? 'title' : isAt(invariantId, line, start) ? 'definition' : 'reference';
    found.set(offset, { text: value, range: lineRange(line, start, start + value.length), valid, role });
  };
  idPattern.lastIndex = 0;
  for (const m of text.matchAll(idPattern)) if (!m[0].includes('\n')) add(m.index!, m[0], true);
  if (/invariant[-_]/i.test(text)) for (const m of text.matchAll(ID_LIKE)) add(m.index!, m[0], false);
  return [...found.entries()].sort((a, b) => a[0] - b[0]).map(([, token]) => token);
}

/** Every http(s) URL in the document's prose and tables. */
export function readLinks(doc: DocumentLines, places: readonly Place[]): Link[] {
  const links: Link[] = [];
  for (let l = 0; l < doc.lines.length; l++) {
    if (!doc.isText(l) && doc.kinds[l] !== LineKind.Table) continue;
    const text = doc.lines[l]!;
    if (!text.includes('://')) continue;
    const { section, subsection } = places[l]!;
    for (const m of text.matchAll(URL)) links.push({ section, subsection, target: m[0], range: lineRange(l, m.index!, m.index! + m[0].length) });
  }
  return links;
}

/** The offset at which each line starts (after CRLF, LF or a lone CR). */
function lineStarts(text: string): number[] {
  const starts = [0];
  if (!text.includes('\r')) {
    for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
    return starts;
  }
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10 || (c === 13 && text.charCodeAt(i + 1) !== 10)) starts.push(i + 1);
  }
  return starts;
}

/** The line an offset falls on (binary search over line starts). */
function lineAt(starts: readonly number[], offset: number): number {
  let low = 0;
  let high = starts.length - 1;
  while (low < high) {
    const middle = (low + high + 1) >> 1;
    if (starts[middle]! <= offset) low = middle;
    else high = middle - 1;
  }
  return low;
}
