import { readRepoFile } from './repo';
import { edit } from './textEdits';

/** The spec deltas the tests start from: the repository's own examples and the raw template. */

/** A fully filled, Approved spec delta that no rule objects to (apart from its reference to INVARIANT-017). */
export const APPROVED = readRepoFile('examples/INVARIANT-042-checkout-totals-currency.md');

/** The raw template. */
export const TEMPLATE = readRepoFile('test/fixtures/template.md');

/** A workspace holding the Approved INVARIANT-017, which the test documents refer to. */
export function withInvariant017(): Record<string, string> {
  return { 'docs/spec-deltas/INVARIANT-017-order-totals.md': readRepoFile('examples/INVARIANT-017-order-total-equals-line-items.md') };
}

/** The approved example turned into a spec delta for another id and title. */
export function approvedWithId(id: string, title: string): string {
  const withTitle = edit(APPROVED, "INVARIANT-042 Checkout totals are computed in the order's currency", `${id} ${title}`);
  return edit(withTitle, '`INVARIANT-042`', `\`${id}\``);
}
