import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import type { Range } from 'vscode-languageserver-types';
import { analyzeText } from '../../server/src/core/languageService';
import { LineKind, type Section, type SpecDeltaDocument } from '../../server/src/core/model';
import { parseSpecDelta } from '../../server/src/core/parser';
import { CATEGORY_GROUP, ENFORCEMENT_GROUP, findSectionDef } from '../../server/src/core/template';
import { APPROVED, TEMPLATE } from '../support/fixtures';
import { edit, cut } from '../support/textEdits';
import { at, lineOf, pointAfter, where as whereOf } from '../support/positions';
import { lint, only } from '../support/diagnostics';
import { REVIEW_ITEMS } from '../support/spec';

/**
 * The document model of SPEC section 2, with exact UTF-16 ranges, and what the parser makes of
 * bad input: it never throws and never gives a range outside the document.
 */

const doc = parseSpecDelta(APPROVED, 'file:///test/doc.md', 7);
const template = parseSpecDelta(TEMPLATE);

/** A range in `where()` format (1-based line, 0-based character). */
function r(range: Range | undefined): string {
  assert.ok(range, 'a range');
  return whereOf({ range });
}

function sectionNamed(d: SpecDeltaDocument, name: string): Section {
  const found = d.sections.flatMap((s) => [s, ...s.subsections]).find((s) => s.name === name);
  assert.ok(found, `a section '${name}'`);
  return found;
}

// ---- the model of a complete document ---------------------------------------------------------

test('the document keeps its uri, version, lines and line terminator', () => {
  assert.equal(doc.uri, 'file:///test/doc.md');
  assert.equal(doc.version, 7);
  assert.equal(doc.lines.length, APPROVED.split('\n').length);
  assert.equal(doc.lines[0], "# Spec Delta: INVARIANT-042 Checkout totals are computed in the order's currency");
  assert.equal(doc.eol, '\n');
  assert.equal(parseSpecDelta(APPROVED.replace(/\n/g, '\r\n')).eol, '\r\n');
});

test('the title has the id and the brief title, each with its exact range', () => {
  assert.equal(doc.hasSpecDeltaTitle, true);
  assert.equal(r(doc.title?.range), '1:0-1:80');
  assert.equal(doc.title?.id?.text, 'INVARIANT-042');
  assert.equal(r(doc.title?.id?.range), '1:14-1:27');
  assert.equal(doc.title?.text?.text, "Checkout totals are computed in the order's currency");
  assert.equal(r(doc.title?.text?.range), '1:28-1:80');
});

test('the templated title has the placeholders as id and text, brackets excluded from the id', () => {
  assert.equal(template.title?.id?.text, 'INVARIANT-XX');
  assert.equal(r(template.title?.id?.range), '1:15-1:27');
  assert.equal(template.title?.text?.text, '[Brief Title]');
  assert.equal(r(template.title?.text?.range), '1:29-1:42');
});

test('title forms: a colon or dash after the id, no id, no text, closing hashes', () => {
  const title = (line: string) => parseSpecDelta(line + '\n').title;
  const colon = title('# Spec Delta: INVARIANT-042: Checkout totals');
  assert.deepEqual(
    [colon?.id?.text, r(colon?.id?.range), colon?.text?.text, r(colon?.text?.range)],
    ['INVARIANT-042', '1:14-1:27', 'Checkout totals', '1:29-1:44'],
  );
  const dash = title('# Spec Delta: INVARIANT-042 \u2014 Checkout ##');
  assert.deepEqual([dash?.id?.text, dash?.text?.text, r(dash?.text?.range)], ['INVARIANT-042', 'Checkout', '1:30-1:38']);
  const noId = title('# Spec Delta: Checkout totals');
  assert.deepEqual([noId?.id, noId?.text?.text, r(noId?.text?.range)], [undefined, 'Checkout totals', '1:14-1:29']);
  const bare = title('# Spec Delta:');
  assert.deepEqual([bare?.id, bare?.text, r(bare?.range)], [undefined, undefined, '1:0-1:13']);
  const lower = parseSpecDelta('# spec delta: invariant-042 x\n');
  assert.equal(lower.hasSpecDeltaTitle, true);
  assert.equal(lower.title?.id?.text, 'invariant-042');
  const custom = parseSpecDelta('# Spec Delta: PAY-0042 Refunds\n', '', 0, { idPattern: 'PAY-\\d{4}' });
  assert.deepEqual([custom.title?.id?.text, r(custom.title?.id?.range), custom.title?.text?.text], ['PAY-0042', '1:14-1:22', 'Refunds']);
  assert.equal(parseSpecDelta('# Release notes\n').hasSpecDeltaTitle, false);
});

