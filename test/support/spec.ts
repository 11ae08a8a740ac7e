import { DiagnosticSeverity } from 'vscode-languageserver-types';
import type { Status } from '../../server/src/core/rule';

/** What the SPEC and the template say, written out again here so that the code is checked against them, not against itself. */

export const STATUSES: readonly Status[] = ['Draft', 'Under Review', 'Approved', 'Rejected'];

export type Severities = Readonly<Partial<Record<Status, DiagnosticSeverity>>>;

const { Error: E, Warning: W, Information: I } = DiagnosticSeverity;

/** The classes of SPEC section 3, written out again here so that severity.ts is checked against the SPEC. */
export const SPEC_SEVERITY = {
  structure: { Draft: E, 'Under Review': E, Approved: E, Rejected: E },
  incompleteness: { Draft: W, 'Under Review': E, Approved: E, Rejected: W },
  /** Approval rules that only judge an Approved document. */
  approvedOnly: { Approved: E },
  /** Approval rules that judge Approved and Rejected documents alike. */
  approval: { Approved: E, Rejected: W },
  rejectedOnly: { Rejected: W },
  quality: { Draft: W, 'Under Review': W, Approved: W, Rejected: W },
  /** SPEC section 6: sections out of the template's order. */
  order: { Draft: W, 'Under Review': W, Approved: W, Rejected: W },
  hint: { Draft: I, 'Under Review': I, Approved: I, Rejected: I },
} as const satisfies Record<string, Severities>;

/** The Review Checklist's items, written out as the template has them (not read from the definition under test). */
export const REVIEW_ITEMS = [
  'Failure is documented with sufficient detail for someone unfamiliar to understand',
  'Root cause identifies systemic issue, not just symptoms',
  'Proposed invariant is specific and testable',
  'Validation proves invariant would have caught this incident',
  'False positive analysis is complete',
  'At least one other team member has reviewed',
];
