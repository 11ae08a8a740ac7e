import { DiagnosticSeverity } from 'vscode-languageserver-types';
import type { Catalog, CatalogApproval, CatalogEntry, CatalogRule, DocumentStatus } from '$shared/protocol';
import type { Field, Span, SpecDeltaDocument } from './model';
import { checkedItems } from './query/checkboxes';
import { implementationPrLinks } from './query/sections';
import { COMPLEXITY_GROUP, ENFORCEMENT_GROUP, METADATA_FIELDS, TITLE_TEXT_PLACEHOLDER, type CheckboxGroupDef } from './template';
import { detach } from './text';
import { metadataField, valueState } from './values';

/**
 * One invariant's catalogue entry (SPEC section 7), read from the model and from the status the
 * tree and the status panel already show, so that the CLI, the server and the Dashboard agree.
 * `status` must be `documentStatus` of the same document and diagnostics. Its strings are its
 * own (see detach): the CLI holds every file's entry to the end of a run, and would otherwise
 * keep every file's text alive. `shared` copies the values that repeat across entries (the
 * metadata, the checked boxes, the approval table): the CLI gives detachOnce, one copy of each.
 * The values of one spec delta (id, title, rule, links) are not looked up: hashing long texts
 * that never repeat cost more than their copies.
 */
export function catalogEntry(doc: SpecDeltaDocument, status: DocumentStatus, file: string, shared: (text: string) => string = detach): CatalogEntry {
  const filledShared = (value: string | undefined): string | null => filledWith(value, shared);
  const enforcement = checkedLabels(doc, ENFORCEMENT_GROUP, shared);
  const id = status.id ?? null;
  const pr = implementationPrLinks(doc)[0];
  return {
    id: id === null ? null : detach(id),
    title: filled(status.title === TITLE_TEXT_PLACEHOLDER ? undefined : status.title),
    file,
    status: metadataValue(doc, 'Status', shared),
    severity: metadataValue(doc, 'Severity', shared),
    date: metadataValue(doc, 'Date', shared),
    author: metadataValue(doc, 'Author', shared),
    // Other is kept with its name, as the status panel shows it.
    categories: status.categories.map((c) => (c === 'Other:' ? 'Other' : shared(c))),
    // More than one is an Error the problems count; the first checked is the one a reader sees first.
    enforcement: enforcement[0] ?? null,
    complexity: checkedLabels(doc, COMPLEXITY_GROUP, shared),
    rule: ruleOf(doc),
    implementationPr: pr ? detach(pr.target) : null,
    approvals: status.approvals.map((a): CatalogApproval => ({
      role: filledShared(a.role),
      name: filledShared(a.name),
      date: filledShared(a.date),
      decision: filledShared(a.decision),
    })),
    references: [...new Set(doc.idTokens.filter((t) => t.valid && t.role === 'reference' && t.text !== id).map((t) => detach(t.text)))].sort(compareText),
    completeness: { done: status.completeness.done, total: status.completeness.total },
    problems: {
      errors: status.problems.filter((p) => p.severity === DiagnosticSeverity.Error).length,
      warnings: status.problems.filter((p) => p.severity === DiagnosticSeverity.Warning).length,
      information: status.problems.filter((p) => p.severity === DiagnosticSeverity.Information || p.severity === DiagnosticSeverity.Hint).length,
    },
  };
}

/** The catalogue of the given entries, sorted by id (entries without one last), then file. */
export function catalogOf(entries: readonly CatalogEntry[]): Catalog {
  return { version: 1, invariants: sortedEntries(entries) };
}

/**
 * Entries in the catalogue's order: by id (entries without one last), then file, then
 * `tieBreak` (the server's entries of one file in two workspace folders). Each entry's keys are
 * read once: read at each comparison, they were a tenth of a 20,000-file run's catalogue work.
 */
export function sortedEntries<E extends { id: string | null; file: string }>(entries: readonly E[], tieBreak: (a: E, b: E) => number = () => 0): E[] {
  const keyed = entries.map((entry) => ({ entry, keys: entryKeys(entry) }));
  keyed.sort((a, b) => compareEntryKeys(a.keys, b.keys) || tieBreak(a.entry, b.entry));
  return keyed.map((k) => k.entry);
}

interface EntryKeys {
  readonly id: TextKey | null;
  readonly file: TextKey;
}

function entryKeys(entry: { id: string | null; file: string }): EntryKeys {
  return { id: entry.id === null ? null : textKey(entry.id), file: textKey(entry.file) };
}

function compareEntryKeys(a: EntryKeys, b: EntryKeys): number {
  if (a.id?.text !== b.id?.text) {
    if (a.id === null) return 1;
    if (b.id === null) return -1;
    const byId = compareKeys(a.id, b.id);
    if (byId !== 0) return byId;
  }
  return compareKeys(a.file, b.file);
}

/** A text and, when it ends in digits, what comes before them and their value. */
interface TextKey {
  readonly text: string;
  readonly prefix: string | undefined;
  readonly number: number;
}

function textKey(text: string): TextKey {
  const match = /^(.*?)(\d+)$/.exec(text);
  return { text, prefix: match?.[1], number: match ? Number(match[2]) : 0 };
}

/**
 * Code-unit order, not localeCompare: the same bytes on every machine whatever its locale.
 * Ids of one prefix compare by number, so INVARIANT-9 comes before INVARIANT-10.
 */
function compareKeys(a: TextKey, b: TextKey): number {
  if (a.prefix !== undefined && a.prefix === b.prefix && a.number !== b.number) return a.number - b.number;
  return a.text < b.text ? -1 : a.text > b.text ? 1 : 0;
}

function compareText(a: string, b: string): number {
  return compareKeys(textKey(a), textKey(b));
}

function metadataValue(doc: SpecDeltaDocument, name: string, copy: (text: string) => string): string | null {
  const field: Field | undefined = metadataField(doc, name);
  if (!field) return null;
  const state = valueState(
    field,
    METADATA_FIELDS.find((d) => d.name === name),
  );
  return state === 'empty' || state === 'placeholder' ? null : copy(field.value.text);
}

function checkedLabels(doc: SpecDeltaDocument, group: CheckboxGroupDef, copy: (text: string) => string): string[] {
  return checkedItems(doc, group).map((i) => copy(i.label.text.trim()));
}

function ruleOf(doc: SpecDeltaDocument): CatalogRule | null {
  const statement = doc.ruleStatement;
  if (!statement || statement.text.trim() === '') return null;
  const part = (span: Span | undefined): string | null => (span && !/^\[[^\]]*\]$/.test(span.text.trim()) ? filled(span.text) : null);
  const rule: CatalogRule = {
    text: detach(statement.text.trim()),
    component: part(statement.component),
    modal: filled(statement.modal?.text),
    requirement: part(statement.requirement),
    condition: part(statement.condition),
  };
  // The template's own `[COMPONENT] MUST [REQUIREMENT] WHEN [CONDITION]` states nothing yet.
  return rule.component === null && rule.requirement === null && rule.condition === null && statement.slots.length > 0 ? null : rule;
}

/** The trimmed value, its own copy (see detach); null when there is nothing. */
function filled(value: string | undefined): string | null {
  return filledWith(value, detach);
}

/** The trimmed value, copied; null when there is nothing. */
function filledWith(value: string | undefined, copy: (text: string) => string): string | null {
  const trimmed = value?.trim();
  return trimmed ? copy(trimmed) : null;
}