test('metadata fields have exact name and value ranges and no section', () => {
  const fields = doc.fields.filter((f) => f.section === undefined);
  assert.deepEqual(
    fields.map((f) => [f.name.text, r(f.name.range), f.value.text, r(f.value.range), f.line, f.bullet, f.definition?.name]),
    [
      ['Date', '3:2-3:6', '2026-03-14', '3:10-3:20', 2, false, 'Date'],
      ['Author', '4:2-4:8', 'Priya Raman', '4:12-4:23', 3, false, 'Author'],
      ['Status', '5:2-5:8', 'Approved', '5:12-5:20', 4, false, 'Status'],
      ['Severity', '6:2-6:10', 'High', '6:14-6:18', 5, false, 'Severity'],
    ],
  );
});

test('impact fields are bullets under their section and subsection', () => {
  const impact = doc.fields.filter((f) => f.subsection === 'Impact');
  assert.deepEqual(
    impact.map((f) => [f.section, f.name.text, f.value.text, r(f.value.range), f.bullet]),
    [
      ['Failure Description', 'Duration', '47 minutes', at(APPROVED, '- **Duration**: 47 minutes', '47 minutes'), true],
      ['Failure Description', 'Users Affected', '1,812 orders', at(APPROVED, '1,812 orders'), true],
      ['Failure Description', 'Revenue Impact', '$21,400 refunded', at(APPROVED, '$21,400 refunded'), true],
      ['Failure Description', 'Data Loss', 'No', at(APPROVED, '**Data Loss**: No', 'No'), true],
      ['Failure Description', 'Reputation', 'Customer-visible', at(APPROVED, 'Customer-visible'), true],
    ],
  );
});

test('a field whose content is prose has an empty value at the line end and the prose as following text', () => {
  const why = doc.fields.find((f) => f.name.text === 'Why It Would Have Blocked')!;
  assert.equal(why.value.text, '');
  assert.equal(r(why.value.range), pointAfter(APPROVED, '**Why It Would Have Blocked**:'));
  assert.equal(
    why.followingText,
    "The check runs in the pre-deploy contract suite; the EUR order's line items carry USD, so the\nsuite fails and the deploy stops.",
  );
  const templated = template.fields.find((f) => f.name.text === 'Why It Would Have Blocked')!;
  assert.equal(templated.followingText, '', 'the guidance comment is not prose');
  const effort = doc.fields.find((f) => f.name.text === 'Estimated Implementation Effort')!;
  assert.deepEqual([effort.section, effort.subsection, effort.value.text], ['Validation', 'Implementation Complexity', '3 days']);
});

test('fields: colon inside or outside the bold, trailing spaces, no value', () => {
  const d = parseSpecDelta('**Date:** 2026-03-14  \n**Author**:\n**Status** : Draft\nnot **a field** here\n');
  assert.deepEqual(
    d.fields.map((f) => [f.name.text, r(f.name.range), f.value.text, r(f.value.range)]),
    [
      ['Date', '1:2-1:6', '2026-03-14', '1:10-1:20'],
      ['Author', '2:2-2:8', '', '2:11-2:11'],
    ],
  );
});

test('sections and subsections come in order with heading, name and body ranges', () => {
  assert.deepEqual(
    doc.sections.map((s) => [s.name, s.level, r(s.headingRange), r(s.nameRange), s.subsections.length]),
    [
      ['Failure Description', 2, '10:0-10:22', '10:3-10:22', 3],
      ['Root Cause Analysis', 2, '34:0-34:22', '34:3-34:22', 3],
      ['Proposed Invariant', 2, '51:0-51:21', '51:3-51:21', 5],
      ['Validation', 2, '82:0-82:13', '82:3-82:13', 3],
      ['Review Checklist', 2, '114:0-114:19', '114:3-114:19', 0],
      ['Approval', 2, '125:0-125:11', '125:3-125:11', 0],
      ['Post-Approval', 2, '135:0-135:16', '135:3-135:16', 3],
    ],
  );
  const happened = sectionNamed(doc, 'What Happened');
  assert.deepEqual(
    [
      happened.level,
      r(happened.headingRange),
      r(happened.nameRange),
      happened.bodyStartLine,
      happened.bodyEndLine,
      r(happened.contentRange),
      happened.guidanceOnly,
    ],
    [3, '12:0-12:17', '12:4-12:17', 12, 16, '13:0-15:99', false],
  );
  const failure = sectionNamed(doc, 'Failure Description');
  assert.deepEqual(
    [failure.bodyStartLine, failure.bodyEndLine, r(failure.contentRange)],
    [10, 33, '12:0-30:34'],
    'the rule before the next section is not content',
  );
  const monitoring = sectionNamed(doc, 'Monitoring');
  assert.equal(monitoring.bodyEndLine, doc.lines.length);
  assert.equal(sectionNamed(doc, "Why Existing Invariants Didn't Catch This").definition?.name, "Why Existing Invariants Didn't Catch This");
});

