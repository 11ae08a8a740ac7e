import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import { DiagnosticSeverity } from 'vscode-languageserver-types';
import { applyEdits } from '../../server/src/core/fixes';
import { fixesOf } from '../../server/src/core/languageService';
import { parseSpecDelta } from '../../server/src/core/parser';
import { APPROVED, TEMPLATE } from '../support/fixtures';
import { edit, edits, withStatus } from '../support/textEdits';
import { at, where } from '../support/positions';
import { lint, only, summary } from '../support/diagnostics';

/**
 * Issue 18 (items 1-7) and issue 11 (items 1, 3 and 5 in part): the linter judges the document
 * GitHub renders, and SPEC section 6's settled questions. Each case edits the clean Approved
 * example, which has no finding of its own.
 */

const findings = (text: string): string[] => lint(text).map((d) => `${d.code} ${where(d)} ${d.message}`);

test("the clean Approved example has no finding, so every finding below is the edit's", () => {
  assert.deepEqual(findings(APPROVED), []);
});

test('18.1: a table directly followed by --- is a table and a thematic break, not a setext heading', () => {
  const timeline = edit(
    APPROVED,
    '| T+47m | Rollback to 4.11 completes; totals correct again |\n',
    '| T+47m | Rollback to 4.11 completes; totals correct again |\n---\n',
  );
  assert.deepEqual(findings(timeline), []);
  assert.equal(parseSpecDelta(timeline).tables[0]!.rows.length, 4);
  const approval = edit(
    APPROVED,
    '| Platform Owner | Ama Mensah | 2026-03-19 | Approved |\n\n---',
    '| Platform Owner | Ama Mensah | 2026-03-19 | Approved |\n---',
  );
  assert.deepEqual(findings(approval), []);
});

test('18.2: a link reference definition followed by --- is a definition and a break, not a heading', () => {
  const text = edit(APPROVED, 'the wrong total on the confirmation page.\n', 'the wrong total on the confirmation page.\n\n[d]: https://example.com/d\n---\n');
  assert.deepEqual(findings(text), []);
});

test('18.3: an item whose text starts on the next line is not empty; `1.` continuing a paragraph is text', () => {
  const nextLine = edit(APPROVED, '1. `Money` has no currency check on arithmetic.', '1.\n   `Money` has no currency check on arithmetic.');
  assert.deepEqual(findings(nextLine), []);
  const item = parseSpecDelta(nextLine).numberedLists[0]!.items[0]!;
  assert.equal(item.text.text, '`Money` has no currency check on arithmetic.');
  const continuation = edit(
    APPROVED,
    'the wrong total on the confirmation page.\n',
    'the wrong total on the confirmation page.\nWe counted the tickets from\n1.\n',
  );
  assert.deepEqual(findings(continuation), []);
  // SD103 is about the template's lists; an empty item of a list of one's own is not incompleteness.
  const ownList = edit(APPROVED, 'the wrong total on the confirmation page.\n', 'the wrong total on the confirmation page.\n\n1. first\n2.\n');
  assert.deepEqual(findings(ownList), []);
  const templateList = edit(APPROVED, '3. The canary region (us-east) never sees EUR orders.', '3.');
  assert.deepEqual(summary(only(lint(templateList), 'SD103')), [`SD103 ${at(templateList, '\n3.\n', '3.')} error`]);
});

test('18.4: link text, a placeholder inside a name and placeholders in code spans are not placeholders', () => {
  const text = edits(APPROVED, [
    'the wrong total on the confirmation page.\n',
    'the wrong total on the confirmation page.\nThe fix is [Described below](#rationale). Exports are named export-YYYY-MM-DD.csv;\nsee [Describe it][d] and [Describe more]; the form says `[Name]` and `YYYY-MM-DD`.\n\n[describe   MORE]: https://example.com/d\n[d]: https://example.com/d\n',
  ]);
  assert.deepEqual(findings(text), []);
  const prose = edit(APPROVED, 'the wrong total on the confirmation page.\n', 'the wrong total on the confirmation page. Dates are written YYYY-MM-DD.\n');
  assert.deepEqual(findings(prose), [], 'the template puts YYYY-MM-DD only in fields and tables');
  // Where the template puts them, they still count: a field, a table cell, bracketed text in prose.
  const cell = edit(APPROVED, '| Tech Lead | Jonas Weber | 2026-03-18 |', '| Tech Lead | Jonas Weber | YYYY-MM-DD |');
  assert.deepEqual(only(lint(cell), 'SD101').map(where), [at(cell, 'YYYY-MM-DD')]);
  const amount = edit(APPROVED, '**Revenue Impact**: $21,400 refunded', '**Revenue Impact**: $X/month, export-$X.csv');
  assert.deepEqual(only(lint(amount), 'SD101').map(where), [at(amount, '$X/month', '$X')], 'a slash after an amount does not make it a name');
  const bracket = edit(APPROVED, '`Money.add` accepted', '[Describe the failure] `Money.add` accepted');
  assert.deepEqual(only(lint(bracket), 'SD101').map(where), [at(bracket, '[Describe the failure]')]);
});

