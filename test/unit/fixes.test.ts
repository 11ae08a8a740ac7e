import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import type { Diagnostic } from 'vscode-languageserver-types';
import { applyEdits, mergeInsertions } from '../../server/src/core/fixes';
import { fixesOf } from '../../server/src/core/languageService';
import { parseSpecDelta } from '../../server/src/core/parser';
import type { Fix } from '../../server/src/core/rule';
import { APPROVAL_TABLE, SECTIONS } from '../../server/src/core/template';
import { APPROVED, TEMPLATE } from '../support/fixtures';
import { edit, cut, edits } from '../support/textEdits';
import { lint, only } from '../support/diagnostics';

/**
 * The fixes rules attach to their findings: applied with applyEdits they give exactly the text
 * the template would have, touch nothing else, and the finding is gone afterwards.
 */

const TECH_LEAD_ROW = '| Tech Lead | Jonas Weber | 2026-03-18 | Approved |\n';
const MONITORING = "### Monitoring\nThe check's pass and fail counts are on the pricing dashboard; a failure pages the pricing on-call.\n";

/** The template's own text from `from` up to `to` (excluded). */
function templatePart(from: string, to?: string): string {
  const start = TEMPLATE.indexOf(from);
  assert.ok(start !== -1);
  return TEMPLATE.slice(start, to === undefined ? TEMPLATE.length : TEMPLATE.indexOf(to, start));
}

function crlf(text: string): string {
  return text.replace(/\r?\n/g, '\r\n');
}

/** The fixes of the one diagnostic of `code` the text reports. */
function fixesFor(text: string, code: string): readonly Fix[] {
  const found = only(lint(text), code);
  assert.equal(found.length, 1, `one ${code} in the fixture`);
  return fixesOf(found[0]!);
}

/** Applies the fix of that title (the preferred one when no title is given) of the only `code` finding. */
function applyFix(text: string, code: string, title?: string): string {
  const fixes = fixesFor(text, code);
  const fix = title === undefined ? fixes.find((f) => f.preferred) : fixes.find((f) => f.title === title);
  assert.ok(fix, `a fix '${title ?? 'preferred'}' among ${fixes.map((f) => f.title).join(', ')}`);
  return applyEdits(text, fix.edits);
}

/** Applies every insert-only fix of every finding at once, as Insert Missing Sections and `lint --fix` do. */
function insertMissing(text: string): string {
  return applyEdits(text, mergeInsertions(lint(text).flatMap(fixesOf)));
}

/** Every line of `original` is in `result`, in the same order. */
function assertKeepsLines(original: string, result: string): void {
  const lines = result.split(/\r?\n/);
  let i = 0;
  for (const line of original.split(/\r?\n/)) {
    while (i < lines.length && lines[i] !== line) i++;
    assert.ok(i < lines.length, `the line '${line}' is still there, in order`);
    i++;
  }
}

// ---- the structure fixes insert the template's own text -------------------------------------

test('SD001 inserts a missing section before the section that follows it', () => {
  const text = cut(APPROVED, '## Validation', '## Review Checklist');
  const expected = edit(text, '## Review Checklist', templatePart('## Validation', '## Review Checklist') + '## Review Checklist');
  const fix = fixesFor(text, 'SD001')[0]!;
  assert.equal(fix.title, "Insert the missing 'Validation' section");
  assert.equal(fix.insertOnly, true);
  assert.equal(fix.preferred, true);
  assert.equal(applyFix(text, 'SD001'), expected);
  assert.deepEqual(only(lint(expected), 'SD001'), []);
  assert.equal(applyFix(crlf(text), 'SD001'), crlf(expected));
});

test('SD001 appends a missing last section after the last one, with or without a final newline or rule', () => {
  const post = templatePart('## Post-Approval');
  // The document ends with a rule: the inserted section keeps one after it, as the document had.
  const withNewline = cut(APPROVED, '## Post-Approval');
  assert.equal(applyFix(withNewline, 'SD001'), withNewline + post + '\n---\n\n');
  const content = cut(APPROVED, '\n---\n\n## Post-Approval');
  assert.equal(applyFix(content, 'SD001'), content + '\n---\n\n' + post);
  const noNewline = content.trimEnd();
  assert.equal(applyFix(noNewline, 'SD001'), noNewline + '\n\n---\n\n' + post);
  assert.equal(applyFix(crlf(content), 'SD001'), crlf(content + '\n---\n\n' + post));
  for (const t of [withNewline, content, noNewline]) assert.deepEqual(only(lint(applyFix(t, 'SD001')), 'SD001'), []);
});