test('guidanceOnly: a body of guidance comments, blank lines and rules only', () => {
  const guidance = template.sections
    .flatMap((s) => [s, ...s.subsections])
    .filter((s) => s.guidanceOnly)
    .map((s) => s.name);
  assert.deepEqual(guidance, [
    'What Happened',
    'Technical Root Cause',
    "Why Existing Invariants Didn't Catch This",
    'Rationale',
    'Implementation PR',
    'Verification',
    'Monitoring',
  ]);
  assert.equal(sectionNamed(template, 'What Happened').contentRange, undefined);
  assert.ok(doc.sections.flatMap((s) => [s, ...s.subsections]).every((s) => !s.guidanceOnly));
  const twoComments = parseSpecDelta('## Approval\n<!-- a -->\n\n<!-- b\nc -->\n---\n');
  assert.equal(twoComments.sections[0]!.guidanceOnly, true);
  const textAfterComment = parseSpecDelta('## Approval\n<!-- a --> signed\n');
  assert.equal(textAfterComment.sections[0]!.guidanceOnly, false);
});

test('section names match the template case-insensitively, with curly apostrophes', () => {
  const d = parseSpecDelta('## failure description\n### WHAT HAPPENED\n## Root Cause Analysis\n### Why Existing Invariants Didn\u2019t Catch This\n## Extra\n');
  assert.deepEqual(
    d.sections.map((s) => [s.name, s.definition?.name, s.subsections.map((x) => x.definition?.name)]),
    [
      ['failure description', 'Failure Description', ['What Happened']],
      ['Root Cause Analysis', 'Root Cause Analysis', ["Why Existing Invariants Didn't Catch This"]],
      ['Extra', undefined, []],
    ],
  );
  assert.equal(findSectionDef('Validation', 'Nope'), undefined);
});

test('the timeline table has header, delimiter and rows with exact time and event cells', () => {
  const timeline = doc.tables[0]!;
  assert.deepEqual([timeline.section, timeline.subsection, timeline.startLine, timeline.endLine], ['Failure Description', 'Timeline', 17, 22]);
  assert.deepEqual(
    timeline.header.cells.map((c) => [c.text, r(c.range)]),
    [
      ['Time', '18:2-18:6'],
      ['Event', '18:9-18:14'],
    ],
  );
  assert.deepEqual(
    timeline.rows.map((row) => [row.line, r(row.range), ...row.cells.map((c) => `${c.text}@${r(c.range)}`)]),
    [
      [19, '20:0-20:51', 'T+0@20:2-20:5', 'Deploy of pricing-service 4.12 completes@20:9-20:49'],
      [20, '21:0-21:52', 'T+9m@21:2-21:6', 'First customer ticket about a wrong total@21:9-21:50'],
      [21, '22:0-22:56', 'T+31m@22:2-22:7', 'On-call engineer links tickets to the deploy@22:10-22:54'],
      [22, '23:0-23:60', 'T+47m@23:2-23:7', 'Rollback to 4.11 completes; totals correct again@23:10-23:58'],
    ],
  );
});

test('the approval table has role, name, date and decision cells; empty cells are zero-width inside the cell', () => {
  const approval = doc.tables[1]!;
  assert.equal(approval.section, 'Approval');
  assert.deepEqual(
    approval.rows.map((row) => row.cells.map((c) => c.text)),
    [
      ['Author', 'Priya Raman', '2026-03-16', 'Proposed'],
      ['Tech Lead', 'Jonas Weber', '2026-03-18', 'Approved'],
      ['Platform Owner', 'Ama Mensah', '2026-03-19', 'Approved'],
    ],
  );
  assert.equal(r(approval.rows[1]!.cells[2]!.range), at(APPROVED, '2026-03-18'));
  const templated = template.tables[1]!;
  assert.deepEqual(
    templated.rows[0]!.cells.map((c) => [c.text, r(c.range)]),
    [
      ['Author', '126:2-126:8'],
      ['', '126:11-126:11'],
      ['', '126:13-126:13'],
      ['Proposed', '126:15-126:23'],
    ],
  );
  const wide = parseSpecDelta('## Approval\n| Role | Name |\n|---|---|\n| Tech Lead |      |\n').tables[0]!;
  assert.equal(r(wide.rows[0]!.cells[1]!.range), '4:14-4:14');
});

