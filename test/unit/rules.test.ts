import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver-types';
import { resolveConfig, DEFAULT_CONFIG } from '../../server/src/core/config';
import { applyEdits } from '../../server/src/core/fixes';
import { AnalysisOptions, DOCS_BASE_URL, SOURCE, fixesOf, parseDocument } from '../../server/src/core/languageService';
import { RULES } from '../../server/src/core/rules';
import { implementationPrLinks } from '../../server/src/core/query/sections';
import { APPROVED, TEMPLATE } from '../support/fixtures';
import { edit, cut, edits, move, withStatus } from '../support/textEdits';
import { at, lineOf, pointAfter, where } from '../support/positions';
import { lint, only, messageOf, severityName, summary, workspaceOf } from '../support/diagnostics';
import { STATUSES, SPEC_SEVERITY, Severities } from '../support/spec';

/**
 * One positive and one negative test for every rule of the registry. Each defect is a small edit of
 * the Approved example (or of the raw template); the finding must sit exactly on the defect, with
 * the severity the SPEC's status table gives under every status.
 */

const TITLE = "# Spec Delta: INVARIANT-042 Checkout totals are computed in the order's currency";
const STATEMENT = "CheckoutService MUST compute every order total from line items in the order's currency WHEN an order is priced";
const TECH_LEAD_ROW = '| Tech Lead | Jonas Weber | 2026-03-18 | Approved |';
const WITH_017 = {
  uri: 'file:///test/INVARIANT-017.md',
  text: edit(APPROVED, 'INVARIANT-042 Checkout', 'INVARIANT-017 Checkout').replace('`INVARIANT-042`', '`INVARIANT-017`'),
};

/** Every diagnostic the positive tests saw, for the checks every diagnostic must pass. */
const seen: Diagnostic[] = [];
const covered = new Set<string>();

/**
 * Asserts that `text` (its Status set to each status in turn) reports `code` exactly at `ranges`,
 * with the severity `severities` gives for that status, or not at all where it gives none.
 */
function positive(
  code: string,
  name: string,
  text: string,
  ranges: readonly string[],
  severities: Severities,
  message?: string,
  options?: AnalysisOptions,
): void {
  covered.add(code);
  test(`${code} reports ${name}`, () => {
    for (const status of STATUSES) {
      const found = only(lint(withStatus(text, status), options), code);
      seen.push(...found);
      const severity = severities[status];
      const expected = severity === undefined ? [] : ranges.map((r) => `${code} ${r} ${severityName(severity)}`);
      assert.deepEqual(summary(found), expected, `under Status ${status}`);
      if (message !== undefined && found.length > 0) assert.equal(found[0]!.message, message);
    }
  });
}

/** Lints at the document's own Status and returns only `code`, remembering them for the common checks. */
function lintOnly(text: string, code: string, options?: AnalysisOptions): Diagnostic[] {
  covered.add(code);
  const found = only(lint(text, options), code);
  seen.push(...found);
  return found;
}

// ---- structure ------------------------------------------------------------------------------

positive(
  'SD001',
  'a missing section on the title',
  cut(APPROVED, '## Validation', '## Review Checklist'),
  [at(APPROVED, TITLE)],
  SPEC_SEVERITY.structure,
  "Add the missing 'Validation' section (## Validation).",
);

test('SD001 reports each missing section once, in template order', () => {
  const found = lintOnly(cut(APPROVED, '---\n\n## Approval'), 'SD001');
  assert.deepEqual(
    found.map((d) => [where(d), d.message]),
    [
      ['1:0-1:80', "Add the missing 'Approval' section (## Approval)."],
      ['1:0-1:80', "Add the missing 'Post-Approval' section (## Post-Approval)."],
    ],
  );
});

test('SD001 anchors on the first line when there is no title', () => {
  const text = '## Failure Description\n';
  const found = lintOnly(text, 'SD001');
  assert.equal(found.length, 6);
  assert.ok(found.every((d) => where(d) === '1:0-1:22'));
});

{
  const text = cut(APPROVED, '### Monitoring');
  positive(
    'SD002',
    'a missing subsection on its section heading',
    text,
    [at(text, '## Post-Approval', 'Post-Approval')],
    SPEC_SEVERITY.structure,
    "Add the missing 'Monitoring' subsection to 'Post-Approval' (### Monitoring).",
  );
}

test('SD002 names the section the subsection is missing from', () => {
  const text = cut(APPROVED, '### Timeline', '### Impact');
  const found = lintOnly(text, 'SD002');
  assert.deepEqual(
    found.map((d) => [where(d), d.message]),
    [[at(text, '## Failure Description', 'Failure Description'), "Add the missing 'Timeline' subsection to 'Failure Description' (### Timeline)."]],
  );
});

{
  const text = APPROVED + '\n### Verification\nReplayed once more.\n';
  const first = lineOf(APPROVED, '### Verification') + 1;
  positive(
    'SD003',
    'a repeated subsection on the repeat',
    text,
    [at(text, '### Verification\nReplayed once more.', 'Verification')],
    SPEC_SEVERITY.structure,
    `'Verification' appears twice in 'Post-Approval': merge it into the one on line ${first}.`,
  );
  test('SD003 points to the first occurrence', () => {
    const [d] = lintOnly(text, 'SD003');
    assert.deepEqual(d!.relatedInformation, [
      {
        location: { uri: 'file:///test/doc.md', range: { start: { line: first - 1, character: 4 }, end: { line: first - 1, character: 16 } } },
        message: 'First occurrence',
      },
    ]);
  });
}

test('SD003 reports a repeated section', () => {
  const text = APPROVED + '\n## Approval\n\nSigned again.\n';
  const found = lintOnly(text, 'SD003');
  assert.deepEqual(
    found.map((d) => [where(d), d.severity, d.message]),
    [
      [
        at(text, '## Approval\n\nSigned again.', 'Approval'),
        DiagnosticSeverity.Error,
        `'Approval' appears twice: merge it into the one on line ${lineOf(APPROVED, '## Approval') + 1}.`,
      ],
    ],
  );
});

positive(
  'SD004',
  'a missing metadata field on the title',
  edit(APPROVED, '**Author**: Priya Raman\n', ''),
  ['1:0-1:80'],
  SPEC_SEVERITY.structure,
  'Add the missing **Author** field under the title.',
);

