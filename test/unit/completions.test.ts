import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import type { CompletionItem, Position, Range } from 'vscode-languageserver-types';
import { type CompletionContext, getCompletions } from '../../server/src/core/completions';
import { parseDocument } from '../../server/src/core/languageService';
import { localDate } from '../../server/src/core/values';
import { readRepoFile } from '../support/repo';
import { APPROVED, TEMPLATE } from '../support/fixtures';
import { edit, cut } from '../support/textEdits';
import { positionAfter, positionOf } from '../support/positions';
import { workspaceOf } from '../support/diagnostics';
import { REVIEW_ITEMS } from '../support/spec';

/**
 * Completions at every place the template offers a choice, each list checked item by item, in
 * memory: getCompletions is a pure function of the document and what the server knows
 * (test/protocol/completions.test.ts proves the same lists come over the wire).
 */

const WORKSPACE = workspaceOf([
  { uri: 'file:///ws/docs/spec-deltas/INVARIANT-017-order-totals.md', text: readRepoFile('examples/INVARIANT-017-order-total-equals-line-items.md') },
  { uri: 'file:///ws/docs/spec-deltas/INVARIANT-042-checkout-totals.md', text: APPROVED },
]);

/** What the server passes for a workspace of INVARIANT-017 and INVARIANT-042 with two configured categories. */
const CONTEXT: CompletionContext = {
  today: localDate(),
  categories: ['Cost Controls', 'Privacy'],
  nextFreeId: WORKSPACE.nextFreeId('INVARIANT-'),
  definitions: [...WORKSPACE.all()].filter((e) => e.definition),
};

/** Parses `text` as a new draft and asks for completions at `position`. */
function complete(text: string, position: Position, context: Partial<CompletionContext> = {}): CompletionItem[] {
  return getCompletions(parseDocument(text, 'file:///ws/docs/spec-deltas/draft.md', 1), position, { ...CONTEXT, ...context });
}

function range(line: number, start: number, end: number): Range {
  return { start: { line, character: start }, end: { line, character: end } };
}

/** The item a closed value completes to (kind EnumMember, sorted as the template lists them). */
function valueItem(value: string, description: string, index: number, textRange: Range, newText = value): CompletionItem {
  return {
    label: value,
    kind: 20,
    detail: description,
    documentation: { kind: 'markdown', value: description },
    textEdit: { range: textRange, newText },
    sortText: String(index).padStart(2, '0'),
    filterText: value,
  };
}