test('numbered lists: items with number, text and ranges, and the field they belong to', () => {
  assert.deepEqual(
    doc.numberedLists.map((l) => [l.section, l.subsection, l.field, l.items.map((i) => [i.number, i.text.text, r(i.text.range), r(i.range)])]),
    [
      [
        'Root Cause Analysis',
        'Contributing Factors',
        undefined,
        [
          [1, '`Money` has no currency check on arithmetic.', '41:3-41:47', '41:0-41:47'],
          [2, 'Integration tests only use USD orders.', '42:3-42:41', '42:0-42:41'],
          [3, 'The canary region (us-east) never sees EUR orders.', '43:3-43:53', '43:0-43:53'],
        ],
      ],
      [
        'Validation',
        'False Positive Analysis',
        'Potential False Positives',
        [
          [1, 'Gift cards denominated in a fixed currency.', '97:3-97:46', '97:0-97:46'],
          [2, "Marketplace orders that settle in the seller's currency.", '98:3-98:59', '98:0-98:59'],
        ],
      ],
    ],
  );
  assert.deepEqual(
    template.numberedLists[0]!.items.map((i) => [i.text.text, r(i.text.range), r(i.range)]),
    [
      ['', '38:2-38:2', '38:0-38:2'],
      ['', '39:2-39:2', '39:0-39:2'],
      ['', '40:2-40:2', '40:0-40:2'],
    ],
  );
  const other = parseSpecDelta('### Contributing Factors\n  1) first\n2.\tsecond\n\n10. tenth\n');
  // As CommonMark reads them: another delimiter starts another list; a blank line between items does not end one.
  assert.deepEqual(
    other.numberedLists.map((l) => l.items.map((i) => [i.number, i.text.text, r(i.text.range)])),
    [
      [[1, 'first', '2:5-2:10']],
      [
        [2, 'second', '3:3-3:9'],
        [10, 'tenth', '5:4-5:9'],
      ],
    ],
  );
  // Unindented prose after an item continues its paragraph (a lazy line): the list goes on.
  const lazy = parseSpecDelta('### Contributing Factors\n1. one\nProse.\n1. again\n');
  assert.deepEqual(
    lazy.numberedLists.map((l) => l.items.map((i) => i.text.text)),
    [['one', 'again']],
  );
  const split = parseSpecDelta('### Contributing Factors\n1. one\n\nProse.\n\n1. again\n');
  assert.deepEqual(
    split.numberedLists.map((l) => l.items.map((i) => i.text.text)),
    [['one'], ['again']],
  );
});

test('checkbox groups: every item with checked state, box, label and range', () => {
  assert.deepEqual(
    doc.checkboxGroups.map((g) => [g.name, g.section, g.definition?.name, g.items.filter((i) => i.checked).map((i) => i.label.text)]),
    [
      ['Category', 'Proposed Invariant', 'Category', ['Critical Data Protection']],
      ['Enforcement Level', 'Proposed Invariant', 'Enforcement Level', ['Hard Block']],
      ['Implementation Complexity', 'Validation', 'Implementation Complexity', ['Runtime check needed']],
      ['Review Checklist', 'Review Checklist', 'Review Checklist', REVIEW_ITEMS],
    ],
  );
  assert.equal(doc.checkboxGroups[0]!.definition, CATEGORY_GROUP);
  const [critical] = doc.checkboxGroups[0]!.items;
  assert.deepEqual(
    [critical!.line, critical!.checked, r(critical!.boxRange), r(critical!.label.range), r(critical!.range), critical!.isOther],
    [66, true, '67:2-67:5', '67:6-67:30', '67:0-67:30', false],
  );
  const hard = doc.checkboxGroups.find((g) => g.definition === ENFORCEMENT_GROUP)!.items[0]!;
  assert.deepEqual(
    [hard.label.text, r(hard.label.range), r(hard.range)],
    ['Hard Block', '76:8-76:18', '76:0-76:50'],
    'the label is inside the bold, without the detail',
  );
  const other = doc.checkboxGroups[0]!.items[6]!;
  assert.deepEqual([other.isOther, other.checked, other.label.text, r(other.label.range), other.otherName], [true, false, 'Other', '73:6-73:11', undefined]);
});

test('a named Other keeps its name without the blank, and X or x both check a box', () => {
  const d = parseSpecDelta('### Category\n- [X] Other: __Billing__\n* [x] Other:Payments\n+ [ ] Other:\n');
  assert.deepEqual(
    d.checkboxGroups[0]!.items.map((i) => [i.checked, i.isOther, i.otherName?.text, i.otherName && r(i.otherName.range)]),
    [
      [true, true, 'Billing', '2:15-2:22'],
      [true, true, 'Payments', '3:12-3:20'],
      [false, true, undefined, undefined],
    ],
  );
});

test('the rule statement is split into component, modal, requirement, WHEN and condition', () => {
  const s = doc.ruleStatement!;
  assert.equal(s.text, "CheckoutService MUST compute every order total from line items in the order's currency WHEN an order is priced");
  assert.equal(r(s.range), '59:0-59:110');
  assert.deepEqual(
    [s.component, s.modal, s.requirement, s.when, s.condition].map((x) => [x?.text, r(x?.range)]),
    [
      ['CheckoutService', '59:0-59:15'],
      ['MUST', '59:16-59:20'],
      ["compute every order total from line items in the order's currency", '59:21-59:86'],
      ['WHEN', '59:87-59:91'],
      ['an order is priced', '59:92-59:110'],
    ],
  );
  assert.deepEqual(s.slots, []);
});