test('SD002 inserts a missing subsection where the template puts it', () => {
  const last = cut(APPROVED, MONITORING);
  const fixed = applyFix(last, 'SD002');
  assert.equal(fixed, edit(last, 'as expected.\n', "as expected.\n\n### Monitoring\n<!-- How will we track this invariant's effectiveness? -->\n"));
  assert.deepEqual(only(lint(fixed), 'SD002'), []);

  const middle = cut(APPROVED, '### Timeline', '### Impact');
  assert.equal(applyFix(middle, 'SD002'), edit(middle, '### Impact', templatePart('### Timeline', '### Impact') + '### Impact'));
  assert.equal(applyFix(crlf(middle), 'SD002'), crlf(edit(middle, '### Impact', templatePart('### Timeline', '### Impact') + '### Impact')));
});

test('SD004 inserts a missing field next to its neighbours, in template order', () => {
  const author = edit(APPROVED, '**Author**: Priya Raman\n', '');
  assert.equal(applyFix(author, 'SD004'), edit(APPROVED, '**Author**: Priya Raman', '**Author**: [Name]'));
  const date = edit(APPROVED, '**Date**: 2026-03-14\n', '');
  assert.equal(applyFix(date, 'SD004'), edit(APPROVED, '**Date**: 2026-03-14', '**Date**: YYYY-MM-DD'));
  const duration = edit(APPROVED, '- **Duration**: 47 minutes\n', '');
  assert.equal(applyFix(duration, 'SD004'), edit(APPROVED, '- **Duration**: 47 minutes', '- **Duration**: X hours/days'));
  const reputation = edit(APPROVED, '- **Reputation**: Customer-visible\n', '');
  assert.equal(
    applyFix(reputation, 'SD004'),
    edit(APPROVED, '- **Reputation**: Customer-visible', '- **Reputation**: Internal only / Customer-visible / Public incident'),
  );
  for (const t of [author, date, duration, reputation]) assert.deepEqual(only(lint(applyFix(t, 'SD004')), 'SD004'), []);
});

test('SD004 keeps the blank line between fields the template writes apart', () => {
  const expected = edit(APPROVED, '**Expected Invariant Check Result**: FAIL\n\n', '');
  assert.equal(applyFix(expected, 'SD004'), APPROVED);
  const scenario = edit(APPROVED, '**Scenario**: pricing-service 4.12 with a EUR order and a discount code, shop currency USD.\n\n', '');
  assert.equal(
    applyFix(scenario, 'SD004'),
    edit(
      APPROVED,
      'pricing-service 4.12 with a EUR order and a discount code, shop currency USD.',
      '[Describe the exact state that existed before the incident]',
    ),
  );
  assert.equal(applyFix(crlf(expected), 'SD004'), crlf(APPROVED));
});

test('SD004 inserts all the metadata under the title, one field a line', () => {
  const text = cut(APPROVED, '**Date**', '---');
  const fixed = insertMissing(text);
  assert.equal(
    fixed,
    edit(APPROVED, '**Date**: 2026-03-14\n**Author**: Priya Raman\n**Status**: Approved\n**Severity**: High', templatePart('**Date**', '\n\n---')),
  );
  assert.equal(insertMissing(crlf(text)), crlf(fixed));
});

test('SD005 inserts a missing approval row in template order', () => {
  const techLead = edit(APPROVED, TECH_LEAD_ROW, '');
  const fix = fixesFor(techLead, 'SD005')[0]!;
  assert.equal(fix.title, "Insert the 'Tech Lead' row");
  assert.equal(fix.insertOnly, true);
  assert.equal(applyEdits(techLead, fix.edits), edit(APPROVED, TECH_LEAD_ROW, '| Tech Lead | | | |\n'));
  assert.deepEqual(only(lint(applyEdits(techLead, fix.edits)), 'SD005'), []);

  const author = edit(APPROVED, '| Author | Priya Raman | 2026-03-16 | Proposed |\n', '');
  assert.equal(applyFix(author, 'SD005'), edit(APPROVED, '| Author | Priya Raman | 2026-03-16 | Proposed |', '| Author | | | Proposed |'));

  const both = cut(APPROVED, '| Tech Lead', '\n---\n\n## Post-Approval');
  const fixed = insertMissing(both);
  assert.equal(fixed, edit(both, '| Proposed |', '| Proposed |\n| Tech Lead | | | |\n| Platform Owner | | | |'));
  assert.equal(insertMissing(crlf(both)), crlf(fixed));
});