function today(): string {
  const now = new Date();
  const pad = (n: number): string => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

function dateItem(textRange: Range, newText = today()): CompletionItem {
  return { label: today(), kind: 12, detail: 'Today', textEdit: { range: textRange, newText }, filterText: today(), preselect: true };
}

const STATUSES: [string, string][] = [
  ['Draft', 'Being written; incompleteness is a warning.'],
  ['Under Review', 'Ready for reviewers; everything must be filled in.'],
  ['Approved', 'Accepted: checklist complete, approvers signed, implementation linked.'],
  ['Rejected', 'Not adopted; the approval table records the Rejected decision.'],
];

test('after **Status**: the four statuses, replacing the template option list', () => {
  const at = positionAfter(TEMPLATE, '**Status**: ');
  const items = complete(TEMPLATE, at);
  const whole = range(at.line, 12, '**Status**: Draft | Under Review | Approved | Rejected'.length);
  assert.deepEqual(
    items,
    STATUSES.map(([v, d], i) => valueItem(v, d, i, whole)),
  );
});

test('after **Status**: on an empty value, the four statuses insert at the cursor', () => {
  const text = edit(TEMPLATE, '**Status**: Draft | Under Review | Approved | Rejected', '**Status**: ');
  const at = positionAfter(text, '**Status**: ');
  assert.deepEqual(
    complete(text, at),
    STATUSES.map(([v, d], i) => valueItem(v, d, i, range(at.line, 12, 12))),
  );
});

test('after **Severity**: the four severities; a partly typed value is replaced', () => {
  const text = edit(TEMPLATE, '**Severity**: Critical | High | Medium | Low', '**Severity**: Hi');
  const at = positionAfter(text, '**Severity**: Hi');
  assert.deepEqual(complete(text, at), [
    valueItem('Critical', 'Data loss, security breach or a full outage.', 0, range(at.line, 14, 16)),
    valueItem('High', 'Major feature broken or many users affected.', 1, range(at.line, 14, 16)),
    valueItem('Medium', 'Degraded service or a workaround exists.', 2, range(at.line, 14, 16)),
    valueItem('Low', 'Minor impact, few users, cosmetic.', 3, range(at.line, 14, 16)),
  ]);
});

test('after - **Reputation**: the three audiences', () => {
  const at = positionAfter(TEMPLATE, '- **Reputation**: ');
  const whole = range(at.line, 18, '- **Reputation**: Internal only / Customer-visible / Public incident'.length);
  assert.deepEqual(complete(TEMPLATE, at), [
    valueItem('Internal only', 'Noticed inside the company only.', 0, whole),
    valueItem('Customer-visible', 'Customers saw the failure.', 1, whole),
    valueItem('Public incident', 'Publicly reported or on a public status page.', 2, whole),
  ]);
});

test('after - **Data Loss**: No, or Yes with room for the description', () => {
  const at = positionAfter(TEMPLATE, '- **Data Loss**: ');
  const whole = range(at.line, 17, '- **Data Loss**: Yes/No (describe if yes)'.length);
  assert.deepEqual(complete(TEMPLATE, at), [
    valueItem('No', 'No data was lost.', 0, whole),
    valueItem('Yes', 'Data was lost: describe what and how much after "Yes".', 1, whole, 'Yes: '),
  ]);
});

test('after **Expected Invariant Check Result**: FAIL only', () => {
  const at = positionAfter(TEMPLATE, '**Expected Invariant Check Result**: ');
  assert.deepEqual(complete(TEMPLATE, at), [valueItem('FAIL', 'The invariant check must fail on the state before the incident.', 0, range(at.line, 37, 41))]);
});

test("after **Date**: today's date, over the YYYY-MM-DD placeholder", () => {
  const at = positionAfter(TEMPLATE, '**Date**: ');
  assert.deepEqual(complete(TEMPLATE, at), [dateItem(range(at.line, 10, 20))]);
});

test('right after the colon (the : trigger) the value comes with its space', () => {
  const text = edit(TEMPLATE, '**Status**: Draft | Under Review | Approved | Rejected', '**Status**:');
  const at = positionAfter(text, '**Status**:');
  assert.deepEqual(
    complete(text, at),
    STATUSES.map(([v, d], i) => valueItem(v, d, i, range(at.line, 11, 11), ` ${v}`)),
  );
  const dated = edit(TEMPLATE, '**Date**: YYYY-MM-DD', '**Date:**');
  const dateAt = positionAfter(dated, '**Date:**');
  assert.deepEqual(complete(dated, dateAt), [dateItem(range(dateAt.line, 9, 9), ` ${today()}`)]);
});

test('no value completions after a free-text field or before the colon', () => {
  assert.deepEqual(complete(TEMPLATE, positionAfter(TEMPLATE, '**Author**: ')), []);
  assert.deepEqual(complete(TEMPLATE, positionOf(TEMPLATE, '**Status**', 4)), []);
});

const DECISIONS: [string, string][] = [
  ['Proposed', 'The author proposes the invariant.'],
  ['Approved', 'This approver accepts the invariant.'],
  ['Rejected', 'This approver rejects the invariant.'],
  ['Changes Requested', 'This approver asks for changes before deciding.'],
];

test('approval table: the Decision column offers the decisions, padded to fit the empty cell', () => {
  const row = positionOf(TEMPLATE, '| Tech Lead | | | |');
  // Right after the pipe: a space before the value; the cell's own space follows it.
  const afterPipe = { line: row.line, character: 17 };
  assert.deepEqual(
    complete(TEMPLATE, afterPipe),
    DECISIONS.map(([v, d], i) => valueItem(v, d, i, range(row.line, 17, 17), ` ${v}`)),
  );
  // After the cell's space: a space before the closing pipe.
  const afterSpace = { line: row.line, character: 18 };
  assert.deepEqual(
    complete(TEMPLATE, afterSpace),
    DECISIONS.map(([v, d], i) => valueItem(v, d, i, range(row.line, 18, 18), `${v} `)),
  );
});

test('approval table: a filled Decision cell is replaced as it stands', () => {
  const at = positionAfter(TEMPLATE, '| Author | | | Prop');
  assert.deepEqual(
    complete(TEMPLATE, at),
    DECISIONS.map(([v, d], i) => valueItem(v, d, i, range(at.line, 15, 23))),
  );
});

test("approval table: the Date column offers today's date; the Role and Name columns nothing", () => {
  const row = positionOf(TEMPLATE, '| Platform Owner | | | |');
  assert.deepEqual(complete(TEMPLATE, { line: row.line, character: 21 }), [dateItem(range(row.line, 21, 21), `${today()} `)]);
  assert.deepEqual(complete(TEMPLATE, { line: row.line, character: 19 }), []);
  assert.deepEqual(complete(TEMPLATE, { line: row.line, character: 5 }), []);
  // The timeline table has no closed columns.
  assert.deepEqual(complete(TEMPLATE, positionAfter(TEMPLATE, '| T+0  | ')), []);
});

/** A new `- [ ] ` line typed under `after` (a unique line of the template); the cursor after it. */
function checkboxCompletions(after: string): { items: CompletionItem[]; line: number } {
  const text = edit(TEMPLATE, after + '\n', `${after}\n- [ ] \n`);
  const line = positionOf(text, after).line + 1;
  return { items: complete(text, { line, character: 6 }), line };
}

function checkboxItem(label: string, detail: string, documentation: string, sortText: string, line: number, newText = label): CompletionItem {
  return {
    label,
    kind: 20,
    detail,
    documentation: { kind: 'markdown', value: documentation },
    textEdit: { range: range(line, 6, 6), newText },
    sortText,
    filterText: label,
  };
}

test('after - [ ] in Category: the seven categories, then the configured ones (not yet listed ones first)', () => {
  const { items, line } = checkboxCompletions('- [ ] API Contracts');
  const about = 'The invariant category; check exactly one.';
  const doc = `Category: ${about}`;
  // Every template category is already listed in the group, so they sort after the configured ones.
  assert.deepEqual(items, [
    checkboxItem('Critical Data Protection', about, doc, '100', line),
    checkboxItem('Observability Requirements', about, doc, '101', line),
    checkboxItem('Deployment Safety', about, doc, '102', line),
    checkboxItem('Security Boundaries', about, doc, '103', line),
    checkboxItem('Performance Guarantees', about, doc, '104', line),
    checkboxItem('API Contracts', about, doc, '105', line),
    checkboxItem('Other', about, doc, '106', line, 'Other: '),
    checkboxItem('Cost Controls', about, doc, '007', line),
    checkboxItem('Privacy', about, doc, '008', line),
  ]);
});

test('after - [ ] in Enforcement Level: the three levels with what each means', () => {
  const { items, line } = checkboxCompletions('- [ ] **Audit Only**: Logged for review, no blocking');
  const doc = 'Enforcement Level: What happens when the invariant is violated; check exactly one.';
  assert.deepEqual(items, [
    checkboxItem('Hard Block', 'Deployment fails if violated', doc, '100', line, '**Hard Block**: Deployment fails if violated'),
    checkboxItem(
      'Soft Warning',
      'Warning issued, requires override justification',
      doc,
      '101',
      line,
      '**Soft Warning**: Warning issued, requires override justification',
    ),
    checkboxItem('Audit Only', 'Logged for review, no blocking', doc, '102', line, '**Audit Only**: Logged for review, no blocking'),
  ]);
});

test('after - [ ] in Implementation Complexity: the five kinds of check; missing ones sort first', () => {
  const text = edit(TEMPLATE, '- [ ] Cross-file analysis\n- [ ] External system integration\n', '- [ ] \n');
  const line = positionOf(text, '- [ ] Runtime check needed').line + 1;
  const about = 'What implementing the check takes; check every one that applies.';
  const doc = `Implementation Complexity: ${about}`;
  assert.deepEqual(complete(text, { line, character: 6 }), [
    checkboxItem('Simple regex/pattern match', about, doc, '100', line),
    checkboxItem('AST analysis required', about, doc, '101', line),
    checkboxItem('Runtime check needed', about, doc, '102', line),
    checkboxItem('Cross-file analysis', about, doc, '003', line),
    checkboxItem('External system integration', about, doc, '004', line),
  ]);
});

test('after - [ ] in the Review Checklist: the six review items', () => {
  const { items, line } = checkboxCompletions('- [ ] At least one other team member has reviewed');
  const about = 'What reviewers confirm; every item must be checked before approval.';
  const doc = `Review Checklist: ${about}`;
  assert.deepEqual(
    items,
    REVIEW_ITEMS.map((label, i) => checkboxItem(label, about, doc, `10${i}`, line)),
  );
});

test('after - [ ] without its space yet: the label comes with the space', () => {
  const text = edit(TEMPLATE, '- [ ] **Audit Only**: Logged for review, no blocking\n', '- [ ] **Audit Only**: Logged for review, no blocking\n- [x]\n');
  const line = positionOf(text, '- [x]\n').line;
  const items = complete(text, { line, character: 5 });
  assert.deepEqual(
    items.map((i) => i.textEdit),
    [
      '**Hard Block**: Deployment fails if violated',
      '**Soft Warning**: Warning issued, requires override justification',
      '**Audit Only**: Logged for review, no blocking',
    ].map((t) => ({ range: range(line, 5, 5), newText: ` ${t}` })),
  );
});

test('after - [ ] outside a checkbox section: nothing', () => {
  const { items } = checkboxCompletions('3.');
  assert.deepEqual(items, []);
});

/** The template's text of a section, as a snippet (the heading's `## ` left out). */
function sectionSnippet(heading: string, until: string): string {
  const start = TEMPLATE.indexOf(heading) + heading.indexOf(' ') + 1;
  return TEMPLATE.slice(start, TEMPLATE.indexOf(until, start));
}

test('after ## the missing sections, in template order, each with its template body as a snippet', () => {
  const withoutValidation = cut(TEMPLATE, '## Validation', '## Review Checklist');
  const text = cut(withoutValidation, '## Review Checklist', '## Approval').replace('## Approval', '## \n\n## Approval');
  const at = positionAfter(text, '## \n').line - 1;
  const items = complete(text, { line: at, character: 3 });
  const validation = sectionSnippet('## Validation', '\n\n---')
    .replace('[Describe the exact state that existed before the incident]', '${1:Describe the exact state that existed before the incident}')
    .replace('X hours/days', '${2:X hours/days}');
  assert.deepEqual(items, [
    {
      label: 'Validation',
      kind: 9,
      detail: 'Spec delta section',
      documentation: { kind: 'markdown', value: 'Proof that the invariant would have caught the incident.' },
      textEdit: { range: range(at, 3, 3), newText: validation },
      insertTextFormat: 2,
      sortText: '00',
      filterText: 'Validation',
    },
    {
      label: 'Review Checklist',
      kind: 9,
      detail: 'Spec delta section',
      documentation: { kind: 'markdown', value: 'What reviewers confirm; every item must be checked before approval.' },
      textEdit: { range: range(at, 3, 3), newText: sectionSnippet('## Review Checklist', '\n\n---') },
      insertTextFormat: 2,
      sortText: '01',
      filterText: 'Review Checklist',
    },
  ]);
});

test('without snippets (a client that takes none) the section is plain text, placeholders as the template writes them', () => {
  const text = cut(TEMPLATE, '## Validation', '## Review Checklist').replace('## Review Checklist', '## \n\n## Review Checklist');
  const at = positionAfter(text, '## \n').line - 1;
  const validation = complete(text, { line: at, character: 3 }, { snippets: false }).find((i) => i.label === 'Validation')!;
  assert.equal(validation.insertTextFormat, 1);
  assert.equal((validation.textEdit as { newText: string }).newText, sectionSnippet('## Validation', '\n\n---'));
});

test('after ### the missing subsections of the section the cursor is in', () => {
  const text = cut(TEMPLATE, '### Rationale', '### Enforcement Level').replace('### Enforcement Level', '### Cat\n\n### Enforcement Level');
  const at = positionOf(text, '### Cat');
  const items = complete(text, { line: at.line, character: 7 });
  assert.deepEqual(items, [
    {
      label: 'Rationale',
      kind: 9,
      detail: 'Spec delta subsection',
      documentation: { kind: 'markdown', value: 'Why the invariant prevents the whole failure class.' },
      textEdit: { range: range(at.line, 4, 7), newText: 'Rationale\n<!-- Why this invariant prevents the failure class, not just this specific incident -->' },
      insertTextFormat: 2,
      sortText: '00',
      filterText: 'Rationale',
    },
    {
      label: 'Category',
      kind: 9,
      detail: 'Spec delta subsection',
      documentation: { kind: 'markdown', value: 'The invariant category; check exactly one.' },
      textEdit: { range: range(at.line, 4, 7), newText: sectionSnippet('### Category', '\n\n###') },
      insertTextFormat: 2,
      sortText: '01',
      filterText: 'Category',
    },
  ]);
  // In a complete section there is nothing left to offer.
  const full = TEMPLATE.replace('### Rationale', '### \n\n### Rationale');
  assert.deepEqual(complete(full, { line: positionOf(full, '### \n').line, character: 4 }), []);
});

test('after INVARIANT- the next free id first, then every defined id with its title', () => {
  const text = edit(
    TEMPLATE,
    "<!-- Which invariants should have caught this? Why didn't they? Or why was there no applicable invariant? -->",
    'See INVARIANT-',
  );
  const at = positionAfter(text, 'See INVARIANT-');
  // Editors order by sortText; the server's array order follows the index and is not promised.
  const items = complete(text, at).sort((a, b) => a.sortText!.localeCompare(b.sortText!));
  const idRange = range(at.line, 4, 14);
  assert.deepEqual(items, [
    {
      label: 'INVARIANT-043',
      kind: 21,
      detail: 'Next free invariant id',
      textEdit: { range: idRange, newText: 'INVARIANT-043' },
      sortText: '0',
      preselect: true,
    },
    {
      label: 'INVARIANT-017',
      kind: 18,
      detail: 'Order totals equal the sum of their line items',
      documentation: { kind: 'markdown', value: '**INVARIANT-017** Order totals equal the sum of their line items\n\nStatus: Approved · Severity: Critical' },
      textEdit: { range: idRange, newText: 'INVARIANT-017' },
      sortText: '1INVARIANT-017',
    },
    {
      label: 'INVARIANT-042',
      kind: 18,
      detail: "Checkout totals are computed in the order's currency",
      documentation: { kind: 'markdown', value: "**INVARIANT-042** Checkout totals are computed in the order's currency\n\nStatus: Approved · Severity: High" },
      textEdit: { range: idRange, newText: 'INVARIANT-042' },
      sortText: '1INVARIANT-042',
    },
  ]);
  // Digits typed so far are part of the replaced range.
  const partial = edit(text, 'See INVARIANT-', 'See invariant-04');
  const partialAt = positionAfter(partial, 'See invariant-04');
  const again = complete(partial, partialAt).sort((a, b) => a.sortText!.localeCompare(b.sortText!));
  assert.deepEqual(
    again.map((i) => [i.label, i.textEdit]),
    items.map((i) => [i.label, { range: range(at.line, 4, 16), newText: i.label }]),
  );
});

test('completions on a line past the end are empty', () => {
  assert.deepEqual(complete(TEMPLATE, { line: 10_000, character: 3 }), []);
});