test('the templated rule statement has its three slots', () => {
  const s = template.ruleStatement!;
  assert.deepEqual(
    s.slots.map((x) => [x.text, r(x.range)]),
    [
      ['[COMPONENT]', '55:0-55:11'],
      ['[REQUIREMENT]', '55:17-55:30'],
      ['[CONDITION]', '55:36-55:47'],
    ],
  );
  assert.deepEqual(
    [s.component?.text, s.modal?.text, s.requirement?.text, s.when?.text, s.condition?.text],
    ['[COMPONENT]', 'MUST', '[REQUIREMENT]', 'WHEN', '[CONDITION]'],
  );
});

test('a rule statement over several lines, without a fence, with MUST NOT or IF', () => {
  const multi = parseSpecDelta(
    edit(
      APPROVED,
      "CheckoutService MUST compute every order total from line items in the order's currency WHEN an order is priced",
      '  CheckoutService MUST NOT mix currencies\n  IF an order is priced',
    ),
  ).ruleStatement!;
  const line = lineOf(APPROVED, 'CheckoutService MUST');
  assert.equal(multi.text, 'CheckoutService MUST NOT mix currencies IF an order is priced');
  assert.deepEqual(
    [multi.component, multi.modal, multi.requirement, multi.when, multi.condition].map((x) => r(x?.range)),
    [
      `${line + 1}:2-${line + 1}:17`,
      `${line + 1}:18-${line + 1}:26`,
      `${line + 1}:27-${line + 1}:41`,
      `${line + 2}:2-${line + 2}:4`,
      `${line + 2}:5-${line + 2}:23`,
    ],
  );
  assert.equal(r(multi.range), `${line + 1}:2-${line + 2}:23`);
  const plain = parseSpecDelta('## Proposed Invariant\n### Rule Statement\n<!-- guidance -->\nAPI MUST answer WHEN asked\n\n---\n').ruleStatement!;
  assert.deepEqual([plain.text, r(plain.range), plain.modal?.text, plain.condition?.text], ['API MUST answer WHEN asked', '4:0-4:26', 'MUST', 'asked']);
  const none = parseSpecDelta('## Proposed Invariant\n### Rule Statement\n<!-- guidance -->\n\n### Rationale\n').ruleStatement;
  assert.equal(none, undefined);
  const noModal = parseSpecDelta('## Proposed Invariant\n### Rule Statement\n```\nTotals add up WHEN priced\n```\n').ruleStatement!;
  assert.deepEqual([noModal.modal, noModal.component, noModal.when?.text, noModal.condition?.text], [undefined, undefined, 'WHEN', 'priced']);
});

test('every invariant id token, valid or not, with its role', () => {
  assert.deepEqual(
    doc.idTokens.map((t) => [t.text, r(t.range), t.valid, t.role]),
    [
      ['INVARIANT-042', '1:14-1:27', true, 'title'],
      ['INVARIANT-017', '46:0-46:13', true, 'reference'],
      ['INVARIANT-042', '54:1-54:14', true, 'definition'],
    ],
  );
  assert.equal(r(doc.invariantId?.range), '54:1-54:14');
  const d = parseSpecDelta(
    '# Spec Delta: INVARIANT-7 x\n\nSee INVARIANT-8, invariant_9b and INVARIANT-XX.\n<!-- INVARIANT-10 in a comment -->\n<!-- INVARIANT-11 --> INVARIANT-12\n```\nINVARIANT-13 in code\n```\n',
  );
  assert.deepEqual(
    d.idTokens.map((t) => [t.text, r(t.range), t.valid, t.role]),
    [
      ['INVARIANT-7', '1:14-1:25', true, 'title'],
      ['INVARIANT-8', '3:4-3:15', true, 'reference'],
      ['invariant_9b', '3:17-3:29', false, 'reference'],
      ['INVARIANT-12', '5:22-5:34', true, 'reference'],
      ['INVARIANT-13', '7:0-7:12', true, 'reference'],
    ],
  );
});

test('the invariant id of a custom pattern is valid, the default one is not', () => {
  const text = '# Spec Delta: PAY-0042 Refunds\n\n## Proposed Invariant\n### Invariant ID\n`PAY-0042`\n\nSee INVARIANT-1.\n';
  const d = parseSpecDelta(text, '', 0, { idPattern: 'PAY-\\d{4}' });
  assert.deepEqual(
    d.idTokens.map((t) => [t.text, t.valid, t.role]),
    [
      ['PAY-0042', true, 'title'],
      ['PAY-0042', true, 'definition'],
      ['INVARIANT-1', false, 'reference'],
    ],
  );
});

test('links and comments carry their ranges', () => {
  assert.deepEqual(
    doc.links.map((l) => [l.subsection, l.target, r(l.range)]),
    [['Implementation PR', 'https://git.example.com/shop/pricing-service/pull/2291', '138:0-138:54']],
  );
  assert.deepEqual(
    doc.comments.map((c) => [c.text, r(c.range), c.startLine, c.endLine]),
    [['Clear, testable statement of what must always be true', '57:0-57:62', 56, 56]],
  );
  const d = parseSpecDelta('## Post-Approval\n### Implementation PR\nSee (https://example.com/pr/1), or <https://example.com/pr/2>.\n');
  assert.deepEqual(
    d.links.map((l) => [l.target, r(l.range)]),
    [
      ['https://example.com/pr/1', '3:5-3:29'],
      ['https://example.com/pr/2', '3:36-3:60'],
    ],
  );
});

