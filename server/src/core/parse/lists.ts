import type { CheckboxGroup, CheckboxItem, Field, ListItem, NumberedList, Place } from '../model';
import { placeDef } from '../query/sections';
import { checkboxGroupOf } from '../template';
import { lineRange, spanIn } from '../text';
import type { OrderedItem } from './blocks';
import type { DocumentLines } from './lines';

const CHECKBOX = /^(\s*[-*+][ \t]+)\[([ xX])\](?:[ \t]+(.*))?$/;

/**
 * The ordered lists markdown-it found. An item's text may start on the line after its marker;
 * an item is empty only when it holds nothing at all.
 */
export function readNumberedLists(
  lines: readonly string[],
  lists: readonly OrderedItem[][],
  places: readonly Place[],
  fields: readonly Field[],
): NumberedList[] {
  const fieldLines = new Map(fields.map((f) => [f.line, f]));
  return lists
    .filter((items) => items.length > 0)
    .map((items) => {
      const start = items[0]!.line;
      const place = places[start]!;
      return {
        section: place.section,
        subsection: place.subsection,
        field: fieldLines.get(start - 1)?.name.text,
        items: items.map((item) => readItem(lines, item)),
      };
    });
}

function readItem(lines: readonly string[], item: OrderedItem): ListItem {
  const l = item.line;
  const text = lines[l]!;
  const markerAt = Math.max(0, text.indexOf(item.marker));
  const afterMarker = markerAt + item.marker.length;
  let itemText;
  if (item.contentLine === -1) itemText = { text: '', range: lineRange(l, text.length, text.length) };
  else if (item.contentLine === l) itemText = spanIn(text, l, afterMarker);
  else itemText = spanIn(lines[item.contentLine] ?? '', item.contentLine, 0);
  return { line: l, number: item.number, text: itemText, range: lineRange(l, markerAt, text.trimEnd().length) };
}

/** Task items (`- [ ] label`) grouped by the heading they stand under. */
export function readCheckboxGroups(doc: DocumentLines, itemLines: ReadonlySet<number>, places: readonly Place[]): CheckboxGroup[] {
  const groups = new Map<string, { place: Place; items: CheckboxItem[] }>();
  // Lines of one section share one Place: look the group up again only when the place changes.
  let lastPlace: Place | undefined;
  let group: { place: Place; items: CheckboxItem[] } | undefined;
  for (const l of [...itemLines].sort((a, b) => a - b)) {
    const text = doc.lines[l]!;
    const m = text.includes('[') && doc.isText(l) ? CHECKBOX.exec(text) : null;
    if (!m) continue;
    const place = places[l]!;
    if (place !== lastPlace || !group) {
      const key = `${place.section ?? ''}\u0000${place.subsection ?? ''}`;
      group = groups.get(key);
      if (!group) groups.set(key, (group = { place, items: [] }));
      lastPlace = place;
    }
    group.items.push(readCheckbox(text, l, m));
  }
  return [...groups.values()].map(({ place, items }) => {
    const name = place.subsection ?? place.section ?? '';
    const def = placeDef(place);
    return { section: place.section, subsection: place.subsection, name, items, definition: def && checkboxGroupOf(def) };
  });
}

function readCheckbox(text: string, line: number, m: RegExpExecArray): CheckboxItem {
  const boxStart = m[1]!.length;
  const boxRange = lineRange(line, boxStart, boxStart + 3);
  const rest = (m[3] ?? '').trimEnd();
  const restStart = rest === '' ? text.length : text.length - (m[3] ?? '').length;
  const bold = /^\*\*(.+?)\*\*/.exec(rest);
  let label = bold ? spanIn(text, line, restStart + 2, restStart + 2 + bold[1]!.length) : spanIn(text, line, restStart, restStart + rest.length);
  const other = /^(Other)\s*:(.*)$/i.exec(rest);
  let otherName;
  if (other) {
    label = spanIn(text, line, restStart, restStart + other[1]!.length);
    const nameStart = restStart + rest.length - other[2]!.length;
    const cleaned = other[2]!.replace(/_/g, ' ');
    const lead = cleaned.length - cleaned.trimStart().length;
    const name = cleaned.trim();
    if (name) otherName = { text: name, range: lineRange(line, nameStart + lead, nameStart + lead + name.length) };
  }
  return {
    line,
    checked: m[2] !== ' ',
    boxRange,
    label,
    otherName,
    isOther: other !== null,
    range: lineRange(line, text.length - text.trimStart().length, text.trimEnd().length),
  };
}
