import { CompletionItem, CompletionItemKind, InsertTextFormat, MarkupKind, Position, Range } from 'vscode-languageserver-types';
import type { Section, SpecDeltaDocument } from './model';
import { escapeMarkdown, statusLine } from './markdown';
import { readFieldLine } from './parse/fields';
import { readRow } from './parse/tables';
import { holdsTable } from './query/sections';
import { lineRange } from './text';
import {
  ALL_FIELDS,
  APPROVAL_TABLE,
  CATEGORY_GROUP,
  CheckboxGroupDef,
  DECISION_VALUES,
  OTHER_BLANK,
  SECTIONS,
  SectionDef,
  ValueDef,
  checkboxGroupOf,
} from './template';
import { renderSectionText } from './templateText';
import type { IndexEntry } from './workspaceIndex';

/** What completions need to know beyond the document. */
export interface CompletionContext {
  /** Today as YYYY-MM-DD (injected, so that the core stays deterministic). */
  readonly today: string;
  /** Extra categories from the configuration. */
  readonly categories: readonly string[];
  /** The id after the highest defined one. */
  readonly nextFreeId: string;
  /** The defined ids of the workspace, for references. */
  readonly definitions: readonly IndexEntry[];
  /** The client takes snippets (tab stops and choices); plain text otherwise. Default true. */
  readonly snippets?: boolean;
}