// ---- bad input --------------------------------------------------------------------------------

/** Every range in the model and in the diagnostics lies within the document, start before end. */
function assertRangesInside(text: string, label: string): void {
  let model: SpecDeltaDocument;
  try {
    model = parseSpecDelta(text);
  } catch (error) {
    assert.fail(`${label}: the parser threw ${String(error)}`);
  }
  const diagnostics = analyzeText(text);
  const lines = text.split(/\r\n|\r|\n/);
  const check = (value: unknown, path: string): void => {
    if (value === null || typeof value !== 'object') return;
    const v = value as Record<string, unknown>;
    if (isRange(v)) {
      for (const p of [v.start, v.end]) {
        assert.ok(p.line >= 0 && p.line < lines.length, `${label}: ${path} line ${p.line} is in the document`);
        assert.ok(p.character >= 0 && p.character <= lines[p.line]!.length, `${label}: ${path} character ${p.character} is on line ${p.line}`);
      }
      assert.ok(v.start.line < v.end.line || (v.start.line === v.end.line && v.start.character <= v.end.character), `${label}: ${path} starts before it ends`);
      return;
    }
    for (const [key, child] of Object.entries(v)) if (key !== 'definition' && key !== 'lines') check(child, `${path}.${key}`);
  };
  check(model, 'doc');
  check(diagnostics, 'diagnostics');
}

function isRange(v: Record<string, unknown>): v is { start: { line: number; character: number }; end: { line: number; character: number } } {
  const s = v.start as { line?: unknown } | undefined;
  return typeof s === 'object' && s !== null && typeof s.line === 'number' && typeof v.end === 'object';
}

test('CRLF and lone CR give the same model as LF', () => {
  const strip = (d: SpecDeltaDocument) => JSON.stringify({ ...d, eol: undefined }, (k, v) => (k === 'definition' ? v?.name : v));
  const lf = parseSpecDelta(APPROVED);
  assert.equal(strip(parseSpecDelta(APPROVED.replace(/\n/g, '\r\n'))), strip(lf));
  assert.equal(strip(parseSpecDelta(APPROVED.replace(/\n/g, '\r'))), strip(lf));
  assert.deepEqual(lint(APPROVED.replace(/\n/g, '\r\n')), []);
  assert.deepEqual(lint(TEMPLATE.replace(/\n/g, '\r')), lint(TEMPLATE));
  const mixed = parseSpecDelta('# Spec Delta: INVARIANT-1 x\r\n\r\n**Date**: 2026-01-01\n**Author**: A\r**Status**: Draft\r\n');
  assert.deepEqual(
    mixed.fields.map((f) => [f.name.text, r(f.value.range)]),
    [
      ['Date', '3:10-3:20'],
      ['Author', '4:12-4:13'],
      ['Status', '5:12-5:17'],
    ],
  );
  assert.equal(mixed.eol, '\r\n');
});

test('a BOM is column 0 of line 0: ranges on line 0 stay exact', () => {
  const bom = parseSpecDelta('\uFEFF' + APPROVED);
  assert.equal(bom.hasSpecDeltaTitle, true);
  assert.deepEqual([r(bom.title?.range), r(bom.title?.id?.range), r(bom.title?.text?.range)], ['1:0-1:81', '1:15-1:28', '1:29-1:81']);
  assert.deepEqual(
    bom.sections.map((s) => s.name),
    doc.sections.map((s) => s.name),
  );
  assert.deepEqual(lint('\uFEFF' + APPROVED), []);
  const placeholders = only(lint('\uFEFF' + TEMPLATE), 'SD101').filter((d) => d.range.start.line === 0);
  assert.deepEqual(
    placeholders.map((d) => whereOf(d)),
    ['1:15-1:29', '1:30-1:43'],
  );
  const field = parseSpecDelta('\uFEFF**Date**: 2026-13-01\n');
  assert.deepEqual(
    field.fields.map((f) => [f.name.text, r(f.name.range), r(f.value.range), f.bullet]),
    [['Date', '1:3-1:7', '1:11-1:21', false]],
  );
  assert.deepEqual(
    only(lint('\uFEFF**Date**: 2026-13-01\n'), 'SD007').map((d) => whereOf(d)),
    ['1:11-1:21'],
  );
});

