import type { Field, Place } from '../model';
import { placeDef } from '../query/sections';
import { FieldDef, METADATA_FIELDS, SectionDef } from '../template';
import { lineRange, spanIn } from '../text';
import { DocumentLines, HR } from './lines';

/**
 * `**Name**: value`, `**Name:** value` (the colon inside the bold) and `__Name__: value` (the
 * other bold), optionally as a bullet. Groups: indent and bullet, name (either bold), colon inside,
 * colon after, value.
 */
const FIELD = /^(\s*(?:[-*+][ \t]+)?)(?:\*\*([^*]+?)(:?)\*\*|__([^_]+?)(:?)__)(:?)[ \t]*(.*)$/;

/** A line written as a field: a bold name with a colon inside or after the bold. */
export interface FieldLine {
  /** The indent and bullet before the bold. */
  readonly lead: string;
  /** The name as written inside the bold (colon excluded); it starts at `lead.length + 2`. */
  readonly name: string;
  /** Written `**Name:**`: the colon inside the bold, none after it. */
  readonly colonInside: boolean;
  /** Where the value starts: after the colon and the spaces that follow it. */
  readonly valueStart: number;
  /** The rest of the line from `valueStart`, untrimmed. */
  readonly rawValue: string;
}

/** The one reading of a field line, for the parser and for completions after a field's colon. */
export function readFieldLine(text: string): FieldLine | undefined {
  const m = FIELD.exec(text);
  if (!m) return undefined;
  const inside = m[3] ?? m[5]!;
  if (inside === '' && m[6] === '') return undefined;
  const rawValue = m[7]!;
  return { lead: m[1]!, name: m[2] ?? m[4]!, colonInside: inside === ':' && m[6] === '', valueStart: text.length - rawValue.length, rawValue };
}
/** A hard line break at the end of a value: a backslash or `<br>`, which the rendered value does not show. */
const HARD_BREAK = /(?:\\|<br\s*\/?>)$/i;
/** A list marker with nothing after it: no prose. */
const EMPTY_MARKER = /^\s*(?:\d{1,9}[.)]|[-*+])\s*$/;

/**
 * Every field line in the document's prose. A field has its template definition only where the
 * template puts it (the metadata before the first section, Impact, Retrospective Test, ...): the
 * same words in What Happened are prose.
 */
export function readFields(doc: DocumentLines, places: readonly Place[]): Field[] {
  const found: { line: number; m: FieldLine }[] = [];
  for (let l = 0; l < doc.lines.length; l++) {
    const text = doc.lines[l]!;
    if ((!text.includes('**') && !text.includes('__')) || !doc.isText(l)) continue;
    const m = readFieldLine(text);
    if (m) found.push({ line: l, m });
  }
  const fields: Field[] = [];
  for (let i = 0; i < found.length; i++) {
    const { line: l, m } = found[i]!;
    const text = doc.lines[l]!;
    const nameStart = m.lead.length + 2;
    const name = spanIn(text, l, nameStart, nameStart + m.name.length);
    const { rawValue, valueStart } = m;
    const valueEnd = text.length - (HARD_BREAK.exec(rawValue.trimEnd())?.[0].length ?? 0) - (rawValue.length - rawValue.trimEnd().length);
    const value =
      text.slice(valueStart, valueEnd).trim() === '' ? { text: '', range: lineRange(l, text.length, text.length) } : spanIn(text, l, valueStart, valueEnd);
    const place = places[l]!;
    const definition = definitionAt(place, name.text);
    // Properties written out, not spread from `place`: a spread takes V8's slow object-copy path.
    fields.push({
      section: place.section,
      subsection: place.subsection,
      name,
      value,
      line: l,
      bullet: m.lead.trim() !== '',
      colonInside: m.colonInside,
      // Only fields whose content is prose (Why It Would Have Blocked) need the lines that follow.
      followingText: definition?.kind === 'paragraph' || !definition ? followingText(doc, l, found[i + 1]?.line) : '',
      definition,
    });
  }
  return fields;
}

const fieldsBySection = new Map<SectionDef, ReadonlyMap<string, FieldDef>>();
const METADATA = new Map(METADATA_FIELDS.map((f) => [f.name.toLowerCase(), f]));

/** The template's field of that name at that place, if the template puts one there. */
function definitionAt(place: Place, name: string): FieldDef | undefined {
  const lower = name.toLowerCase();
  if (place.section === undefined) return METADATA.get(lower);
  // A subsection of the template under a misnamed section (SD001 reports that) still holds its fields.
  const def = placeDef(place);
  if (!def) return undefined;
  let fields = fieldsBySection.get(def);
  if (!fields) {
    const map = new Map<string, FieldDef>();
    for (const group of def.groups) for (const block of group) if (block.kind === 'fields') for (const f of block.fields) map.set(f.name.toLowerCase(), f);
    fieldsBySection.set(def, (fields = map));
  }
  return fields.get(lower);
}

/** The prose after a field line, up to the next field or heading, without comments or empty list markers. */
function followingText(doc: DocumentLines, line: number, nextField: number | undefined): string {
  const parts: string[] = [];
  const stop = nextField ?? doc.lines.length;
  for (let l = line + 1; l < stop; l++) {
    if (doc.isHeading(l)) break;
    const text = doc.lines[l]!;
    if (doc.commentOnly[l] === 1 || HR.test(text) || EMPTY_MARKER.test(text)) continue;
    parts.push(doc.visible(l));
  }
  return parts.join('\n').trim();
}
