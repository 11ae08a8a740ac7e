import {
  Block,
  FieldDef,
  METADATA_FIELDS,
  OTHER_BLANK,
  RULE_STATEMENT_TEMPLATE,
  SECTIONS,
  SectionDef,
  TITLE_ID_PLACEHOLDER,
  TITLE_PREFIX,
  TITLE_TEXT_PLACEHOLDER,
  ID_PLACEHOLDER,
  TableDef,
} from './template';

/**
 * Renders the template definition as Markdown. The same walk produces the plain template, the
 * text of a single missing section for a quick fix, the snippet (with tab stops and choices) and
 * the New Spec Delta file (with id, title, date and author filled in).
 */
export interface RenderOptions {
  /** Emit VS Code snippet syntax: escaped text, tab stops on placeholders, choices on closed values. */
  readonly snippet?: boolean;
  /** Values that replace placeholders (New Spec Delta). */
  readonly id?: string;
  readonly title?: string;
  readonly date?: string;
  readonly author?: string;
}

class Writer {
  private tabStop = 0;
  constructor(readonly options: RenderOptions) {}

  text(value: string): string {
    return this.options.snippet ? value.replace(/[\\$}]/g, (c) => '\\' + c) : value;
  }

  /** A placeholder to write over: a tab stop in a snippet, the placeholder itself otherwise. */
  slot(placeholder: string, filled?: string): string {
    if (filled !== undefined) return this.text(filled);
    if (!this.options.snippet) return placeholder;
    const inner = placeholder.replace(/^\[(.*)\]$/, '$1');
    return `\${${++this.tabStop}:${inner.replace(/[\\$}]/g, (c) => '\\' + c)}}`;
  }

  choice(values: readonly string[], placeholder: string, filled?: string): string {
    if (filled !== undefined) return this.text(filled);
    if (!this.options.snippet) return placeholder;
    return `\${${++this.tabStop}|${values.map((v) => v.replace(/[\\,|$}]/g, (c) => '\\' + c)).join(',')}|}`;
  }
}

export function renderTemplate(options: RenderOptions = {}): string {
  const w = new Writer(options);
  const title = `# ${TITLE_PREFIX} ${w.slot(TITLE_ID_PLACEHOLDER, options.id)} ${w.slot(TITLE_TEXT_PLACEHOLDER, options.title)}`;
  const filled: Record<string, string | undefined> = { Date: options.date, Author: options.author };
  const metadata = METADATA_FIELDS.map((f) => renderField(w, f, false, filled[f.name])).join('\n');
  const sections = SECTIONS.map((s) => renderSection(w, s)).join('\n\n---\n\n');
  return `${title}\n\n${metadata}\n\n---\n\n${sections}\n`;
}

/** The Markdown of one section or subsection as the template has it (no trailing newline). */
export function renderSectionText(section: SectionDef, options: RenderOptions = {}): string {
  return renderSection(new Writer(options), section);
}

/** The Markdown line of one field as the template has it. */
export function renderFieldLine(field: FieldDef, bullet: boolean): string {
  return renderField(new Writer({}), field, bullet);
}

/** The Markdown line of one table row, cells padded as the template pads them. */
export function renderTableRow(table: TableDef, cells: readonly string[]): string {
  const text = table.columns.map((c, i) => {
    const cell = cells[i] ?? '';
    if (cell === '') return ' ';
    return ` ${c.pad ? cell.padEnd(c.name.length) : cell} `;
  });
  return `|${text.join('|')}|`;
}

function renderSection(w: Writer, section: SectionDef): string {
  const heading = `${'#'.repeat(section.level)} ${w.text(section.name)}`;
  const groups = section.groups.map((g) => g.map((b) => renderBlock(w, b)).join('\n'));
  const subsections = section.subsections.map((s) => renderSection(w, s));
  if (section.level === 3) return [heading + '\n' + groups.join('\n\n'), ...subsections].join('\n\n');
  return [heading, ...groups, ...subsections].join('\n\n');
}

function renderBlock(w: Writer, block: Block): string {
  switch (block.kind) {
    case 'guidance':
      return `<!-- ${w.text(block.text)} -->`;
    case 'fields':
      return block.fields.map((f) => renderField(w, f, block.bullets)).join('\n');
    case 'numbered':
      return Array.from({ length: block.count }, (_, i) => `${i + 1}.`).join('\n');
    case 'checkboxes':
      return block.group.items
        .map((item) => {
          const label = item.other ? `${item.label}: ${OTHER_BLANK}` : item.detail ? `**${item.label}**: ${item.detail}` : item.label;
          return `- [ ] ${w.text(label)}`;
        })
        .join('\n');
    case 'table':
      return renderTable(w, block.table);
    case 'ruleStatement':
      return '```\n' + RULE_STATEMENT_TEMPLATE.replace(/\[[A-Z]+\]/g, (p) => w.slot(p)) + '\n```';
    case 'invariantId':
      return '`' + w.slot(ID_PLACEHOLDER, w.options.id) + '`';
  }
}

function renderField(w: Writer, field: FieldDef, bullet: boolean, filled?: string): string {
  const prefix = `${bullet ? '- ' : ''}**${field.name}**:`;
  if (field.kind === 'paragraph') return prefix;
  const value =
    field.values && field.kind === 'choice' && field.values.length > 1
      ? w.choice(
          field.values.map((v) => v.value),
          field.placeholder,
          filled,
        )
      : field.kind === 'choice'
        ? w.text(field.placeholder)
        : w.slot(field.placeholder, filled);
  return `${prefix} ${value}`;
}

function renderTable(w: Writer, table: TableDef): string {
  const header = '|' + table.columns.map((c) => ` ${c.name} `).join('|') + '|';
  const rule = '|' + table.columns.map((c) => '-'.repeat(c.name.length + 2)).join('|') + '|';
  const rows = table.rows.map((row) => w.text(renderTableRow(table, row)));
  return [header, rule, ...rows].join('\n');
}