test('emoji and other surrogate pairs count two UTF-16 units', () => {
  const text = edit(APPROVED, '**Author**: Priya Raman', '**Author**: \u{1F389}\u{1F600} [Name]');
  assert.deepEqual(
    only(lint(text), 'SD101').map((d) => whereOf(d)),
    ['4:17-4:23'],
  );
  const title = parseSpecDelta('# Spec Delta: INVARIANT-1 \u{1F680} Launch [Brief Title]\n');
  assert.deepEqual([title.title?.text?.text, r(title.title?.text?.range)], ['\u{1F680} Launch [Brief Title]', '1:26-1:49']);
  assert.deepEqual(
    only(lint('# Spec Delta: INVARIANT-1 \u{1F680} Launch [Brief Title]\n'), 'SD101').map((d) => whereOf(d)),
    ['1:36-1:49'],
  );
  const statement = edit(APPROVED, 'CheckoutService MUST', '\u{1F4B6}Service MUST');
  assert.equal(r(parseSpecDelta(statement).ruleStatement?.modal?.range), '59:10-59:14');
  const lone = '\uD83D**Author**: [Name]\n';
  assertRangesInside(lone, 'a lone surrogate');
});

test('tabs are one character each', () => {
  const text = edit(APPROVED, '**Author**: Priya Raman', '**Author**:\t[Name]');
  assert.deepEqual(
    only(lint(text), 'SD101').map((d) => whereOf(d)),
    ['4:12-4:18'],
  );
  const d = parseSpecDelta('### Category\n-\t[x]\tAPI Contracts\n');
  assert.deepEqual(
    d.checkboxGroups[0]!.items.map((i) => [i.checked, r(i.boxRange), i.label.text, r(i.label.range)]),
    [[true, '2:2-2:5', 'API Contracts', '2:6-2:19']],
  );
  const timeline = parseSpecDelta('### Timeline\n|\tTime\t|\tEvent\t|\n|---|---|\n|\tT+0\t|\tstart\t|\n').tables[0]!;
  assert.deepEqual(
    timeline.rows[0]!.cells.map((c) => [c.text, r(c.range)]),
    [
      ['T+0', '4:2-4:5'],
      ['start', '4:8-4:13'],
    ],
  );
});

test('an empty file and a file of white space give an empty model', () => {
  for (const text of ['', '   ', '\n\n', ' \t \r\n \r\n']) {
    const d = parseSpecDelta(text);
    assert.deepEqual(
      [d.hasSpecDeltaTitle, d.title, d.sections, d.fields, d.tables, d.idTokens, d.ruleStatement],
      [false, undefined, [], [], [], [], undefined],
      JSON.stringify(text),
    );
    assertRangesInside(text, JSON.stringify(text));
  }
});

test('malformed tables: no delimiter row, ragged rows, escaped pipes', () => {
  // Without a delimiter row GitHub renders the lines as a paragraph: no table.
  assert.deepEqual(parseSpecDelta('### Timeline\n| Time | Event |\n| T+0  | start |\n').tables, []);
  const ragged = parseSpecDelta(
    '## Approval\n| Role | Name | Date | Decision |\n|---|---|---|---|\n| Tech Lead |\n| Author | A | 2026-01-01 | Proposed | extra |\n',
  ).tables[0]!;
  assert.deepEqual(
    ragged.rows.map((row) => row.cells.map((c) => c.text)),
    [['Tech Lead'], ['Author', 'A', '2026-01-01', 'Proposed']],
    'cells past the header are not rendered',
  );
  const escaped = parseSpecDelta('### Timeline\n| Time | Event |\n|---|---|\n| T+1m | a \\| b |\n| T+2m | ends with \\|\n').tables[0]!;
  assert.deepEqual(
    escaped.rows.map((row) => row.cells.map((c) => `${c.text}@${r(c.range)}`)),
    [
      ['T+1m@4:2-4:6', 'a | b@4:9-4:15'],
      ['T+2m@5:2-5:6', 'ends with |@5:9-5:21'],
    ],
  );
  for (const text of ['|', '||', '| \\|', '|\n|-|\n|', '## Approval\n|\n|---|\n| |\n']) assertRangesInside(text, JSON.stringify(text));
  assert.deepEqual(only(lint(edit(APPROVED, '|------|-------|\n', '')), 'SD101'), []);
});

test('headings inside fenced code blocks, comments and lists are not sections', () => {
  const d = parseSpecDelta(
    '# Spec Delta: INVARIANT-1 x\n\n## Approval\n```md\n## Post-Approval\n### Monitoring\n```\n~~~\n## Validation\n~~~\n<!--\n## Review Checklist\n-->\n- ## Listed\n',
  );
  assert.deepEqual(
    d.sections.map((s) => [s.name, s.subsections.length, s.bodyEndLine]),
    [['Approval', 0, d.lines.length]],
  );
});

test('setext headings are sections, the underline is part of the heading', () => {
  const d = parseSpecDelta('Spec Delta: INVARIANT-1 Title\n=============================\n\nFailure Description\n-------------------\n\ntext\n');
  assert.equal(d.hasSpecDeltaTitle, true);
  assert.deepEqual([d.title?.id?.text, r(d.title?.range)], ['INVARIANT-1', '1:0-2:29']);
  assert.deepEqual(
    d.sections.map((s) => [s.name, r(s.headingRange), r(s.nameRange), s.bodyStartLine]),
    [['Failure Description', '4:0-5:19', '4:0-4:19', 5]],
  );
});

