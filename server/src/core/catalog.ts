import { DiagnosticSeverity } from 'vscode-languageserver-types';
import type { Catalog, CatalogApproval, CatalogEntry, CatalogRule, DocumentStatus } from '$shared/protocol';
import type { CheckboxGroup, Field, Span, SpecDeltaDocument } from './model';
import { implementationPrLinks } from './query/sections';
import { COMPLEXITY_GROUP, ENFORCEMENT_GROUP, METADATA_FIELDS, TITLE_TEXT_PLACEHOLDER } from './template';
import { metadataField, valueState } from './values';

/**
 * One invariant's catalogue entry (SPEC section 7), read from the model and from the status the
 * tree and the status panel already show, so that the CLI, the server and the Dashboard agree.
 * `status` must be `documentStatus` of the same document and diagnostics.
 */
export function catalogEntry(doc: SpecDeltaDocument, status: DocumentStatus, file: string): CatalogEntry {
  const enforcement = checkedLabels(doc, ENFORCEMENT_GROUP.name);
  const id = status.id ?? null;
  return {
    id,
    title: filled(status.title === TITLE_TEXT_PLACEHOLDER ? undefined : status.title),
    file,
    status: metadataValue(doc, 'Status'),
    severity: metadataValue(doc, 'Severity'),
    date: metadataValue(doc, 'Date'),
    author: metadataValue(doc, 'Author'),
    // Other is kept with its name, as the status panel shows it.
    categories: status.categories.map((c) => (c === 'Other:' ? 'Other' : c)),
    // More than one is an Error the problems count; the first checked is the one a reader sees first.
    enforcement: enforcement[0] ?? null,
    complexity: checkedLabels(doc, COMPLEXITY_GROUP.name),
    rule: ruleOf(doc),
    implementationPr: implementationPrLinks(doc)[0]?.target ?? null,
    approvals: status.approvals.map((a): CatalogApproval => ({
      role: filled(a.role),
      name: filled(a.name),
      date: filled(a.date),
      decision: filled(a.decision),
    })),
    references: [...new Set(doc.idTokens.filter((t) => t.valid && t.role === 'reference' && t.text !== id).map((t) => t.text))].sort(compareText),
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
  return { version: 1, invariants: [...entries].sort(compareEntries) };
}

export function compareEntries(a: { id: string | null; file: string }, b: { id: string | null; file: string }): number {
  if (a.id !== b.id) {
    if (a.id === null) return 1;
    if (b.id === null) return -1;
    const byId = compareText(a.id, b.id);
    if (byId !== 0) return byId;
  }
  return compareText(a.file, b.file);
}

/**
 * Code-unit order, not localeCompare: the same bytes on every machine whatever its locale.
 * Ids of one prefix compare by number, so INVARIANT-9 comes before INVARIANT-10.
 */
function compareText(a: string, b: string): number {
  const na = /^(.*?)(\d+)$/.exec(a);
  const nb = /^(.*?)(\d+)$/.exec(b);
  if (na && nb && na[1] === nb[1] && Number(na[2]) !== Number(nb[2])) return Number(na[2]) - Number(nb[2]);
  return a < b ? -1 : a > b ? 1 : 0;
}

function metadataValue(doc: SpecDeltaDocument, name: string): string | null {
  const field: Field | undefined = metadataField(doc, name);
  if (!field) return null;
  const state = valueState(
    field,
    METADATA_FIELDS.find((d) => d.name === name),
  );
  return state === 'empty' || state === 'placeholder' ? null : field.value.text;
}

function checkedLabels(doc: SpecDeltaDocument, group: string): string[] {
  const groups: CheckboxGroup[] = doc.checkboxGroups.filter((g) => g.definition?.name === group);
  return groups.flatMap((g) => g.items.filter((i) => i.checked).map((i) => i.label.text.trim()));
}

function ruleOf(doc: SpecDeltaDocument): CatalogRule | null {
  const statement = doc.ruleStatement;
  if (!statement || statement.text.trim() === '') return null;
  const part = (span: Span | undefined): string | null => (span && !/^\[[^\]]*\]$/.test(span.text.trim()) ? filled(span.text) : null);
  const rule: CatalogRule = {
    text: statement.text.trim(),
    component: part(statement.component),
    modal: filled(statement.modal?.text),
    requirement: part(statement.requirement),
    condition: part(statement.condition),
  };
  // The template's own `[COMPONENT] MUST [REQUIREMENT] WHEN [CONDITION]` states nothing yet.
  return rule.component === null && rule.requirement === null && rule.condition === null && statement.slots.length > 0 ? null : rule;
}

function filled(value: string | undefined): string | null {
  const trimmed = value?.trim();
  return trimmed ? trimmed : null;
}