test('SD004 reports a missing field of a subsection on its heading', () => {
  const impact = edit(APPROVED, '- **Duration**: 47 minutes\n', '');
  assert.deepEqual(
    lintOnly(impact, 'SD004').map((d) => [where(d), d.message]),
    [[at(impact, '### Impact', 'Impact'), "Add the missing **Duration** field to 'Impact'."]],
  );
  const retro = edit(APPROVED, '**Expected Invariant Check Result**: FAIL\n', '');
  assert.deepEqual(
    lintOnly(retro, 'SD004').map((d) => [where(d), d.message]),
    [[at(retro, '### Retrospective Test', 'Retrospective Test'), "Add the missing **Expected Invariant Check Result** field to 'Retrospective Test'."]],
  );
});

{
  const text = edit(APPROVED, TECH_LEAD_ROW + '\n', '');
  positive(
    'SD005',
    'a missing approval row on the table header',
    text,
    [at(text, '| Role | Name | Date | Decision |')],
    SPEC_SEVERITY.structure,
    "Add a 'Tech Lead' row to the approval table.",
  );
}

{
  const text = edit(APPROVED, '**Severity**: High', '**Severity**: Severe');
  positive(
    'SD006',
    'a value outside the allowed set on the value',
    text,
    [at(text, '**Severity**: Severe', 'Severe')],
    SPEC_SEVERITY.structure,
    "Severity must be one of Critical, High, Medium or Low; found 'Severe'.",
  );
}

test('SD006 checks every closed value', () => {
  const cases: [string, string, string, string][] = [
    ['**Status**: Approved', '**Status**: Aproved', 'Aproved', "Status must be one of Draft, Under Review, Approved or Rejected; found 'Aproved'."],
    ['**Data Loss**: No', '**Data Loss**: Maybe', 'Maybe', "Data Loss must start with Yes or No; found 'Maybe'."],
    ['**Data Loss**: No', '**Data Loss**: Yes', 'Yes', 'Data Loss is Yes: describe what was lost after it (Yes: 2% of orders).'],
    [
      '**Reputation**: Customer-visible',
      '**Reputation**: Everyone',
      'Everyone',
      "Reputation must be one of Internal only, Customer-visible or Public incident; found 'Everyone'.",
    ],
    [
      '**Expected Invariant Check Result**: FAIL',
      '**Expected Invariant Check Result**: PASS',
      'PASS',
      "Expected Invariant Check Result must be FAIL; found 'PASS'.",
    ],
    [
      '| 2026-03-18 | Approved |',
      '| 2026-03-18 | Accepted |',
      'Accepted',
      "A Decision must be empty (not decided yet) or one of Proposed, Approved, Rejected or Changes Requested; found 'Accepted'.",
    ],
    [
      '- [x] Critical Data Protection',
      '- [x] Billing Safety',
      'Billing Safety',
      `'Billing Safety' is not a known category: check one of the listed ones, use 'Other: <name>', or add it to "categories" in .spec-delta.json.`,
    ],
  ];
  for (const [from, to, value, message] of cases) {
    const text = edit(APPROVED, from, to);
    const found = lintOnly(text, 'SD006');
    assert.deepEqual(
      found.map((d) => [where(d), d.severity, d.message]),
      [[at(text, to, value), DiagnosticSeverity.Error, message]],
      to,
    );
  }
});

