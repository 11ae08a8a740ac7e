import type { Catalog, CatalogEntry } from '$shared/protocol';
import type { CatalogFormat } from './catalogFormats';

export const CATALOG_START = '<!-- spec-delta-catalog:start -->';
export const CATALOG_END = '<!-- spec-delta-catalog:end -->';

const NONE = '—';

/** The index table; `--output` replaces only the text between the markers of an existing file. */
export const markdown: CatalogFormat = {
  note: '(the index table)',
  write: formatCatalogMarkdown,
  intoFile: (existing, table, shown) =>
    withCatalogBlock(existing, table) ?? {
      refused: `'${shown}' has no ${CATALOG_START} ... ${CATALOG_END} block to replace; add the two markers where the table goes`,
    },
};

/**
 * The index table of the catalogue. `linkBase` turns an entry's file into the link target: the
 * file's path relative to where the table is written, so that the links work where it is read.
 */
function formatCatalogMarkdown(catalog: Catalog, linkBase: (file: string) => string): string {
  if (catalog.invariants.length === 0) return 'No spec deltas found.\n';
  const lines = [
    '| Id | Title | Status | Severity | Category | Enforcement | Implementation |',
    '|----|-------|--------|----------|----------|-------------|----------------|',
  ];
  for (const entry of catalog.invariants) lines.push(row(entry, linkBase(entry.file)));
  return lines.join('\n') + '\n';
}

/**
 * The file's new text: the table between the markers, the rest kept as it is; the whole file
 * (markers included, so that the next run keeps what is added around them) when it is new.
 * Undefined when the markers are missing or out of order: writing would lose the user's text.
 */
function withCatalogBlock(existing: string | undefined, table: string): string | undefined {
  if (existing === undefined) return `${CATALOG_START}\n${table}${CATALOG_END}\n`;
  const start = existing.indexOf(CATALOG_START);
  const end = existing.indexOf(CATALOG_END);
  if (start < 0 || end < start || existing.indexOf(CATALOG_START, start + 1) >= 0) return undefined;
  const eol = existing.includes('\r\n') ? '\r\n' : '\n';
  const body = table.replace(/\n/g, eol);
  return `${existing.slice(0, start)}${CATALOG_START}${eol}${body}${existing.slice(end)}`;
}

function row(entry: CatalogEntry, target: string): string {
  const id = `[${cell(entry.id ?? entry.file.split('/').pop()!)}](${linkTarget(target)})`;
  const pr = entry.implementationPr ? `[${cell(shortUrl(entry.implementationPr))}](${linkTarget(entry.implementationPr)})` : NONE;
  const values = [entry.title, entry.status, entry.severity, entry.categories.join(', ') || null, entry.enforcement].map((v) => (v === null ? NONE : cell(v)));
  return `| ${[id, ...values, pr].join(' | ')} |`;
}

/** Text from a document, inert in a table cell: no column break, no markup, no HTML. */
function cell(text: string): string {
  return text.replace(/\s+/g, ' ').replace(/[\\`*_[\]<>|]/g, (c) => (c === '<' ? '&lt;' : c === '>' ? '&gt;' : `\\${c}`));
}

/** A link destination in angle brackets, which allows spaces; the brackets themselves are escaped. */
function linkTarget(target: string): string {
  return `<${target.replace(/[<>\s]/g, (c) => encodeURIComponent(c))}>`;
}

function shortUrl(url: string): string {
  const pull = /\/pull\/(\d+)(?:[/?#].*)?$/.exec(url) ?? /\/merge_requests\/(\d+)(?:[/?#].*)?$/.exec(url);
  return pull ? `#${pull[1]}` : url;
}
