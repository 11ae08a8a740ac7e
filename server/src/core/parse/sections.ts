import type { Heading, Place, Section, Span, Title } from '../model';
import { TITLE_PREFIX, findSectionDef } from '../template';
import { lineRange, range, spanIn } from '../text';
import { DocumentLines, HR } from './lines';

interface MutableSection {
  name: string;
  level: 2 | 3;
  headingRange: Section['headingRange'];
  nameRange: Section['nameRange'];
  bodyStartLine: number;
  bodyEndLine: number;
  contentRange: Section['contentRange'];
  guidanceOnly: boolean;
  subsections: MutableSection[];
  definition: Section['definition'];
}

/** The title: the first heading, when it is a level-1 heading. */
export function readTitle(lines: readonly string[], headings: readonly Heading[], isExactId: (text: string) => boolean): Title | undefined {
  const first = headings[0];
  if (!first || first.level !== 1) return undefined;
  const name = first.name;
  const line = name.range.start.line;
  const text = lines[line] ?? '';
  const start = name.range.start.character;
  const lower = name.text.toLowerCase();
  if (!lower.startsWith(TITLE_PREFIX.toLowerCase())) return { range: first.range, id: undefined, text: name };
  const restStart = start + TITLE_PREFIX.length;
  const rest = text.slice(restStart, name.range.end.character);
  // The id ends before white space or before the `:` or `,` that separates it from the brief title.
  const match = /^(\s*)(\[?)([^\s\]]*?)(\]?)(?=[:,]?(?:\s|$))/.exec(rest);
  let id: Span | undefined;
  let after = restStart;
  if (match && match[3] !== '' && (/^invariant/i.test(match[3]!) || isExactId(match[3]!))) {
    const idStart = restStart + match[1]!.length + match[2]!.length;
    id = { text: match[3]!, range: lineRange(line, idStart, idStart + match[3]!.length) };
    after = restStart + match[0].length;
  }
  const tail = text.slice(after, name.range.end.character);
  const separator = /^\s*(?:[:\u2014\u2013-](?=\s))?/.exec(tail)![0].length;
  const brief = spanIn(text, line, after + separator, name.range.end.character);
  return { range: first.range, id, text: brief.text ? brief : undefined };
}

/** H2 sections with their H3 subsections, from the document's outline. */
export function readSections(doc: DocumentLines, headings: readonly Heading[]): Section[] {
  const sections: MutableSection[] = [];
  let current: MutableSection | undefined;
  for (let i = 0; i < headings.length; i++) {
    const h = headings[i]!;
    if (h.level !== 2 && h.level !== 3) continue;
    // A title at the wrong level (`## Spec Delta: ...`) is still the title, not a section: SD009
    // reports its level, and the metadata under it stays metadata.
    if (i === 0 && h.name.text.toLowerCase().startsWith(TITLE_PREFIX.toLowerCase())) continue;
    const section: MutableSection = {
      name: h.name.text,
      level: h.level,
      headingRange: h.range,
      nameRange: h.name.range,
      bodyStartLine: h.endLine + 1,
      bodyEndLine: bodyEnd(doc.lines.length, headings, i),
      contentRange: undefined,
      guidanceOnly: false,
      subsections: [],
      definition: undefined,
    };
    measureBody(doc, section);
    if (h.level === 2) {
      section.definition = findSectionDef(section.name);
      sections.push(section);
      current = section;
    } else if (current) {
      section.definition = findSectionDef(current.name, section.name);
      current.subsections.push(section);
    }
  }
  return sections;
}

function bodyEnd(lineCount: number, headings: readonly Heading[], index: number): number {
  const level = headings[index]!.level;
  for (let j = index + 1; j < headings.length; j++) {
    if (headings[j]!.level <= level) return headings[j]!.line;
  }
  return lineCount;
}

function measureBody(doc: DocumentLines, section: MutableSection): void {
  let first = -1;
  let last = -1;
  for (let l = section.bodyStartLine; l < section.bodyEndLine; l++) {
    const text = doc.lines[l]!;
    if (text.trim() === '' || doc.commentOnly[l] === 1 || HR.test(text)) continue;
    if (first === -1) first = l;
    last = l;
  }
  section.guidanceOnly = first === -1;
  if (first !== -1) section.contentRange = range(first, 0, last, doc.lines[last]!.length);
}

/** For every line, the H2 and H3 it stands under. */
export function placeIndex(lineCount: number, sections: readonly Section[]): Place[] {
  const places: Place[] = new Array<Place>(lineCount).fill({ section: undefined, subsection: undefined });
  for (const section of sections) {
    const sectionPlace = { section: section.name, subsection: undefined };
    for (let l = section.headingRange.start.line; l < section.bodyEndLine; l++) places[l] = sectionPlace;
    for (const sub of section.subsections) {
      const subPlace = { section: section.name, subsection: sub.name };
      for (let l = sub.headingRange.start.line; l < sub.bodyEndLine; l++) places[l] = subPlace;
    }
  }
  return places;
}
