import type { Field, SpecDeltaDocument } from './model';
import type { Status } from './rule';
import { FieldDef, STATUS_VALUES, ValueDef } from './template';

/** What a field's value amounts to, judged against the template definition. */
export type ValueState = 'empty' | 'placeholder' | 'valid' | 'invalid';

/** The fields before the first section: Date, Author, Status, Severity. */
export function metadataField(doc: SpecDeltaDocument, name: string): Field | undefined {
  let byName = metadataOf.get(doc);
  if (!byName) {
    const map = new Map<string, Field>();
    for (const f of doc.fields) {
      const lower = f.name.text.toLowerCase();
      if (f.section === undefined && !map.has(lower)) map.set(lower, f);
    }
    metadataOf.set(doc, (byName = map));
  }
  return byName.get(name.toLowerCase());
}

/** The metadata fields of each document by lowercased name, the first of each: the rules ask for them many times. */
const metadataOf = new WeakMap<SpecDeltaDocument, ReadonlyMap<string, Field>>();

/** The document's Status; a missing, templated or invalid Status counts as Draft. */
export function statusOf(doc: SpecDeltaDocument): Status {
  return countedStatus(metadataField(doc, 'Status')?.value.text);
}

/**
 * What a Status as written counts as (SPEC section 6): itself when it is one of the closed values,
 * else Draft. The one place this is decided: severities, the tree and the Dashboard all read it.
 */
export function countedStatus(written: string | null | undefined): Status {
  const match = STATUS_VALUES.find((v) => v.value === written);
  return (match?.value as Status | undefined) ?? 'Draft';
}

/** `Draft | Under Review`, `Internal only / Customer-visible`: options offered but none chosen. */
export function isOptionList(value: string, values: readonly ValueDef[]): boolean {
  // Most values hold no separator: no split and no set for them (the rules ask for every choice field).
  if (!value.includes('|') && !value.includes('/')) return false;
  const parts = value.split(/\s*[|/]\s*/);
  if (parts.length < 2) return false;
  return parts.every((p) => values.some((v) => v.value.toLowerCase() === p.toLowerCase()));
}

export function valueState(field: Field, definition: FieldDef | undefined = field.definition): ValueState {
  const value = field.value.text;
  if (!definition) return value === '' ? 'empty' : 'valid';
  if (definition.kind === 'paragraph') return value === '' && field.followingText === '' ? 'empty' : 'valid';
  if (value === '') return 'empty';
  if (definition.placeholder !== '' && value === definition.placeholder && definition.kind !== 'choice') return 'placeholder';
  switch (definition.kind) {
    case 'choice':
      if (definition.values!.length > 1 && (value === definition.placeholder || isOptionList(value, definition.values!))) return 'placeholder';
      return definition.values!.some((v) => v.value === value) ? 'valid' : 'invalid';
    case 'dataLoss':
      // `Yes/No` (with or without the template's remark) is a choice not made, not a described Yes.
      if (isOptionList(value.replace(/\s*\(.*\)$/, ''), definition.values!)) return 'placeholder';
      return dataLossValid(value) ? 'valid' : 'invalid';
    case 'date':
      return isValidDate(value) ? 'valid' : 'invalid';
    default:
      return 'valid';
  }
}

/** `No`, `No.`, `No - nothing lost`, or `Yes` with a description after it. */
export function dataLossValid(value: string): boolean {
  if (/^No\b/.test(value)) return true;
  const yes = /^Yes\b[\s:,.\u2014\u2013-]*(.*)$/.exec(value);
  return yes !== null && yes[1]!.trim().length > 0;
}

/** A real calendar date written as YYYY-MM-DD. */
/** A date as the template writes it (YYYY-MM-DD), in local time: the day the author sees. */
export function localDate(date = new Date()): string {
  const pad = (n: number): string => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

export function isValidDate(value: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!m) return false;
  const year = Number(m[1]);
  const month = Number(m[2]);
  const day = Number(m[3]);
  if (month < 1 || month > 12 || day < 1) return false;
  const days = [31, year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
  return day <= days[month - 1]!;
}

/** The allowed value closest to what was written: same letters ignoring case, or the longest shared prefix. */
export function closestValue(written: string, values: readonly string[]): string | undefined {
  const lower = written.toLowerCase().trim();
  const exact = values.find((v) => v.toLowerCase() === lower);
  if (exact) return exact;
  let best: string | undefined;
  let bestScore = 0;
  for (const v of values) {
    const candidate = v.toLowerCase();
    let n = 0;
    while (n < candidate.length && n < lower.length && candidate[n] === lower[n]) n++;
    if (n > bestScore) {
      best = v;
      bestScore = n;
    }
  }
  return bestScore >= 2 ? best : undefined;
}