const CHECKBOX_PREFIX = /^(\s*[-*+][ \t]+\[[ xX]\][ \t]*)(.*)$/;
const HEADING_PREFIX = /^(#{2,3})[ \t]+(.*)$/;
const ID_PREFIX = /\binvariant-\d*$/i;

/**
 * Completions at a position, all read from the template definition: closed values after a field,
 * Decision values in the approval table, checkbox items, missing section headings, invariant ids
 * and today's date.
 */
export function getCompletions(doc: SpecDeltaDocument, at: Position, context: CompletionContext): CompletionItem[] {
  const line = doc.lines[at.line];
  if (line === undefined) return [];
  // LSP: a character past the end of the line means the end of the line; no range may reach past it.
  const position = { line: at.line, character: Math.min(at.character, line.length) };
  const before = line.slice(0, position.character);

  const id = ID_PREFIX.exec(before);
  if (id) return idCompletions(position, id.index, context);

  const heading = HEADING_PREFIX.exec(before);
  if (heading) return headingCompletions(doc, position, line, heading[1]!.length, before.length - heading[2]!.length, context.snippets ?? true);

  const checkbox = CHECKBOX_PREFIX.exec(line);
  if (checkbox && position.character >= checkbox[1]!.length) return checkboxCompletions(doc, position, line, checkbox[1]!.length, context);

  const field = readFieldLine(line);
  if (field && position.character >= field.valueStart) return fieldCompletions(position, line, field.name, field.valueStart, context);

  if (line.trimStart().startsWith('|')) return tableCompletions(doc, position, line, context);
  return [];
}

function fieldCompletions(position: Position, line: string, name: string, valueStart: number, context: CompletionContext): CompletionItem[] {
  const def = ALL_FIELDS.get(name.trim().toLowerCase());
  if (!def) return [];
  const range = lineRange(position.line, valueStart, Math.max(valueStart, line.trimEnd().length, position.character));
  // Right after the colon (the ':' trigger character) the value needs a space before it.
  const lead = valueStart > 0 && !/\s/.test(line[valueStart - 1]!) ? ' ' : '';
  if (def.kind === 'date') return [dateItem(range, context.today, lead + context.today)];
  if (!def.values) return [];
  return def.values.map((v, i) => valueItem(v, range, i, lead + (def.kind === 'dataLoss' && v.value === 'Yes' ? 'Yes: ' : v.value)));
}

function valueItem(value: ValueDef, range: Range, index: number, insert = value.value): CompletionItem {
  return {
    label: value.value,
    kind: CompletionItemKind.EnumMember,
    detail: value.description,
    documentation: { kind: MarkupKind.Markdown, value: value.description },
    textEdit: { range, newText: insert },
    sortText: String(index).padStart(2, '0'),
    filterText: value.value,
  };
}

function dateItem(range: Range, today: string, insert = today): CompletionItem {
  return { label: today, kind: CompletionItemKind.Value, detail: 'Today', textEdit: { range, newText: insert }, filterText: today, preselect: true };
}

function checkboxCompletions(doc: SpecDeltaDocument, position: Position, line: string, labelStart: number, context: CompletionContext): CompletionItem[] {
  const def = groupAt(doc, position.line);
  if (!def) return [];
  const range = lineRange(position.line, labelStart, Math.max(labelStart, line.trimEnd().length, position.character));
  // `- [ ]` without its space yet: the label needs one, or the line is no checkbox item.
  const lead = /\s/.test(line[labelStart - 1]!) ? '' : ' ';
  const present = new Set(doc.checkboxGroups.filter((g) => g.definition === def).flatMap((g) => g.items.map((i) => i.label.text.toLowerCase())));
  const extra = def === CATEGORY_GROUP ? context.categories.map((label) => ({ label })) : [];
  return [...def.items, ...extra].map((item, i) => {
    const other = 'other' in item && item.other;
    const detail = 'detail' in item ? item.detail : undefined;
    const text = other ? `${item.label}: ${OTHER_BLANK}` : detail ? `**${item.label}**: ${detail}` : item.label;
    return {
      label: item.label,
      kind: CompletionItemKind.EnumMember,
      detail: detail ?? def.description,
      documentation: { kind: MarkupKind.Markdown, value: `${def.name}: ${def.description}` },
      textEdit: { range, newText: lead + (other ? `${item.label}: ` : text) },
      sortText: `${present.has(item.label.toLowerCase()) ? 1 : 0}${String(i).padStart(2, '0')}`,
      filterText: item.label,
    };
  });
}

/** The checkbox group the template puts where the line stands. */
function groupAt(doc: SpecDeltaDocument, line: number): CheckboxGroupDef | undefined {
  const section = sectionAt(doc, line);
  if (!section) return undefined;
  const sub = section.subsections.find((s) => line > s.headingRange.end.line && line < s.bodyEndLine);
  const def = (sub ?? section).definition;
  return def ? checkboxGroupOf(def) : undefined;
}

function sectionAt(doc: SpecDeltaDocument, line: number): Section | undefined {
  return doc.sections.find((s) => line >= s.headingRange.start.line && line < s.bodyEndLine);
}

function headingCompletions(doc: SpecDeltaDocument, position: Position, line: string, level: number, nameStart: number, snippets: boolean): CompletionItem[] {
  const range = lineRange(position.line, nameStart, Math.max(nameStart, line.trimEnd().length, position.character));
  let missing: SectionDef[];
  if (level === 2) {
    missing = SECTIONS.filter((def) => !doc.sections.some((s) => s.definition === def && s.headingRange.start.line !== position.line));
  } else {
    const parent = doc.sections.filter((s) => s.headingRange.start.line < position.line).pop();
    const def = parent?.definition;
    if (!parent || !def) return [];
    missing = def.subsections.filter((sub) => !parent.subsections.some((s) => s.definition === sub && s.headingRange.start.line !== position.line));
  }
  const eol = doc.eol;
  return missing.map((def, i) => {
    // The heading and the template's body for it, as a snippet with tab stops where the client takes them.
    const body = renderSectionText(def, { snippet: snippets }).slice(def.level + 1);
    return {
      label: def.name,
      kind: CompletionItemKind.Module,
      detail: def.level === 2 ? 'Spec delta section' : 'Spec delta subsection',
      documentation: { kind: MarkupKind.Markdown, value: def.description },
      textEdit: { range, newText: eol === '\n' ? body : body.replace(/\n/g, eol) },
      insertTextFormat: snippets ? InsertTextFormat.Snippet : InsertTextFormat.PlainText,
      sortText: String(i).padStart(2, '0'),
      filterText: def.name,
    };
  });
}

function idCompletions(position: Position, start: number, context: CompletionContext): CompletionItem[] {
  const range = lineRange(position.line, start, position.character);
  const items: CompletionItem[] = [
    {
      label: context.nextFreeId,
      kind: CompletionItemKind.Constant,
      detail: 'Next free invariant id',
      textEdit: { range, newText: context.nextFreeId },
      sortText: '0',
      preselect: true,
    },
  ];
  const seen = new Set([context.nextFreeId]);
  for (const entry of context.definitions) {
    const def = entry.definition;
    if (!def || seen.has(def.id)) continue;
    seen.add(def.id);
    items.push({
      label: def.id,
      kind: CompletionItemKind.Reference,
      detail: def.title,
      documentation: {
        kind: MarkupKind.Markdown,
        value: `**${escapeMarkdown(def.id)}** ${escapeMarkdown(def.title)}\n\n${statusLine(entry.status, entry.severity)}`,
      },
      textEdit: { range, newText: def.id },
      sortText: `1${def.id}`,
    });
  }
  return items;
}

function tableCompletions(doc: SpecDeltaDocument, position: Position, line: string, context: CompletionContext): CompletionItem[] {
  const table = doc.tables.find((t) => position.line > t.header.line && position.line <= t.endLine && holdsTable(t, APPROVAL_TABLE));
  if (!table) return [];
  if (!table.rows.some((r) => r.line === position.line)) return [];
  // The cells of the line as it reads now: the model may be older than the text (the server's large
  // documents), and a cell typed into since would otherwise be taken as empty, or as its old length.
  const row = readRow(doc.lines, position.line, table.header.cells.length);
  // The cell the cursor is in: count the unescaped pipes before it.
  let index = -1;
  for (let i = 0; i < position.character; i++) {
    if (line[i] === '\\') i++;
    else if (line[i] === '|') index++;
  }
  const header = table.header.cells[index]?.text.toLowerCase() ?? APPROVAL_TABLE.columns[index]?.name.toLowerCase();
  const cell = row.cells[index];
  if (!cell) return [];
  // In an empty cell insert at the cursor, padded so that the cell reads `| value |`.
  const empty = cell.text === '';
  const range = empty ? lineRange(position.line, position.character, position.character) : cell.range;
  const lead = empty && line[position.character - 1] !== ' ' ? ' ' : '';
  const trail = empty && (line[position.character] ?? '|') === '|' ? ' ' : '';
  const pad = (text: string): string => lead + text + trail;
  if (header === 'decision') return DECISION_VALUES.map((v, i) => valueItem(v, range, i, pad(v.value)));
  if (header === 'date') return [dateItem(range, context.today, pad(context.today))];
  return [];
}