test('a Status outside the closed set is an Error on the value, and every other finding is as for a Draft', () => {
  // Findings of every class: incompleteness, approval, rule-statement quality, order, hints.
  const defects = edits(
    APPROVED,
    ['**Author**: Priya Raman', '**Author**: [Name]'],
    ['- [x] False positive analysis is complete', '- [ ] False positive analysis is complete'],
    [STATEMENT, 'CheckoutService SHOULD compute totals in the order currency WHEN an order is priced'],
    ['| T+31m |', '| T+5m |'],
  );
  const text = move(defects, '## Approval', '## Post-Approval', '## Review Checklist');
  const asDraft = lint(withStatus(text, 'Draft'));
  assert.deepEqual(new Set(asDraft.map((d) => d.code)), new Set(['SD101', 'SD303', 'SD401', 'SD013']));
  for (const status of ['Done', 'approved', 'Approved!', 'Under review']) {
    const found = lint(withStatus(text, status));
    const invalid = found.filter((d) => d.code === 'SD006');
    const written = withStatus(text, status);
    assert.deepEqual(summary(invalid), [`SD006 ${at(written, `**Status**: ${status}`, status)} error`], status);
    assert.match(messageOf(invalid[0]!), /^Status must be one of Draft, Under Review, Approved or Rejected; found '/);
    assert.deepEqual(summary(found.filter((d) => d.code !== 'SD006')), summary(asDraft), status);
  }
});

test('SD006 accepts every allowed value', () => {
  const values: [string, string][] = [
    ['**Data Loss**: No', '**Data Loss**: Yes: 2% of carts lost their coupon'],
    ['**Data Loss**: No', '**Data Loss**: No - nothing was lost'],
    ['**Reputation**: Customer-visible', '**Reputation**: Public incident'],
    ['**Severity**: High', '**Severity**: Low'],
    ['- [x] Critical Data Protection\n', '- [ ] Critical Data Protection\n'],
  ];
  for (const [from, to] of values) assert.deepEqual(only(lint(edit(APPROVED, from, to)), 'SD006'), [], to);
  const other = edits(APPROVED, ['- [x] Critical Data Protection', '- [ ] Critical Data Protection'], ['- [ ] Other: ____________', '- [x] Other: Billing']);
  assert.deepEqual(only(lint(other), 'SD006'), []);
  const changes = edit(APPROVED, '| 2026-03-18 | Approved |', '| 2026-03-18 | Changes Requested |');
  assert.deepEqual(only(lint(changes), 'SD006'), []);
});

{
  const text = edit(APPROVED, '**Date**: 2026-03-14', '**Date**: 2026-02-30');
  positive(
    'SD007',
    'an impossible date on the value',
    text,
    [at(text, '2026-02-30')],
    SPEC_SEVERITY.structure,
    "Date '2026-02-30' is not a real calendar date: check the month and day.",
  );
}

test('SD007 reports malformed dates and approval dates', () => {
  const malformed = edit(APPROVED, '**Date**: 2026-03-14', '**Date**: 14/03/2026');
  assert.deepEqual(
    lintOnly(malformed, 'SD007').map((d) => [where(d), d.message]),
    [[at(malformed, '14/03/2026'), "Date must be written YYYY-MM-DD (such as 2026-03-14); found '14/03/2026'."]],
  );
  const approval = edit(APPROVED, TECH_LEAD_ROW, '| Tech Lead | Jonas Weber | 2026-13-18 | Approved |');
  assert.deepEqual(
    lintOnly(approval, 'SD007').map((d) => [where(d), d.message]),
    [[at(approval, '2026-13-18'), "The Tech Lead date '2026-13-18' is not a real calendar date: check the month and day."]],
  );
});

test('SD007 accepts leap days and rejects the ones that are not', () => {
  assert.deepEqual(only(lint(edit(APPROVED, '**Date**: 2026-03-14', '**Date**: 2024-02-29')), 'SD007'), []);
  assert.equal(only(lint(edit(APPROVED, '**Date**: 2026-03-14', '**Date**: 2100-02-29')), 'SD007').length, 1);
  assert.equal(only(lint(edit(APPROVED, '**Date**: 2026-03-14', '**Date**: 2026-04-31')), 'SD007').length, 1);
});

{
  const text = edit(APPROVED, '# Spec Delta: INVARIANT-042', '# Spec Delta: INVARIANT-42a');
  positive(
    'SD008',
    'a malformed id in the title on the id',
    text,
    [at(text, 'INVARIANT-42a')],
    SPEC_SEVERITY.structure,
    "'INVARIANT-42a' in the title is not a valid invariant id: write it like INVARIANT-042.",
  );
}

test('SD008 reports malformed ids in the Invariant ID section and in the text, and a title without id', () => {
  const section = edit(APPROVED, '`INVARIANT-042`', '`INVARIANT-4x2`');
  assert.deepEqual(
    lintOnly(section, 'SD008').map((d) => [where(d), d.message]),
    [[at(section, 'INVARIANT-4x2'), "'INVARIANT-4x2' is not a valid invariant id: write it like INVARIANT-042."]],
  );
  const reference = edit(APPROVED, 'INVARIANT-017 checks', 'INVARIANT-O17 checks');
  assert.deepEqual(
    lintOnly(reference, 'SD008').map((d) => [where(d), d.message]),
    [[at(reference, 'INVARIANT-O17'), "'INVARIANT-O17' is not a valid invariant id: write it like INVARIANT-042."]],
  );
  const untitled = edit(APPROVED, '# Spec Delta: INVARIANT-042 ', '# Spec Delta: ');
  assert.deepEqual(
    lintOnly(untitled, 'SD008').map((d) => [where(d), d.message]),
    [['1:0-1:66', 'Put the invariant id in the title: # Spec Delta: INVARIANT-042 <brief title>.']],
  );
});

test('SD008 reports a lower-case id with a number, and leaves prose such as invariant-check alone', () => {
  const mistyped = edit(APPROVED, 'INVARIANT-017 checks', 'invariant_17 checks');
  assert.deepEqual(lintOnly(mistyped, 'SD008').map(where), [at(mistyped, 'invariant_17')]);
  for (const prose of ['an invariant-check script', 'the Invariant-Based review', 'invariant_checks run nightly']) {
    assert.deepEqual(lintOnly(edit(APPROVED, 'INVARIANT-017 checks', `${prose}; INVARIANT-017 checks`), 'SD008'), [], prose);
  }
});

test('SD008 accepts the id followed by a colon or a dash in the title', () => {
  for (const title of ['# Spec Delta: INVARIANT-042: Checkout', '# Spec Delta: INVARIANT-042 - Checkout', '# Spec Delta: [INVARIANT-042] Checkout']) {
    assert.deepEqual(lint(edit(APPROVED, TITLE, title)), [], title);
  }
});

{
  const text = edit(APPROVED, TITLE, '# Checkout totals are computed in the order currency');
  positive(
    'SD009',
    'a document whose first heading is not a spec-delta title',
    text,
    [at(text, '# Checkout totals are computed in the order currency')],
    SPEC_SEVERITY.structure,
    'Start the document with the title # Spec Delta: <id> <brief title>.',
  );
}

test('SD009 reports a title at level 2, and nothing else', () => {
  const text = edit(APPROVED, TITLE, '#' + TITLE);
  assert.deepEqual(summary(lint(text)), ['SD009 1:0-1:81 error']);
  assert.equal(lintOnly(text, 'SD009')[0]!.message, 'Make the title a level-1 heading: # Spec Delta: <id> <brief title>.');
});

{
  const text = edit(APPROVED, '`INVARIANT-042`', '`INVARIANT-043`');
  positive(
    'SD010',
    'an Invariant ID that differs from the title on the section id',
    text,
    [at(text, 'INVARIANT-043')],
    SPEC_SEVERITY.structure,
    "The Invariant ID INVARIANT-043 differs from the title's INVARIANT-042: make them the same.",
  );
  test('SD010 points to the title', () => {
    const [d] = lintOnly(text, 'SD010');
    assert.deepEqual(
      d!.relatedInformation?.map((r) => [r.location.range, r.message]),
      [[{ start: { line: 0, character: 14 }, end: { line: 0, character: 27 } }, 'The title says INVARIANT-042']],
    );
  });
}

{
  const text = edit(APPROVED, '- [ ] Deployment Safety', '- [x] Deployment Safety');
  positive(
    'SD011',
    'each of two checked categories',
    text,
    [at(text, '- [x] Critical Data Protection'), at(text, '- [x] Deployment Safety')],
    SPEC_SEVERITY.structure,
    "Check only one Category: 'Critical Data Protection' and 'Deployment Safety' are both checked.",
  );
}

test('SD011 reports two enforcement levels, and not two complexities', () => {
  const text = edit(APPROVED, '- [ ] **Audit Only**', '- [X] **Audit Only**');
  assert.deepEqual(lintOnly(text, 'SD011').map(where), [
    at(text, '- [x] **Hard Block**: Deployment fails if violated'),
    at(text, '- [X] **Audit Only**: Logged for review, no blocking'),
  ]);
  assert.deepEqual(only(lint(edit(APPROVED, '- [ ] Cross-file analysis', '- [x] Cross-file analysis')), 'SD011'), []);
});

test('SD012 reports an id another spec delta defines, on the title id, under every status', () => {
  covered.add('SD012');
  for (const status of STATUSES) {
    const text = withStatus(APPROVED, status);
    const workspace = workspaceOf([{ uri: 'file:///test/doc.md', text }, { uri: 'file:///test/copy.md', text: APPROVED }, WITH_017]);
    const found = lintOnly(text, 'SD012', { workspace });
    assert.deepEqual(summary(found), ['SD012 1:14-1:27 error'], status);
    assert.equal(found[0]!.message, 'INVARIANT-042 is also defined in copy.md: give this spec delta the next free id.');
    assert.deepEqual(found[0]!.relatedInformation, [
      {
        location: { uri: 'file:///test/copy.md', range: { start: { line: 0, character: 14 }, end: { line: 0, character: 27 } } },
        message: 'INVARIANT-042 is defined here too',
      },
    ]);
  }
});

test('SD012 names the other file relative to the document, decoded, when the workspace does not say how', () => {
  const cases: [string, string][] = [
    ['file:///test/sub/INVARIANT%20042%20crlf.md', 'sub/INVARIANT 042 crlf.md'],
    ['file:///other/r%C3%A9sum%C3%A9.md', '../other/résumé.md'],
    ['file:///test/100%25.md', '100%.md'],
  ];
  for (const [uri, shown] of cases) {
    const workspace = workspaceOf([
      { uri: 'file:///test/doc.md', text: APPROVED },
      { uri, text: APPROVED },
    ]);
    const found = lintOnly(APPROVED, 'SD012', { workspace });
    assert.equal(found.map(messageOf).join(), `INVARIANT-042 is also defined in ${shown}: give this spec delta the next free id.`);
  }
});

test('SD012 and SD403 are skipped without a workspace', () => {
  assert.deepEqual(lint(APPROVED), []);
});

{
  const text = move(APPROVED, '### Rationale', '### Category', '### Rule Statement');
  positive(
    'SD013',
    'a subsection out of the template order on its name',
    text,
    [at(text, '### Rule Statement', 'Rule Statement')],
    SPEC_SEVERITY.order,
    "Put 'Rule Statement' after 'Invariant ID' in 'Proposed Invariant', where the template has it, so that readers find it where they expect it.",
  );
}

test('SD013 reports a section moved out of the template order once, saying where it belongs', () => {
  const approvalFirst = move(APPROVED, '## Approval', '## Post-Approval', '## Failure Description');
  assert.deepEqual(
    lintOnly(approvalFirst, 'SD013').map((d) => [where(d), d.severity, d.message]),
    [
      [
        at(approvalFirst, '## Approval', 'Approval'),
        DiagnosticSeverity.Warning,
        "Put 'Approval' after 'Review Checklist', where the template has it, so that readers find it where they expect it.",
      ],
    ],
  );
  const checklistLast = move(APPROVED, '## Review Checklist', '## Approval', '## Post-Approval');
  assert.deepEqual(
    lintOnly(checklistLast, 'SD013').map((d) => d.message),
    ["Put 'Review Checklist' after 'Validation', where the template has it, so that readers find it where they expect it."],
  );
  const monitoringFirst = move(APPROVED, '### Monitoring', undefined, '### Implementation PR');
  assert.deepEqual(
    lintOnly(monitoringFirst, 'SD013').map((d) => d.message),
    ["Put 'Monitoring' after 'Verification' in 'Post-Approval', where the template has it, so that readers find it where they expect it."],
  );
  // Only the order: nothing is moved, so no fix is offered.
  assert.equal(lintOnly(approvalFirst, 'SD013')[0]!.data, undefined);
});

test('SD013 lets sections the template does not name stand anywhere, and leaves repeats to SD003', () => {
  const extra = edits(
    APPROVED,
    ['## Failure Description', '## Summary\nOne paragraph for the busy reader.\n\n## Failure Description'],
    ['## Root Cause Analysis', '## Related Incidents\nINC-2291, INC-2304.\n\n### Notes\nSeen twice.\n\n## Root Cause Analysis'],
    ['### Rationale', '### Prior Art\nNone found.\n\n### Rationale'],
  );
  assert.deepEqual(lint(extra + '\n## Appendix\nRaw logs.\n'), []);
  const repeated = edit(APPROVED, '## Post-Approval', '## Validation\nAgain.\n\n## Post-Approval');
  assert.equal(only(lint(repeated), 'SD003').length, 1);
  assert.deepEqual(only(lint(repeated), 'SD013'), []);
});

// ---- incompleteness -------------------------------------------------------------------------

{
  const text = edit(APPROVED, '**Author**: Priya Raman', '**Author**: [Name]');
  positive(
    'SD101',
    'a placeholder on the placeholder',
    text,
    [at(text, '[Name]')],
    SPEC_SEVERITY.incompleteness,
    "Replace '[Name]' in Author: write who wrote this spec delta.",
  );
}

test('SD101 reports every kind of placeholder exactly', () => {
  const cases: [string, string, string, string][] = [
    ['$21,400 refunded', '$X', '$X', "Replace the placeholder '$X' with an amount."],
    ['**Duration**: 47 minutes', '**Duration**: X hours/days', 'X hours/days', "Replace 'X hours/days' in Duration: write how long the incident lasted."],
    [
      '**Data Loss**: No',
      '**Data Loss**: Yes/No',
      'Yes/No',
      "Replace 'Yes/No' in Data Loss: write whether data was lost: No, or Yes followed by what was lost.",
    ],
    ['**Users Affected**: 1,812 orders', '**Users Affected**: X', 'X', "Replace 'X' in Users Affected: write how many users were affected."],
    [
      '`Money.add` accepted',
      '[Describe the failure] `Money.add` accepted',
      '[Describe the failure]',
      "Replace the placeholder '[Describe the failure]' with a description.",
    ],
    ['Checkout totals are computed', '[Brief Title]', '[Brief Title]', "Replace the placeholder '[Brief Title]' with a brief title."],
    [
      '**Reputation**: Customer-visible',
      '**Reputation**: Internal only / Customer-visible / Public incident',
      'Internal only / Customer-visible / Public incident',
      'Choose the Reputation: one of Internal only, Customer-visible, Public incident.',
    ],
    [
      '| T+9m | First customer ticket about a wrong total |',
      '| T+X  | ... |',
      'T+X',
      "Replace the template's timeline entry 'T+X' with what happened and when.",
    ],
  ];
  for (const [from, to, placeholder, message] of cases) {
    const text = edit(APPROVED, from, to);
    const found = lintOnly(text, 'SD101');
    assert.equal(found[0]?.message, message, to);
    assert.equal(where(found[0]!), at(text, to, placeholder), to);
    assert.equal(found[0]!.severity, DiagnosticSeverity.Error, to);
  }
});

test('SD101 reports the rule-statement slots one by one and the templated Status as a choice', () => {
  const slots = edit(APPROVED, STATEMENT, '[COMPONENT] MUST [REQUIREMENT] WHEN [CONDITION]');
  assert.deepEqual(lintOnly(slots, 'SD101').map(where), ['59:0-59:11', '59:17-59:30', '59:36-59:47']);
  const status = withStatus(APPROVED, 'Draft | Under Review | Approved | Rejected');
  const found = lintOnly(status, 'SD101');
  assert.deepEqual(
    found.map((d) => [where(d), d.severity, d.message]),
    [['5:12-5:54', DiagnosticSeverity.Warning, 'Choose the Status: one of Draft, Under Review, Approved, Rejected.']],
  );
});

test('SD101 leaves the unchecked Other blank, amounts and words with X alone', () => {
  assert.deepEqual(only(lint(APPROVED), 'SD101'), []);
  const text = edits(APPROVED, ['$21,400 refunded', '$X1 refunded to XL customers'], ['**Duration**: 47 minutes', '**Duration**: 47 X-ray minutes']);
  assert.deepEqual(only(lint(text), 'SD101'), []);
});

{
  const text = edit(
    APPROVED,
    "`Money.add` accepted two amounts of different currencies and kept the first one's currency.\nThe new discount code path built line items with the shop currency instead of the order's.\n",
    '<!-- What was the actual technical failure? Be specific. -->\n',
  );
  positive(
    'SD102',
    'a section that holds only its guidance, on its heading',
    text,
    [at(text, '### Technical Root Cause', 'Technical Root Cause')],
    SPEC_SEVERITY.incompleteness,
    "Write the 'Technical Root Cause' section: the actual technical failure.",
  );
}

{
  const text = edit(
    APPROVED,
    "The check's pass and fail counts are on the pricing dashboard; a failure pages the pricing on-call.\n",
    "<!-- How will we track this invariant's effectiveness? -->\n",
  );
  positive(
    'SD102',
    'an empty Post-Approval section only once Approved',
    text,
    [at(text, '### Monitoring', 'Monitoring')],
    SPEC_SEVERITY.approvedOnly,
    "Write the 'Monitoring' section: how the invariant's effectiveness is tracked.",
  );
}

{
  const text = edit(APPROVED, '2. Integration tests only use USD orders.', '2.');
  positive(
    'SD103',
    'an empty numbered item on the item',
    text,
    [at(text, '2.\n3. The canary', '2.')],
    SPEC_SEVERITY.incompleteness,
    'Write item 2 of Contributing Factors, or delete the empty line.',
  );
}

test('SD103 names the field a list belongs to', () => {
  const text = edit(APPROVED, "2. Marketplace orders that settle in the seller's currency.", '2. ');
  assert.deepEqual(
    lintOnly(text, 'SD103').map((d) => [where(d), d.message]),
    [[at(text, '2. \n', '2.'), 'Write item 2 of Potential False Positives, or delete the empty line.']],
  );
});

{
  const text = edit(APPROVED, '- [x] Critical Data Protection', '- [ ] Critical Data Protection');
  positive(
    'SD104',
    'a group with nothing checked on its heading',
    text,
    [at(text, '### Category', 'Category')],
    SPEC_SEVERITY.incompleteness,
    'Check one Category.',
  );
}

test('SD104 asks for at least one Implementation Complexity', () => {
  const text = edit(APPROVED, '- [x] Runtime check needed', '- [ ] Runtime check needed');
  assert.deepEqual(
    lintOnly(text, 'SD104').map((d) => [where(d), d.message]),
    [[at(text, '### Implementation Complexity', 'Implementation Complexity'), 'Check at least one Implementation Complexity.']],
  );
});

{
  const text = edits(
    APPROVED,
    ['- [x] Critical Data Protection', '- [ ] Critical Data Protection'],
    ['- [ ] Other: ____________', '- [x] Other: ____________'],
  );
  positive(
    'SD105',
    'a checked Other without a name on the item',
    text,
    [at(text, '- [x] Other: ____________')],
    SPEC_SEVERITY.incompleteness,
    "Name the other category after 'Other:', or uncheck it.",
  );
}

test('SD105 accepts a named Other, with or without the blank', () => {
  for (const other of ['- [x] Other: Billing', '- [x] Other: __Billing__']) {
    const text = edits(APPROVED, ['- [x] Critical Data Protection', '- [ ] Critical Data Protection'], ['- [ ] Other: ____________', other]);
    assert.deepEqual(lint(text), [], other);
  }
});

{
  const text = edit(APPROVED, '**Author**: Priya Raman', '**Author**:');
  positive(
    'SD106',
    'an empty field at the end of its line',
    text,
    [pointAfter(text, '**Author**:')],
    SPEC_SEVERITY.incompleteness,
    'Fill in Author: who wrote this spec delta.',
  );
}

test('SD106 reports a prose field without prose on its name', () => {
  const text = edit(
    APPROVED,
    "The check runs in the pre-deploy contract suite; the EUR order's line items carry USD, so the\nsuite fails and the deploy stops.\n",
    '',
  );
  assert.deepEqual(
    lintOnly(text, 'SD106').map((d) => [where(d), d.message]),
    [
      [
        at(text, '**Why It Would Have Blocked**', 'Why It Would Have Blocked'),
        'Fill in Why It Would Have Blocked: how the check would have prevented the deployment or execution.',
      ],
    ],
  );
});

// ---- approval consistency -------------------------------------------------------------------

{
  const text = edit(APPROVED, '- [x] False positive analysis is complete', '- [ ] False positive analysis is complete');
  positive(
    'SD201',
    'an unchecked review item only when Approved',
    text,
    [at(text, '- [ ] False positive analysis is complete')],
    SPEC_SEVERITY.approvedOnly,
    'Status is Approved but this checklist item is unchecked: check it once it is true, or set Status back to Under Review.',
  );
}

{
  const text = edit(APPROVED, TECH_LEAD_ROW, '| Tech Lead | | 2026-03-18 | Approved |');
  positive(
    'SD202',
    "an approver's missing name in the empty cell",
    text,
    [pointAfter(text, '| Tech Lead | ')],
    SPEC_SEVERITY.approvedOnly,
    "Status is Approved: write the Tech Lead's name in the approval table.",
  );
}

test('SD202 reports a missing date and a decision other than Approved', () => {
  const noDate = edit(APPROVED, TECH_LEAD_ROW, '| Tech Lead | Jonas Weber | | Approved |');
  assert.deepEqual(
    lintOnly(noDate, 'SD202').map((d) => [where(d), d.message]),
    [[pointAfter(noDate, '| Jonas Weber | '), "Status is Approved: write the date of the Tech Lead's decision (YYYY-MM-DD)."]],
  );
  const changes = edit(APPROVED, '| 2026-03-19 | Approved |', '| 2026-03-19 | Changes Requested |');
  assert.deepEqual(
    lintOnly(changes, 'SD202').map((d) => [where(d), d.message]),
    [[at(changes, 'Changes Requested'), "Status is Approved, so the Platform Owner's decision must be Approved (found 'Changes Requested')."]],
  );
  const undecided = edit(APPROVED, '| 2026-03-19 | Approved |', '| 2026-03-19 | |');
  assert.deepEqual(
    lintOnly(undecided, 'SD202').map((d) => [where(d), d.message]),
    [[pointAfter(undecided, '| 2026-03-19 | '), "Status is Approved, so the Platform Owner's decision must be Approved."]],
  );
});

{
  const text = edit(APPROVED, TECH_LEAD_ROW, '| Tech Lead | Jonas Weber | 2026-03-10 | Approved |');
  positive(
    'SD203',
    'an approval date before the document date on the cell',
    text,
    [at(text, '2026-03-10')],
    SPEC_SEVERITY.approval,
    "The Tech Lead date 2026-03-10 is before the document's Date 2026-03-14: correct one of them.",
  );
}

{
  const text = edit(APPROVED, 'https://git.example.com/shop/pricing-service/pull/2291', 'pull request 2291');
  positive(
    'SD204',
    'an Implementation PR without a link on its heading',
    text,
    [at(text, '### Implementation PR', 'Implementation PR')],
    SPEC_SEVERITY.approvedOnly,
    'Status is Approved: link the pull request that implements the invariant under Implementation PR.',
  );
}

test('SD204 finds the pull request where the catalogue and the document links find it: under a misnamed Post-Approval too', () => {
  // SD001 reports the misnamed heading; its Implementation PR subsection still holds the link.
  const text = edit(APPROVED, '## Post-Approval', '## Post Approval Steps');
  assert.equal(lintOnly(text, 'SD001').length, 1, 'the misnamed section is reported');
  assert.equal(implementationPrLinks(parseDocument(text, 'file:///a.md', 0)).length, 1, 'the catalogue finds the link');
  assert.deepEqual(summary(lintOnly(text, 'SD204')), []);
  const unlinked = edit(text, 'https://git.example.com/shop/pricing-service/pull/2291', 'pull request 2291');
  assert.equal(lintOnly(unlinked, 'SD204').length, 1, 'without the link it is still reported');
});

test('SD205 reports a Rejected document without a Rejected decision on its Status, as a warning', () => {
  for (const status of STATUSES) {
    const found = lintOnly(withStatus(APPROVED, status), 'SD205');
    assert.deepEqual(summary(found), status === 'Rejected' ? ['SD205 5:12-5:20 warning'] : [], status);
  }
  assert.equal(
    lintOnly(withStatus(APPROVED, 'Rejected'), 'SD205')[0]!.message,
    'Status is Rejected but no approver decided Rejected: record the decision in the approval table.',
  );
  const decided = withStatus(edit(APPROVED, '| 2026-03-19 | Approved |', '| 2026-03-19 | Rejected |'), 'Rejected');
  assert.deepEqual(lint(decided), []);
});

{
  const text = edit(APPROVED, '| Platform Owner | Ama Mensah |', '| Platform Owner | @priya  raman |');
  positive(
    'SD206',
    "an approver who is the Author (any case, spacing or @) on the approver's name",
    text,
    [at(text, '| @priya  raman |', '@priya  raman')],
    SPEC_SEVERITY.approval,
    'The Platform Owner who approved is the Author (@priya  raman): record the decision of another team member as Platform Owner.',
  );
}

test('SD206 also knows the Author by the approval table, and leaves other decisions and other people alone', () => {
  // The Author field renamed: the approval table's Author row still names the author.
  const byRow = edits(APPROVED, ['**Author**: Priya Raman', '**Author**: P. Raman'], ['| Tech Lead | Jonas Weber |', '| Tech Lead | Priya Raman |']);
  assert.deepEqual(summary(lintOnly(byRow, 'SD206')), [`SD206 ${at(byRow, '| Tech Lead | Priya Raman |', 'Priya Raman')} error`]);
  // Not an approval: the author may request changes on their own draft.
  assert.deepEqual(lintOnly(edit(byRow, '| Priya Raman | 2026-03-18 | Approved |', '| Priya Raman | 2026-03-18 | Changes Requested |'), 'SD206'), []);
  // The Author row itself, and an approver who is someone else, are not self-approvals.
  assert.deepEqual(lintOnly(APPROVED, 'SD206'), []);
  // No author named at all: nothing to compare with.
  const anonymous = edits(APPROVED, ['**Author**: Priya Raman', '**Author**: '], ['| Author | Priya Raman |', '| Author | |']);
  assert.deepEqual(lintOnly(anonymous, 'SD206'), []);
});

test("SD202 and SD206 read an approver's role as the template does (any case or spacing) and name it as the template does", () => {
  // Before, SD206 matched `tech  lead` as an approver while SD202 skipped the row, so its missing date went unreported.
  const spaced = edit(APPROVED, TECH_LEAD_ROW, '| tech  lead | Jonas Weber | | Approved |');
  assert.deepEqual(
    lintOnly(spaced, 'SD202').map((d) => [where(d), d.message]),
    [[pointAfter(spaced, '| Jonas Weber | '), "Status is Approved: write the date of the Tech Lead's decision (YYYY-MM-DD)."]],
  );
  const selfApproved = edit(APPROVED, TECH_LEAD_ROW, '| tech  lead | Priya Raman | 2026-03-18 | Approved |');
  assert.deepEqual(
    lintOnly(selfApproved, 'SD206').map((d) => d.message),
    ['The Tech Lead who approved is the Author (Priya Raman): record the decision of another team member as Tech Lead.'],
  );
  // A role the template does not have is nobody's approval.
  assert.deepEqual(lintOnly(edit(APPROVED, TECH_LEAD_ROW, '| @Tech Lead | Priya Raman | 2026-03-18 | Approved |'), 'SD206'), []);
});

// ---- rule-statement quality -----------------------------------------------------------------

{
  const text = edit(APPROVED, STATEMENT, 'CheckoutService MUST compute every order total in one currency');
  positive(
    'SD301',
    'a rule statement without WHEN on the statement',
    text,
    [at(text, 'CheckoutService MUST compute every order total in one currency')],
    SPEC_SEVERITY.quality,
    'Add WHEN and the condition under which the rule holds, so that it can be tested.',
  );
}

test('SD301 reports a missing MUST, component and condition', () => {
  const cases: [string, string, string][] = [
    [
      'CheckoutService computes totals WHEN an order is priced',
      'CheckoutService computes totals WHEN an order is priced',
      'Say what MUST (or MUST NOT) hold: COMPONENT MUST REQUIREMENT WHEN CONDITION.',
    ],
    ['MUST compute totals WHEN an order is priced', 'MUST', 'Name the component before MUST: COMPONENT MUST REQUIREMENT WHEN CONDITION.'],
    ['CheckoutService MUST compute totals WHEN', 'WHEN', 'Write the condition after WHEN.'],
  ];
  for (const [statement, where_, message] of cases) {
    const text = edit(APPROVED, STATEMENT, statement);
    const found = lintOnly(text, 'SD301');
    assert.deepEqual(
      found.map((d) => [where(d), d.severity, d.message]),
      [[at(text, statement, where_), DiagnosticSeverity.Warning, message]],
      statement,
    );
  }
});

test('SD301 leaves the templated statement (slots) and MUST NOT alone', () => {
  assert.deepEqual(only(lint(TEMPLATE), 'SD301'), []);
  assert.deepEqual(lint(edit(APPROVED, STATEMENT, 'CheckoutService MUST NOT mix currencies in a total WHEN an order is priced')), []);
});

{
  const text = edit(APPROVED, STATEMENT, 'CheckoutService MUST quickly compute totals as needed WHEN an order is priced');
  positive(
    'SD302',
    'each vague word on the word',
    text,
    [at(text, 'quickly'), at(text, 'as needed')],
    SPEC_SEVERITY.quality,
    "'quickly' is vague: say what can be checked instead (a limit, a value, a time).",
  );
}

test('SD302 finds vague words on every line of the statement, and not inside other words', () => {
  const text = edit(APPROVED, STATEMENT, 'CheckoutService MUST compute totals\nProperly WHEN an order is priced');
  assert.deepEqual(lintOnly(text, 'SD302').map(where), [at(text, 'Properly')]);
  assert.deepEqual(lint(edit(APPROVED, STATEMENT, 'CheckoutService MUST check robustness and correctness WHEN an order is priced')), []);
});

{
  const text = edit(APPROVED, STATEMENT, 'CheckoutService SHOULD compute totals in the order currency WHEN an order is priced');
  positive('SD303', 'SHOULD on the modal', text, [at(text, 'SHOULD')], SPEC_SEVERITY.quality, 'An invariant always holds: write MUST instead of SHOULD.');
}

test('SD303 suggests MUST NOT for SHOULD NOT and MUST for MAY', () => {
  const shouldNot = edit(APPROVED, STATEMENT, 'CheckoutService SHOULD NOT mix currencies WHEN an order is priced');
  assert.deepEqual(
    lintOnly(shouldNot, 'SD303').map((d) => [where(d), d.message]),
    [[at(shouldNot, 'SHOULD NOT'), 'An invariant always holds: write MUST NOT instead of SHOULD NOT.']],
  );
  const may = edit(APPROVED, STATEMENT, 'CheckoutService MAY compute totals WHEN an order is priced');
  assert.deepEqual(
    lintOnly(may, 'SD303').map((d) => [where(d), d.message]),
    [[at(may, 'MAY'), 'An invariant always holds: write MUST instead of MAY.']],
  );
});

{
  const statement = "CheckoutService must compute every order total in the order's currency when an order is priced";
  const text = edit(APPROVED, STATEMENT, statement);
  positive(
    'SD304',
    'lowercase must and when, each on the word',
    text,
    [at(text, statement, 'must'), at(text, statement, 'when')],
    SPEC_SEVERITY.quality,
    "Write 'must' in capitals, MUST: the rule statement's keywords are MUST, MUST NOT and WHEN.",
  );
}

test('SD304 is the only finding for a lowercase keyword, and its fix writes just the capitals', () => {
  const statement = 'CheckoutService Must not mix currencies in a total When an order is priced';
  const text = edit(APPROVED, STATEMENT, statement);
  const found = lint(text);
  assert.deepEqual(
    found.map((d) => [d.code, where(d), d.message]),
    [
      ['SD304', at(text, statement, 'Must not'), "Write 'Must not' in capitals, MUST NOT: the rule statement's keywords are MUST, MUST NOT and WHEN."],
      ['SD304', at(text, statement, 'When'), "Write 'When' in capitals, WHEN: the rule statement's keywords are MUST, MUST NOT and WHEN."],
    ],
  );
  const fixed = applyEdits(
    text,
    found.flatMap((d) => fixesOf(d).flatMap((f) => f.edits)),
  );
  assert.equal(fixed, edit(APPROVED, STATEMENT, 'CheckoutService MUST NOT mix currencies in a total WHEN an order is priced'));
  assert.deepEqual(lint(fixed), []);
  assert.ok(
    found.every((d) => fixesOf(d).every((f) => !f.insertOnly)),
    'it replaces what was written: editor only, never --fix',
  );
});

test('SD304 leaves lowercase words alone where the capitals are there, and the templated statement', () => {
  const prose = edit(APPROVED, STATEMENT, 'CheckoutService MUST retry when the queue is full and say what it must do WHEN an order is priced');
  assert.deepEqual(only(lint(prose), 'SD304'), []);
  assert.deepEqual(only(lint(TEMPLATE), 'SD304'), []);
  // Without any WHEN, SD301 still asks for one; a word that merely contains 'must' is no keyword.
  const noWhen = edit(APPROVED, STATEMENT, 'CheckoutService MUST keep mustard out of totals');
  assert.deepEqual(
    lint(noWhen).map((d) => d.code),
    ['SD301'],
  );
});

// ---- hints ----------------------------------------------------------------------------------

{
  const text = edit(APPROVED, '| T+31m |', '| T+5m |');
  positive(
    'SD401',
    'a timeline row earlier than the one above it, on its time',
    text,
    [at(text, 'T+5m')],
    SPEC_SEVERITY.hint,
    'T+5m comes before T+9m above it: put the timeline in time order.',
  );
}

test('SD401 compares offsets in any unit and clock times, and accepts equal times', () => {
  const hours = edit(APPROVED, '| T+31m |', '| T+1h |');
  assert.deepEqual(lintOnly(hours, 'SD401').map(where), [at(hours, 'T+47m')]);
  const clock = edits(APPROVED, ['| T+0  |', '| 14:05 |'], ['| T+9m |', '| 14:14 |'], ['| T+31m |', '| 14:02 |'], ['| T+47m |', '| 14:52 |']);
  assert.deepEqual(lintOnly(clock, 'SD401').map(where), [at(clock, '14:02')]);
  assert.deepEqual(lint(edit(APPROVED, '| T+31m |', '| T+9m |')), []);
});

{
  const text = edits(
    APPROVED,
    ['**Severity**: High', '**Severity**: Critical'],
    ['- [x] **Hard Block**', '- [ ] **Hard Block**'],
    ['- [ ] **Audit Only**', '- [x] **Audit Only**'],
  );
  positive(
    'SD402',
    'Critical severity with Audit Only on the label',
    text,
    [at(text, 'Audit Only')],
    SPEC_SEVERITY.hint,
    'Severity is Critical but enforcement is Audit Only: consider Hard Block or Soft Warning, or say in the Rationale why auditing is enough.',
  );
}

test('SD402 accepts Critical with Hard Block', () => {
  assert.deepEqual(lint(edit(APPROVED, '**Severity**: High', '**Severity**: Critical')), []);
});

{
  const text = edit(APPROVED, '**Severity**: High', '**Severity:** High');
  positive(
    'SD404',
    'a field with the colon inside the bold',
    text,
    [at(text, '**Severity:**')],
    SPEC_SEVERITY.hint,
    'Write the field as the template does: **Severity**: (the colon after the bold).',
  );
}

test('SD404 leaves the template form, fields the template does not have and prose alone', () => {
  assert.deepEqual(only(lint(APPROVED), 'SD404'), []);
  const prose = edit(APPROVED, '**Scenario**: pricing-service', '**Note:** see below.\n\n**Scenario**: pricing-service');
  assert.deepEqual(only(lint(prose), 'SD404'), []);
});

test('SD403 reports a reference no document defines, on the reference, under every status', () => {
  covered.add('SD403');
  for (const status of STATUSES) {
    const text = withStatus(APPROVED, status);
    const found = lintOnly(text, 'SD403', { workspace: workspaceOf([{ uri: 'file:///test/doc.md', text }]) });
    assert.deepEqual(summary(found), ['SD403 46:0-46:13 information'], status);
    assert.equal(found[0]!.message, 'No spec delta in the workspace defines INVARIANT-017: check the number.');
  }
});

// ---- the whole document and every diagnostic ------------------------------------------------

test('the Approved example reports nothing but its reference to the undefined INVARIANT-017', () => {
  assert.deepEqual(lint(APPROVED), []);
  const self = { uri: 'file:///test/doc.md', text: APPROVED };
  assert.deepEqual(summary(lint(APPROVED, { workspace: workspaceOf([self]) })), ['SD403 46:0-46:13 information']);
  assert.deepEqual(lint(APPROVED, { workspace: workspaceOf([self, WITH_017]) }), []);
});

for (const rule of RULES) {
  test(`${rule.code} (${rule.name}) reports nothing on the Approved example under any status`, () => {
    const workspace = workspaceOf([{ uri: 'file:///test/doc.md', text: APPROVED }, WITH_017]);
    for (const status of STATUSES) {
      const text = withStatus(APPROVED, status);
      const expected = rule.code === 'SD205' && status === 'Rejected' ? 1 : 0;
      assert.equal(only(lint(text, { workspace }), rule.code).length, expected, status);
    }
  });
}

test('every rule of the registry has a positive test', () => {
  assert.deepEqual([...covered].sort(), RULES.map((r) => r.code).sort());
});

test('codes are unique, and every rule has a name and a description', () => {
  assert.equal(new Set(RULES.map((r) => r.code)).size, RULES.length);
  assert.equal(new Set(RULES.map((r) => r.name)).size, RULES.length);
  for (const rule of RULES) {
    assert.match(rule.code, /^SD\d{3}$/);
    assert.match(rule.name, /^[a-z]+(?:-[a-z]+)*$/);
    assert.ok(rule.description.length > 10, rule.code);
  }
});

test('every diagnostic has a code, the source, a documentation link and a one-line message that says what to do', () => {
  assert.ok(seen.length > 50);
  assert.deepEqual(new Set(seen.map((d) => d.code)), covered);
  for (const d of seen) {
    assert.equal(typeof d.code, 'string');
    assert.equal(d.source, SOURCE);
    assert.equal(SOURCE, 'spec-delta');
    assert.ok(d.codeDescription?.href.startsWith(DOCS_BASE_URL), d.codeDescription?.href);
    assert.ok(d.codeDescription!.href.endsWith(`docs/rules/${d.code}.md`), d.codeDescription!.href);
    const message = messageOf(d);
    assert.ok(!/[\r\n]/.test(message), message);
    assert.match(message, /^[A-Z0-9'].*[.]$/, message);
    // The part after the colon (or the sentence itself) tells what to write, add, check or change.
    assert.match(
      message,
      /\b(Add|add|Write|write|Replace|replace|Fill in|Check|check|Choose|Name|Put|Start|Make|make|merge|give|correct|link|record|Say|consider|describe|put|uncheck|say)\b|must (be|start)/,
      message,
    );
  }
});

test('the configuration can silence a rule, or change its severity, by code or by name', () => {
  const text = edit(APPROVED, '**Author**: Priya Raman', '**Author**: [Name]');
  const config = (rules: Record<string, 'off' | 'error' | 'warning' | 'information' | 'hint' | 'default'>) => ({
    config: resolveConfig({ ...DEFAULT_CONFIG, rules }, 'doc.md'),
  });
  assert.deepEqual(summary(only(lint(text, config({ SD101: 'off' })), 'SD101')), []);
  assert.deepEqual(summary(only(lint(text, config({ placeholder: 'hint' })), 'SD101')), ['SD101 4:12-4:18 hint']);
  assert.deepEqual(summary(only(lint(withStatus(text, 'Draft'), config({ SD101: 'default' })), 'SD101')), ['SD101 4:12-4:18 warning']);
  // A configured severity does not make an approval rule apply before approval.
  const unchecked = withStatus(edit(APPROVED, '- [x] False positive analysis is complete', '- [ ] False positive analysis is complete'), 'Draft');
  assert.deepEqual(only(lint(unchecked, config({ SD201: 'error' })), 'SD201'), []);
});