test('an unclosed comment runs to the end of its block and hides what it holds', () => {
  const text = edit(APPROVED, '<!-- Clear, testable statement of what must always be true -->', '<!-- Clear, testable statement');
  const d = parseSpecDelta(text);
  const comment = d.comments[0]!;
  assert.equal(comment.startLine, lineOf(text, '<!-- Clear'));
  // The block, and so the comment, ends with the last line that is not blank.
  const last = d.lines.length - 2;
  assert.equal(comment.endLine, last);
  assert.equal(r(comment.range), `${comment.startLine + 1}:0-${last + 1}:${d.lines[last]!.length}`);
  assert.deepEqual(
    d.sections.map((s) => s.name),
    ['Failure Description', 'Root Cause Analysis', 'Proposed Invariant'],
  );
  assertRangesInside(text, 'unclosed comment');
  assertRangesInside('<!--', 'only an opening');
  assertRangesInside('text <!-- open\n## Approval\n', 'an inline opening');
});

test("a 'Spec Delta:' heading at level 2 is the title at the wrong level, not a section", () => {
  const text = edit(APPROVED, '# Spec Delta:', '## Spec Delta:');
  const d = parseSpecDelta(text);
  assert.equal(d.hasSpecDeltaTitle, true);
  assert.equal(d.title, undefined);
  assert.deepEqual(
    d.sections.map((s) => s.name),
    doc.sections.map((s) => s.name),
  );
  assert.deepEqual(
    d.fields.filter((f) => f.section === undefined).map((f) => f.name.text),
    ['Date', 'Author', 'Status', 'Severity'],
  );
  assert.deepEqual(
    lint(text).map((x) => `${x.code} ${whereOf(x)}`),
    ['SD009 1:0-1:81'],
  );
});

test('binary data, a long line, deep nesting and odd markup never throw', () => {
  const inputs: [string, string][] = [
    ['NUL bytes', 'a\u0000b\u0000'],
    ['a long line', '# Spec Delta: INVARIANT-1 ' + 'x'.repeat(100_000)],
    ['deep quotes', '>'.repeat(500) + ' ## Approval'],
    ['deep lists', Array.from({ length: 200 }, (_, i) => ' '.repeat(i * 2) + '- [x] item').join('\n')],
    ['only markup', '#\n##\n###\n**\n**:**\n- [\n1.\n```\n'],
    ['unterminated fence', '## Proposed Invariant\n### Rule Statement\n```\nA MUST b WHEN c\n'],
    ['empty rule fence', '## Proposed Invariant\n### Rule Statement\n```\n```\n### Invariant ID\n``\n'],
    ['stray brackets', '# Spec Delta: [ ] [\n**Status**: [\n| [ | ] |\n'],
    ['template with CR', TEMPLATE.replace(/\n/g, '\r')],
    ['template with BOM and CRLF', '\uFEFF' + TEMPLATE.replace(/\n/g, '\r\n')],
    ['approved with tabs', APPROVED.replace(/ /g, '\t')],
    ['approved cut in half', APPROVED.slice(0, Math.floor(APPROVED.length / 2))],
    ['a heading per line', cut(APPROVED, '## Failure').replace(/^/gm, '## ')],
  ];
  for (const [label, text] of inputs) assertRangesInside(text, label);
});

test('the block structure: outline headings, code blocks, reference labels and what each line belongs to', () => {
  const d = parseSpecDelta(
    '---\nid: x\n---\n# T\n> ## Quoted\n- ### In a list\n\n```\ncode\n```\n\n    indented\n\n[Some  Label]: https://example.com\n| a |\n|---|\n<div>\n</div>\n',
  );
  assert.deepEqual(
    d.headings.map((h) => [h.level, h.line, h.name.text]),
    [[1, 3, 'T']],
    'quoted and listed headings are not the outline',
  );
  assert.deepEqual(d.codeBlocks, [
    { startLine: 7, endLine: 10, fenced: true },
    { startLine: 11, endLine: 12, fenced: false },
  ]);
  assert.deepEqual([...d.references], ['SOME LABEL']);
  assert.deepEqual(Array.from(d.lineKinds), [
    LineKind.FrontMatter,
    LineKind.FrontMatter,
    LineKind.FrontMatter,
    LineKind.Heading,
    LineKind.Quote,
    LineKind.Heading,
    LineKind.Text,
    LineKind.Code,
    LineKind.Code,
    LineKind.Code,
    LineKind.Text,
    LineKind.Code,
    LineKind.Text,
    LineKind.Text,
    LineKind.Table,
    LineKind.Table,
    LineKind.Html,
    LineKind.Html,
    LineKind.Text,
  ]);
  assert.equal(d.frontMatterLines, 3);
});