// ---- the value fixes replace only the value ---------------------------------------------------

test('SD006 offers every allowed value and prefers the closest one', () => {
  const text = edit(APPROVED, '**Severity**: High', '**Severity**: high');
  assert.deepEqual(
    fixesFor(text, 'SD006').map((f) => [f.title, f.preferred, f.insertOnly]),
    [
      ["Replace with 'Critical'", false, false],
      ["Replace with 'High'", true, false],
      ["Replace with 'Medium'", false, false],
      ["Replace with 'Low'", false, false],
    ],
  );
  assert.equal(applyFix(text, 'SD006'), APPROVED);
  assert.equal(applyFix(text, 'SD006', "Replace with 'Low'"), edit(APPROVED, '**Severity**: High', '**Severity**: Low'));
  assert.equal(applyFix(edit(APPROVED, '**Status**: Approved', '**Status**: Aproved'), 'SD006'), APPROVED);
  assert.equal(applyFix(edit(APPROVED, '| 2026-03-18 | Approved |', '| 2026-03-18 | approved |'), 'SD006'), APPROVED);
  assert.equal(applyFix(edit(APPROVED, '**Expected Invariant Check Result**: FAIL', '**Expected Invariant Check Result**: PASS'), 'SD006'), APPROVED);
  assert.equal(applyFix(edit(APPROVED, '**Data Loss**: No', '**Data Loss**: Maybe'), 'SD006', "Replace with 'No'"), APPROVED);
  assert.deepEqual(only(lint(applyFix(text, 'SD006')), 'SD006'), []);
});

test('SD010 makes the ids the same either way', () => {
  const text = edit(APPROVED, '`INVARIANT-042`', '`INVARIANT-043`');
  assert.deepEqual(
    fixesFor(text, 'SD010').map((f) => [f.title, f.preferred]),
    [
      ['Change the Invariant ID to INVARIANT-042', true],
      ["Change the title's id to INVARIANT-043", false],
    ],
  );
  assert.equal(applyFix(text, 'SD010'), APPROVED);
  const title = applyFix(text, 'SD010', "Change the title's id to INVARIANT-043");
  assert.equal(title, APPROVED.replaceAll('INVARIANT-042', 'INVARIANT-043'));
  assert.deepEqual(lint(title), []);
});

test('SD011 keeps one checked item and unchecks the others, box only', () => {
  const text = edits(APPROVED, ['- [ ] Deployment Safety', '- [x] Deployment Safety'], ['- [ ] API Contracts', '- [X] API Contracts']);
  const found = only(lint(text), 'SD011');
  assert.equal(found.length, 3);
  const keep = fixesOf(found[0]!)[0]!;
  assert.equal(keep.title, "Keep only 'Critical Data Protection' checked");
  assert.equal(applyEdits(text, keep.edits), APPROVED);
  const keepApi = fixesOf(found[2]!)[0]!;
  assert.equal(
    applyEdits(text, keepApi.edits),
    edits(APPROVED, ['- [x] Critical Data Protection', '- [ ] Critical Data Protection'], ['- [ ] API Contracts', '- [X] API Contracts']),
  );
});