test('18.5: a field in What Happened is prose, not the metadata field', () => {
  const text = edit(APPROVED, 'the wrong total on the confirmation page.\n', 'the wrong total on the confirmation page.\n\n**Status**: Accepted\n');
  assert.deepEqual(findings(text), []);
  const doc = parseSpecDelta(text);
  assert.deepEqual(
    doc.fields.filter((f) => f.name.text === 'Status').map((f) => [f.section, f.definition?.name]),
    [
      [undefined, 'Status'],
      ['Failure Description', undefined],
    ],
  );
});

test('18.5: fields of a template subsection under a misnamed section keep their definitions', () => {
  const text = edits(APPROVED, ['## Failure Description', '## Failure'], ['**Data Loss**: No', '**Data Loss**: Maybe']);
  assert.deepEqual(
    lint(text).map((d) => d.code),
    ['SD001', 'SD006'],
  );
});

test('18.6: underscore bold and values ending in a hard line break are the same fields and values', () => {
  const underscore = edit(APPROVED, '**Severity**: High', '__Severity__: High');
  assert.deepEqual(findings(underscore), []);
  for (const status of ['Approved\\', 'Approved<br>', 'Approved<br />']) {
    const text = withStatus(APPROVED, status);
    assert.deepEqual(findings(text), [], status);
    const field = parseSpecDelta(text).fields.find((f) => f.name.text === 'Status')!;
    assert.deepEqual([field.value.text, where({ range: field.value.range })], ['Approved', '5:12-5:20'], status);
  }
});

test('18.7: an approval table without outer pipes is read; an Approved document without an approval table is an Error', () => {
  const noPipes = edit(APPROVED, '| Tech Lead | Jonas Weber | 2026-03-18 | Approved |', 'Tech Lead | Jonas Weber | 2026-03-18 | Rejected');
  const found = only(lint(noPipes), 'SD202');
  assert.deepEqual(
    found.map((d) => [where(d), d.severity, d.message]),
    [[at(noPipes, 'Rejected'), DiagnosticSeverity.Error, "Status is Approved, so the Tech Lead's decision must be Approved (found 'Rejected')."]],
  );
  const table =
    '| Role | Name | Date | Decision |\n|------|------|------|----------|\n| Author | Priya Raman | 2026-03-16 | Proposed |\n| Tech Lead | Jonas Weber | 2026-03-18 | Approved |\n| Platform Owner | Ama Mensah | 2026-03-19 | Approved |\n';
  const message = "Status is Approved: add the approval table (| Role | Name | Date | Decision | and its |---| row) with every approver's decision.";
  for (const [name, replacement] of [
    ['no table', 'Decided in the review meeting.\n'],
    ['no delimiter row', table.replace('|------|------|------|----------|\n', '')],
  ] as const) {
    const text = edit(APPROVED, table, replacement);
    assert.deepEqual(
      only(lint(text), 'SD202').map((d) => [where(d), d.severity, d.message]),
      [[at(text, '## Approval', 'Approval'), DiagnosticSeverity.Error, message]],
      name,
    );
    assert.deepEqual(only(lint(withStatus(text, 'Under Review')), 'SD202'), [], `${name}: only an Approved document claims the decisions`);
  }
});

// ---- SPEC section 6 (issue 11) ----------------------------------------------------------------

const UNDER_REVIEW = withStatus(APPROVED, 'Under Review');

test('11.1: placeholders quoted in a fenced block, an indented block, a code span or a comment are not placeholders', () => {
  const quotes = [
    '```\n**Author**: [Name]\n**Date**: YYYY-MM-DD\n- **Revenue Impact**: $X (if applicable)\n[COMPONENT] MUST [REQUIREMENT] WHEN [CONDITION]\n```\n',
    '    **Author**: [Name]\n    [COMPONENT] MUST [REQUIREMENT] WHEN [CONDITION]\n',
    'The template asks for `[Name]` and `$X (if applicable)`.\n',
    '<!-- **Author**: [Name], $X -->\n',
  ];
  for (const quote of quotes) {
    const text = edit(UNDER_REVIEW, 'the wrong total on the confirmation page.\n', `the wrong total on the confirmation page.\n\n${quote}`);
    assert.deepEqual(findings(text), [], quote);
  }
  // The Rule Statement's own block is where the template puts its slots.
  const slots = edit(
    UNDER_REVIEW,
    "CheckoutService MUST compute every order total from line items in the order's currency WHEN an order is priced",
    '[COMPONENT] MUST [REQUIREMENT] WHEN [CONDITION]',
  );
  assert.equal(only(lint(slots), 'SD101').length, 3);
});

