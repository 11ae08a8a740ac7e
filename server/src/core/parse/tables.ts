import type { Cell, Place, Table, TableRow } from '../model';
import { lineRange, spanIn } from '../text';
import type { TableBlock } from './blocks';

/** The tables markdown-it found (GFM tables), with the exact range of every cell. */
export function readTables(lines: readonly string[], blocks: readonly TableBlock[], places: readonly Place[]): Table[] {
  return blocks.map((block) => {
    const place = places[block.headerLine]!;
    const rows = block.bodyLines.map((l) => readRow(lines, l, block.columns));
    const last = rows.length > 0 ? rows[rows.length - 1]!.line : block.headerLine + 1;
    return {
      section: place.section,
      subsection: place.subsection,
      header: readRow(lines, block.headerLine, block.columns),
      rows,
      startLine: block.headerLine,
      endLine: last,
    };
  });
}

/** One row's cells, split as GFM splits them (on `|` not escaped), as many as the header has. */
export function readRow(lines: readonly string[], line: number, columns: number): TableRow {
  const text = lines[line]!;
  const first = text.length - text.trimStart().length;
  const end = text.trimEnd().length;
  const from = text[first] === '|' ? first + 1 : first;
  const to = end - 1 > first && text[end - 1] === '|' && text[end - 2] !== '\\' ? end - 1 : end;
  const cells: Cell[] = [];
  let cellStart = from;
  for (let i = from; i <= to && cells.length < columns; i++) {
    if (i < to && text[i] === '\\') {
      i++;
      continue;
    }
    if (i < to && text[i] !== '|') continue;
    const span = spanIn(text, line, cellStart, i);
    if (span.text === '') {
      const middle = cellStart + Math.min(1, i - cellStart);
      cells.push({ text: '', range: lineRange(line, middle, middle) });
    } else cells.push(span.text.includes('\\|') ? { text: span.text.replace(/\\\|/g, '|'), range: span.range } : span);
    cellStart = i + 1;
  }
  return { line, cells, range: lineRange(line, first, end) };
}