test('SD101 and SD106 offer the allowed values of a templated or empty choice', () => {
  const templated = edit(APPROVED, '**Severity**: High', '**Severity**: Critical | High | Medium | Low');
  assert.deepEqual(
    fixesFor(templated, 'SD101').map((f) => f.title),
    ["Set to 'Critical'", "Set to 'High'", "Set to 'Medium'", "Set to 'Low'"],
  );
  assert.equal(applyFix(templated, 'SD101', "Set to 'High'"), APPROVED);
  const status = edit(APPROVED, '**Status**: Approved', '**Status**: Draft | Under Review | Approved | Rejected');
  assert.equal(applyFix(status, 'SD101', "Set to 'Approved'"), APPROVED);
  const empty = edit(APPROVED, '**Severity**: High', '**Severity**:');
  assert.equal(applyFix(empty, 'SD106', "Set to 'High'"), APPROVED);
  const emptyWithSpace = edit(APPROVED, '**Reputation**: Customer-visible', '**Reputation**: ');
  assert.equal(applyFix(emptyWithSpace, 'SD106', "Set to 'Customer-visible'"), APPROVED);
});

test('SD303 replaces the weak modal with MUST or MUST NOT', () => {
  const should = edit(APPROVED, 'CheckoutService MUST compute', 'CheckoutService SHOULD compute');
  assert.deepEqual(
    fixesFor(should, 'SD303').map((f) => [f.title, f.preferred]),
    [['Replace with MUST', true]],
  );
  assert.equal(applyFix(should, 'SD303'), APPROVED);
  const shouldNot = edit(APPROVED, 'CheckoutService MUST compute', 'CheckoutService SHOULD NOT compute');
  assert.equal(applyFix(shouldNot, 'SD303'), edit(APPROVED, 'CheckoutService MUST compute', 'CheckoutService MUST NOT compute'));
});

test('every fix only inserts, or replaces exactly the range of its finding or a checkbox', () => {
  const texts = [
    TEMPLATE,
    cut(APPROVED, '## Validation', '## Review Checklist'),
    edits(APPROVED, ['**Author**: Priya Raman\n', ''], [TECH_LEAD_ROW, ''], ['**Severity**: High', '**Severity**: high']),
    edits(APPROVED, ['- [ ] Deployment Safety', '- [x] Deployment Safety'], ['`INVARIANT-042`', '`INVARIANT-043`'], ['MUST compute', 'MAY compute']),
  ];
  const diagnostics: Diagnostic[] = texts.flatMap((t) => lint(t));
  let count = 0;
  for (const d of diagnostics) {
    for (const fix of fixesOf(d)) {
      count++;
      for (const e of fix.edits) {
        const empty = e.range.start.line === e.range.end.line && e.range.start.character === e.range.end.character;
        if (fix.insertOnly) assert.ok(empty, fix.title);
        else if (!empty && d.code !== 'SD011' && d.code !== 'SD010') assert.deepEqual(e.range, d.range, fix.title);
      }
    }
  }
  assert.ok(count > 20);
});

// ---- Insert Missing Sections ------------------------------------------------------------------

/** The Approved example with several pieces deleted, and what inserting the missing ones must give. */
function brokenAndRepaired(): { broken: string; repaired: string } {
  const pieces: [string, string | undefined, string][] = [
    // [from, to (excluded), what the template puts back]
    ['**Author**: Priya Raman\n', '**Status**', '**Author**: [Name]\n'],
    ['- **Duration**: 47 minutes\n', '- **Users Affected**', '- **Duration**: X hours/days\n'],
    ['- **Reputation**: Customer-visible\n', '\n---\n\n## Root Cause Analysis', '- **Reputation**: Internal only / Customer-visible / Public incident\n'],
    ['### Technical Root Cause', '### Contributing Factors', templatePart('### Technical Root Cause', '### Contributing Factors')],
    ['**Expected Invariant Check Result**: FAIL\n\n', '**Why It Would Have Blocked**', '**Expected Invariant Check Result**: FAIL\n\n'],
    ['## Review Checklist', '## Approval', templatePart('## Review Checklist', '## Approval')],
    [TECH_LEAD_ROW, '| Platform Owner', '| Tech Lead | | | |\n'],
    ['### Verification', '### Monitoring', templatePart('### Verification', '### Monitoring')],
  ];
  let broken = APPROVED;
  let repaired = APPROVED;
  for (const [from, to, back] of pieces) {
    broken = cut(broken, from, to);
    repaired = edit(repaired, APPROVED.slice(APPROVED.indexOf(from), to === undefined ? undefined : APPROVED.indexOf(to, APPROVED.indexOf(from))), back);
  }
  return { broken, repaired };
}