test('11.3: an empty Rule Statement block is incompleteness, with the severity of the Status', () => {
  const empty = edit(
    APPROVED,
    "```\nCheckoutService MUST compute every order total from line items in the order's currency WHEN an order is priced\n```",
    '```\n```',
  );
  const expected = (severity: string): string[] => [`SD102 ${at(empty, '### Rule Statement', 'Rule Statement')} ${severity}`];
  assert.deepEqual(summary(lint(empty)), expected('error'));
  assert.deepEqual(summary(lint(withStatus(empty, 'Under Review'))), expected('error'));
  assert.deepEqual(summary(lint(withStatus(empty, 'Draft'))), expected('warning'));
  assert.deepEqual(
    summary(lint(withStatus(empty, 'Rejected'))).filter((s) => s.startsWith('SD102')),
    expected('warning'),
  );
  const blankInside = edit(
    APPROVED,
    "```\nCheckoutService MUST compute every order total from line items in the order's currency WHEN an order is priced\n```",
    '```\n\n   \n```',
  );
  assert.deepEqual(summary(lint(blankInside)), [`SD102 ${at(blankInside, '### Rule Statement', 'Rule Statement')} error`]);
});

test('11.5: YAML front matter is allowed and is not structure; the title is the first heading after it', () => {
  const text = `---\ntitle: Checkout totals\ntags: [incident, INVARIANT-007]\n**Status**: Draft\n---\n${APPROVED}`;
  assert.deepEqual(findings(text), []);
  const doc = parseSpecDelta(text);
  assert.deepEqual([doc.frontMatterLines, doc.title?.id?.text, doc.fields.filter((f) => f.name.text === 'Status').length], [5, 'INVARIANT-042', 1]);
  assert.deepEqual(
    doc.idTokens.filter((t) => t.text === 'INVARIANT-007'),
    [],
    'ids in front matter are not references',
  );
  // Not front matter: `---` not on the first line, or never closed.
  assert.equal(parseSpecDelta(`\n---\na: b\n---\n${APPROVED}`).frontMatterLines, 0);
  assert.equal(parseSpecDelta(`---\na: b\n${APPROVED.replace(/^---$/gm, '***')}`).frontMatterLines, 0);
});

test('11.5: `**Status:**` fields are read as the same fields, with an Information hint whose fix writes `**Status**:`', () => {
  const text = edits(APPROVED, ['**Status**: Approved', '**Status:** Approved'], ['**Date**: 2026-03-14', '**Date:**2026-03-14']);
  const found = lint(text);
  assert.deepEqual(
    found.map((d) => [d.code, where(d), d.severity]),
    [
      ['SD404', at(text, '**Date:**'), DiagnosticSeverity.Information],
      ['SD404', at(text, '**Status:**'), DiagnosticSeverity.Information],
    ],
  );
  const fixed = found.reduce((t, d) => applyEdits(t, fixesOf(lint(t).find((x) => x.code === d.code)!)[0]!.edits), text);
  assert.equal(fixed, edit(APPROVED, '**Date**: 2026-03-14', '**Date**:2026-03-14'));
});

test('code spans: a backtick run is closed by the next run of the same length, as CommonMark reads them', () => {
  const line = '`` a ` [Name] `` and ` [Name] then `` [Name] end';
  const text = edit(APPROVED, 'the wrong total on the confirmation page.\n', `the wrong total on the confirmation page.\n${line}\n`);
  // The first [Name] is inside the `` span; the lone ` and the last `` are never closed, so they are literal.
  assert.deepEqual(only(lint(text), 'SD101').map(where), [at(text, '` [Name] then', '[Name]'), at(text, '`` [Name] end', '[Name]')]);
});

test('the whole template quoted in a fence, an indented block or a block quote adds nothing to a clean document', () => {
  const quotes = {
    fenced: `\`\`\`\`markdown\n${TEMPLATE}\`\`\`\`\n`,
    indented: `${TEMPLATE.replace(/\n$/, '')
      .split('\n')
      .map((l) => `    ${l}`)
      .join('\n')}\n`,
    'block quote': `${TEMPLATE.replace(/\n$/, '')
      .split('\n')
      .map((l) => `> ${l}`)
      .join('\n')}\n`,
  };
  for (const [how, quote] of Object.entries(quotes)) {
    const text = edit(UNDER_REVIEW, 'the wrong total on the confirmation page.\n', `the wrong total on the confirmation page.\n\n${quote}`);
    assert.deepEqual(findings(text), [], how);
  }
});
