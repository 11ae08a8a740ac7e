import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import type { Hover, Position, Range } from 'vscode-languageserver-types';
import { getHover } from '../../server/src/core/hover';
import { parseDocument } from '../../server/src/core/languageService';
import { readRepoFile } from '../support/repo';
import { APPROVED } from '../support/fixtures';
import { edit } from '../support/textEdits';
import { positionOf } from '../support/positions';
import { workspaceOf } from '../support/diagnostics';

/**
 * Hover in memory: getHover is a pure function of the parsed document, a position and the
 * workspace index (test/protocol/navigation.test.ts proves the server answers with it).
 */

const INVARIANT_017 = readRepoFile('examples/INVARIANT-017-order-total-equals-line-items.md');
const URI_017 = 'file:///ws/docs/spec-deltas/INVARIANT-017-order-totals.md';
const URI_042 = 'file:///ws/docs/spec-deltas/INVARIANT-042-checkout-totals.md';
const STATEMENT_017 =
  'OrderService MUST persist an order only if its total equals the sum of its line items, discounts, shipping and tax WHEN an order is created or changed';
const REFERENCE_IN_042 = 'INVARIANT-017 checks that totals equal the sum of line items';

/** The hover at `position` in `text`, with the workspace made of `others` and `text` itself. */
function hover(text: string, position: Position, others = [{ uri: URI_017, text: INVARIANT_017 }]): Hover | null {
  const uri = 'file:///ws/docs/spec-deltas/hovered.md';
  return getHover(parseDocument(text, uri, 1), position, workspaceOf([...others, { uri, text }]));
}

/** Where `needle` (unique in `text`) is, as a range of `length` characters from `delta`. */
function rangeOf(text: string, needle: string, delta = 0, length = needle.length - delta): Range {
  const p = positionOf(text, needle, delta);
  return { start: p, end: { line: p.line, character: p.character + length } };
}

test("hover on INVARIANT-<n> shows the defining spec delta's title, status, severity and rule statement, from either end of the id", () => {
  const expected = {
    contents: {
      kind: 'markdown',
      value: `**INVARIANT-017** Order totals equal the sum of their line items\n\nStatus: Approved · Severity: Critical\n\n\`\`\`\n${STATEMENT_017}\n\`\`\``,
    },
    range: rangeOf(APPROVED, REFERENCE_IN_042, 0, 13),
  };
  assert.deepEqual(hover(APPROVED, positionOf(APPROVED, REFERENCE_IN_042, 3)), expected);
  assert.deepEqual(hover(APPROVED, positionOf(APPROVED, REFERENCE_IN_042, 0)), expected);
  assert.deepEqual(hover(APPROVED, positionOf(APPROVED, REFERENCE_IN_042, 13)), expected);
  assert.equal(hover(APPROVED, positionOf(APPROVED, REFERENCE_IN_042, 14)), null, 'one past the id is not on it');
});

test('hover on an id nobody defines says so', () => {
  const text = APPROVED.replace('No invariant covered currency consistency.', 'No invariant covered currency consistency (INVARIANT-999).');
  assert.deepEqual(hover(text, positionOf(text, 'INVARIANT-999', 4)), {
    contents: { kind: 'markdown', value: '**INVARIANT-999**: no spec delta in the workspace defines this id.' },
    range: rangeOf(text, 'INVARIANT-999'),
  });
});

test("hover on a document's own id escapes the Markdown of its title", () => {
  const text = edit(
    edit(APPROVED, "INVARIANT-042 Checkout totals are computed in the order's currency", 'INVARIANT-090 Totals *never* drift [sic] <b>&amp;</b> ~x~'),
    '`INVARIANT-042`',
    '`INVARIANT-090`',
  );
  assert.deepEqual(hover(text, { line: 0, character: 15 })?.contents, {
    kind: 'markdown',
    value:
      '**INVARIANT-090** Totals \\*never\\* drift \\[sic\\] \\<b\\>\\&amp;\\</b\\> \\~x\\~\n\nStatus: Approved · Severity: High\n\n```\n' +
      "CheckoutService MUST compute every order total from line items in the order's currency WHEN an order is priced\n```",
  });
});

test('an id defined twice shows both definitions; a rule statement with backticks gets a longer fence', () => {
  const twin = edit(INVARIANT_017, 'Order totals equal the sum of their line items', 'Order totals, again').replace(
    'OrderService MUST persist',
    'OrderService MUST ```persist```',
  );
  const result = hover(APPROVED, positionOf(APPROVED, REFERENCE_IN_042, 3), [
    { uri: URI_017, text: INVARIANT_017 },
    { uri: URI_042.replace('042', '017-again'), text: twin },
  ]);
  // The index orders definitions by file; which comes first is not the point.
  const parts = (result?.contents as { value: string }).value.split('\n\n---\n\n').sort();
  assert.equal(parts.length, 2);
  assert.match(parts[0]!, /^\*\*INVARIANT-017\*\* Order totals equal the sum of their line items\n/);
  const again = parts[1]!;
  assert.match(again, /^\*\*INVARIANT-017\*\* Order totals, again\n/);
  assert.ok(again.endsWith('\n````'), 'a fence of four backticks around a statement holding three');
  assert.match(again, /\n````\nOrderService MUST ```persist```/);
});

test('hover on a field name shows its allowed values; on a heading what the section is for; elsewhere nothing', () => {
  assert.deepEqual(hover(APPROVED, positionOf(APPROVED, '**Severity**', 4)), {
    contents: {
      kind: 'markdown',
      value:
        '**Severity**: How bad the incident was.\n\n' +
        '- `Critical`: Data loss, security breach or a full outage.\n' +
        '- `High`: Major feature broken or many users affected.\n' +
        '- `Medium`: Degraded service or a workaround exists.\n' +
        '- `Low`: Minor impact, few users, cosmetic.',
    },
    range: rangeOf(APPROVED, '**Severity**', 2, 8),
  });
  assert.deepEqual(hover(APPROVED, positionOf(APPROVED, '- **Reputation**', 5)), {
    contents: {
      kind: 'markdown',
      value:
        '**Reputation**: Who saw the failure.\n\n' +
        '- `Internal only`: Noticed inside the company only.\n' +
        '- `Customer-visible`: Customers saw the failure.\n' +
        '- `Public incident`: Publicly reported or on a public status page.',
    },
    range: rangeOf(APPROVED, '- **Reputation**', 4, 10),
  });
  assert.deepEqual(hover(APPROVED, positionOf(APPROVED, '**Author**', 3)), {
    contents: { kind: 'markdown', value: '**Author**: Who wrote this spec delta.' },
    range: rangeOf(APPROVED, '**Author**', 2, 6),
  });
  assert.deepEqual(hover(APPROVED, positionOf(APPROVED, '### Rationale', 6)), {
    contents: { kind: 'markdown', value: '**Rationale**: Why the invariant prevents the whole failure class.' },
    range: rangeOf(APPROVED, '### Rationale', 4),
  });
  assert.equal(hover(APPROVED, positionOf(APPROVED, '**Author**: Priya Raman', 15)), null);
});