test('Insert Missing Sections puts every missing piece back where the template has it, and keeps every line', () => {
  const { broken, repaired } = brokenAndRepaired();
  const result = insertMissing(broken);
  assertKeepsLines(broken, result);
  assert.equal(result, repaired);

  const doc = parseSpecDelta(result);
  assert.deepEqual(
    doc.sections.map((s) => [s.name, s.subsections.map((x) => x.name)]),
    SECTIONS.map((s) => [s.name, s.subsections.map((x) => x.name)]),
  );
  assert.deepEqual(
    doc.fields.map((f) => f.name.text),
    parseSpecDelta(APPROVED).fields.map((f) => f.name.text),
  );
  assert.deepEqual(
    doc.tables[1]!.rows.map((r) => r.cells[0]!.text),
    APPROVAL_TABLE.rows.map((r) => r[0]),
  );
});

test('Insert Missing Sections is idempotent: afterwards nothing is left to insert', () => {
  const { broken } = brokenAndRepaired();
  const once = insertMissing(broken);
  assert.deepEqual(mergeInsertions(lint(once).flatMap(fixesOf)), []);
  assert.equal(insertMissing(once), once);
  assert.deepEqual(
    lint(once).filter((d) => ['SD001', 'SD002', 'SD004', 'SD005'].includes(String(d.code))),
    [],
  );
});

test('Insert Missing Sections keeps CRLF line ends and inserts CRLF', () => {
  const { broken, repaired } = brokenAndRepaired();
  const result = insertMissing(crlf(broken));
  assert.equal(result, crlf(repaired));
  assert.ok(!/[^\r]\n/.test(result), 'no bare LF');
  assert.equal(insertMissing(result), result);
});

test('Insert Missing Sections separates several sections missing at the end', () => {
  const afterRule = cut(APPROVED, '## Approval');
  const fixed = insertMissing(afterRule);
  assert.equal(fixed, afterRule + templatePart('## Approval') + '\n---\n\n');
  assert.equal(insertMissing(fixed), fixed);
  const afterText = cut(APPROVED, '\n---\n\n## Approval');
  assert.equal(insertMissing(afterText), afterText + '\n---\n\n' + templatePart('## Approval'));
});

test('Insert Missing Sections fills a document that has only its title with the template', () => {
  const title = '# Spec Delta: [INVARIANT-XX] [Brief Title]\n';
  assert.equal(insertMissing(title), TEMPLATE);
  assert.equal(insertMissing(crlf(title)), crlf(TEMPLATE));
});

test('Insert Missing Sections puts the metadata first in a document without a title', () => {
  const untitled = APPROVED.slice(APPROVED.indexOf('## Failure Description'));
  const fixed = insertMissing(untitled);
  assert.ok(fixed.startsWith(templatePart('**Date**', '---').trimEnd() + '\n\n## Failure Description'), fixed.slice(0, 200));
  assert.equal(insertMissing(fixed), fixed);
});

test('applyEdits applies edits from the end, keeps their order at one place and clamps to the text', () => {
  const text = 'ab\r\ncd\ref\n';
  const e = (line: number, character: number, newText: string, endCharacter = character) => ({
    range: { start: { line, character }, end: { line, character: endCharacter } },
    newText,
  });
  assert.equal(applyEdits(text, [e(1, 1, 'X'), e(0, 0, '1'), e(0, 0, '2'), e(2, 0, 'Y', 2)]), '12ab\r\ncXd\rY\n');
  assert.equal(applyEdits(text, [e(0, 99, '!')]), 'ab!\r\ncd\ref\n');
  assert.equal(applyEdits(text, [e(9, 0, '!')]), text + '!');
});

test('mergeInsertions skips replacements and repeated insertions, and joins the rest in order', () => {
  const insert = (newText: string): Fix => ({
    title: newText,
    insertOnly: true,
    edits: [{ range: { start: { line: 1, character: 0 }, end: { line: 1, character: 0 } }, newText }],
  });
  const replace: Fix = {
    title: 'r',
    insertOnly: false,
    edits: [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 1 } }, newText: 'Z' }],
  };
  assert.deepEqual(mergeInsertions([insert('a'), insert('a'), replace, insert('b')]), [
    { range: { start: { line: 1, character: 0 }, end: { line: 1, character: 0 } }, newText: 'ab' },
  ]);
});
