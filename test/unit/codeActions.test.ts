import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import type { CodeAction, Diagnostic, Range } from 'vscode-languageserver-types';
import { getCodeActions } from '../../server/src/core/codeActions';
import { analyze, parseDocument } from '../../server/src/core/languageService';
import type { SpecDeltaDocument } from '../../server/src/core/model';
import { approvedWithId, TEMPLATE } from '../support/fixtures';
import { applyTextEdits, edit, cut } from '../support/textEdits';
import { positionOf } from '../support/positions';
import { brief } from '../support/diagnostics';
import { apply, editsOf, insertLine, quickFix, replace } from './codeActionEdits';

/**
 * Quick fixes, the disable comment, fix-all and Insert all, in memory: getCodeActions is a pure
 * function of the document, the diagnostics asked about and all of the document's diagnostics.
 * Each action's edit is applied and the text compared whole. test/protocol/codeActions.test.ts
 * proves the server sends them (without their fix data) and runs Insert Missing Sections.
 */

let opened = 0;
const documents = new Map<string, { doc: SpecDeltaDocument; diagnostics: Diagnostic[] }>();

/** A clean approved spec delta with an id of its own, so that open documents never share one. */
function approved(): { text: string; id: string } {
  const id = `INVARIANT-${100 + opened}`;
  return { text: approvedWithId(id, "Checkout totals are computed in the order's currency"), id };
}

/** Parses and analyses `text` as a new document, as the server does for an open one. */
function open(text: string): { uri: string; diagnostics: Diagnostic[] } {
  const uri = `file:///ws/docs/spec-deltas/fix-${++opened}.md`;
  const doc = parseDocument(text, uri, 1);
  const diagnostics = analyze(doc);
  documents.set(uri, { doc, diagnostics });
  return { uri, diagnostics };
}

/** The code actions for `diagnostics` of the document at `uri`, of the kinds in `only`. */
function codeActions(uri: string, diagnostics: Diagnostic[], only?: string[]): CodeAction[] {
  const { doc, diagnostics: all } = documents.get(uri)!;
  return getCodeActions(doc, diagnostics, all, only);
}

/** The diagnostics of `text` after an edit: what the server would publish next. */
function diagnosticsOf(text: string): Diagnostic[] {
  return analyze(parseDocument(text, 'file:///ws/docs/spec-deltas/edited.md', 2));
}

test('a missing section: one preferred fix that inserts the template section where the template puts it', () => {
  const { text: full } = approved();
  const text = cut(full, '## Review Checklist', '## Approval');
  const { uri, diagnostics } = open(text);
  const missing = diagnostics.find((d) => d.code === 'SD001')!;
  assert.deepEqual(brief(diagnostics), [`SD001 0:0-0:${text.split('\n')[0]!.length} 1`]);
  const actions = codeActions(uri, [missing]);
  const review = TEMPLATE.slice(TEMPLATE.indexOf('## Review Checklist'), TEMPLATE.indexOf('## Approval'));
  const at = positionOf(text, '## Approval').line;
  // The title is a heading: no disable comment is offered above it. Without `only` the fix-all
  // source action comes too (editors keep source actions out of the light bulb themselves).
  assert.deepEqual(actions, [
    quickFix("Insert the missing 'Review Checklist' section", missing, uri, [insertLine(at, review)], true),
    { title: 'Insert Missing Sections', kind: 'source.fixAll.specDelta', edit: { changes: { [uri]: [insertLine(at, review)] } } },
  ]);
  const fixed = apply(text, actions[0]!, uri);
  assert.equal(fixed, full.slice(0, full.indexOf('## Review Checklist')) + review + full.slice(full.indexOf('## Approval')));
});

test('an invalid Status: one fix per allowed value, the closest preferred, and the disable comment', () => {
  const { text: full } = approved();
  const text = edit(full, '**Status**: Approved', '**Status**: Aproved');
  const { uri, diagnostics } = open(text);
  const line = positionOf(text, '**Status**').line;
  const value = { start: { line, character: 12 }, end: { line, character: 19 } };
  assert.deepEqual(brief(diagnostics), [`SD006 ${line}:12-${line}:19 1`]);
  const [invalid] = diagnostics as [Diagnostic];
  const actions = codeActions(uri, [invalid]);
  assert.deepEqual(actions, [
    quickFix("Replace with 'Draft'", invalid, uri, [replace(value, 'Draft')], false),
    quickFix("Replace with 'Under Review'", invalid, uri, [replace(value, 'Under Review')], false),
    quickFix("Replace with 'Approved'", invalid, uri, [replace(value, 'Approved')], true),
    quickFix("Replace with 'Rejected'", invalid, uri, [replace(value, 'Rejected')], false),
    quickFix('Disable SD006 for this line', invalid, uri, [insertLine(line, '<!-- spec-delta-disable-next-line SD006 -->\n')]),
  ]);
  assert.equal(apply(text, actions[2]!, uri, ['**Status**: Aproved']), full);
  assert.equal(apply(text, actions[1]!, uri, ['**Status**: Aproved']), edit(full, '**Status**: Approved', '**Status**: Under Review'));

  // The disable comment silences exactly that diagnostic once the editor applies it.
  const disabled = apply(text, actions[4]!, uri);
  assert.equal(disabled, edit(text, '**Status**: Aproved', '<!-- spec-delta-disable-next-line SD006 -->\n**Status**: Aproved'));
  assert.deepEqual(diagnosticsOf(disabled), []);
});

test('an id mismatch: change the Invariant ID to the title id (preferred) or the title to the section id', () => {
  const { text: full, id } = approved();
  const other = `INVARIANT-${Number(id.slice(10)) + 500}`;
  const text = edit(full, `\`${id}\``, `\`${other}\``);
  const { uri, diagnostics } = open(text);
  const sectionLine = positionOf(text, `\`${other}\``).line;
  const sectionRange = { start: { line: sectionLine, character: 1 }, end: { line: sectionLine, character: 14 } };
  const titleRange = { start: { line: 0, character: 14 }, end: { line: 0, character: 27 } };
  assert.deepEqual(brief(diagnostics), [`SD010 ${sectionLine}:1-${sectionLine}:14 1`]);
  const [mismatch] = diagnostics as [Diagnostic];
  assert.deepEqual(mismatch.relatedInformation, [{ location: { uri, range: titleRange }, message: `The title says ${id}` }]);
  const actions = codeActions(uri, [mismatch]);
  assert.deepEqual(actions, [
    quickFix(`Change the Invariant ID to ${id}`, mismatch, uri, [replace(sectionRange, id)], true),
    quickFix(`Change the title's id to ${other}`, mismatch, uri, [replace(titleRange, other)], false),
    quickFix('Disable SD010 for this line', mismatch, uri, [insertLine(sectionLine, '<!-- spec-delta-disable-next-line SD010 -->\n')]),
  ]);
  assert.equal(apply(text, actions[0]!, uri, [`\`${other}\``]), full);
  const titleFixed = apply(text, actions[1]!, uri, [full.split('\n')[0]!]);
  assert.equal(titleFixed, edit(full, `# Spec Delta: ${id}`, `# Spec Delta: ${other}`).replace(`\`${id}\``, `\`${other}\``));
});

test('two Enforcement Levels checked: each diagnostic offers to keep only its level, changing only the other box', () => {
  const { text: full } = approved();
  const text = edit(full, '- [ ] **Soft Warning**', '- [x] **Soft Warning**');
  const { uri, diagnostics } = open(text);
  const hard = positionOf(text, '- [x] **Hard Block**').line;
  const soft = hard + 1;
  assert.deepEqual(brief(diagnostics), [`SD011 ${hard}:0-${hard}:50 1`, `SD011 ${soft}:0-${soft}:71 1`]);
  const [first, second] = diagnostics as [Diagnostic, Diagnostic];
  const box = (line: number): Range => ({ start: { line, character: 2 }, end: { line, character: 5 } });
  const actions = codeActions(uri, diagnostics);
  assert.deepEqual(actions, [
    quickFix("Keep only 'Hard Block' checked", first, uri, [replace(box(soft), '[ ]')], false),
    quickFix("Keep only 'Soft Warning' checked", second, uri, [replace(box(hard), '[ ]')], false),
    quickFix('Disable SD011 for this line', first, uri, [insertLine(hard, '<!-- spec-delta-disable-next-line SD011 -->\n')]),
    quickFix('Disable SD011 for this line', second, uri, [insertLine(soft, '<!-- spec-delta-disable-next-line SD011 -->\n')]),
  ]);
  assert.equal(apply(text, actions[0]!, uri, ['- [x] **Soft Warning**: Warning issued, requires override justification']), full);
  assert.equal(
    apply(text, actions[1]!, uri, ['- [x] **Hard Block**: Deployment fails if violated']),
    edit(full, '- [x] **Hard Block**', '- [ ] **Hard Block**').replace('- [ ] **Soft Warning**', '- [x] **Soft Warning**'),
  );
});

test('a weak modal: SHOULD becomes MUST and SHOULD NOT becomes MUST NOT', () => {
  const { text: full } = approved();
  const text = edit(full, 'CheckoutService MUST compute', 'CheckoutService SHOULD compute');
  const { uri, diagnostics } = open(text);
  const line = positionOf(text, 'CheckoutService SHOULD').line;
  const modal = { start: { line, character: 16 }, end: { line, character: 22 } };
  assert.deepEqual(brief(diagnostics), [`SD303 ${line}:16-${line}:22 2`]);
  const [weak] = diagnostics as [Diagnostic];
  assert.equal(weak.message, 'An invariant always holds: write MUST instead of SHOULD.');
  const actions = codeActions(uri, [weak]);
  // Inside the fence a comment would become part of the statement: the fence is wrapped instead.
  const closing = { start: { line: line + 1, character: 3 }, end: { line: line + 1, character: 3 } };
  assert.deepEqual(actions, [
    quickFix('Replace with MUST', weak, uri, [replace(modal, 'MUST')], true),
    quickFix('Disable SD303 for this rule statement', weak, uri, [
      insertLine(line - 1, '<!-- spec-delta-disable SD303 -->\n'),
      replace(closing, '\n<!-- spec-delta-enable SD303 -->'),
    ]),
  ]);
  assert.equal(apply(text, actions[0]!, uri, [text.split('\n')[line]!]), full);
  const disabled = apply(text, actions[1]!, uri);
  assert.equal(
    disabled,
    edit(text, '```\nCheckoutService SHOULD compute', '<!-- spec-delta-disable SD303 -->\n```\nCheckoutService SHOULD compute').replace(
      'priced\n```\n',
      'priced\n```\n<!-- spec-delta-enable SD303 -->\n',
    ),
  );
  assert.deepEqual(diagnosticsOf(disabled), [], 'the warning is silenced and the statement is unchanged');

  const negative = edit(approved().text, 'CheckoutService MUST compute', 'CheckoutService SHOULD NOT compute');
  const second = open(negative);
  const range = { start: { line, character: 16 }, end: { line, character: 26 } };
  assert.deepEqual(brief(second.diagnostics), [`SD303 ${line}:16-${line}:26 2`]);
  const [fix] = codeActions(second.uri, second.diagnostics, ['quickfix']);
  assert.deepEqual(fix, quickFix('Replace with MUST NOT', second.diagnostics[0]!, second.uri, [replace(range, 'MUST NOT')], true));
});

test('the disable comment keeps the indentation of a list item and is not offered on a table row', () => {
  const { text: full } = approved();
  const text = edit(
    edit(full, '- **Data Loss**: No', '  - **Data Loss**: Maybe'),
    '| Tech Lead | Jonas Weber | 2026-03-18 | Approved |',
    '| Tech Lead | Jonas Weber | 2026-03-18 | Aproved |',
  );
  const { uri, diagnostics } = open(text);
  const dataLoss = positionOf(text, '**Data Loss**').line;
  const row = positionOf(text, '| Tech Lead |').line;
  // The approver row without an Approved decision is also an approval error (SD202).
  assert.deepEqual(brief(diagnostics), [`SD006 ${dataLoss}:19-${dataLoss}:24 1`, `SD006 ${row}:41-${row}:48 1`, `SD202 ${row}:41-${row}:48 1`]);
  const [loss, decision] = diagnostics as [Diagnostic, Diagnostic, Diagnostic];
  const lossActions = codeActions(uri, [loss]);
  assert.deepEqual(lossActions, [
    quickFix("Replace with 'No'", loss, uri, [replace(loss.range, 'No')], false),
    quickFix('Disable SD006 for this line', loss, uri, [insertLine(dataLoss, '  <!-- spec-delta-disable-next-line SD006 -->\n')]),
  ]);
  const decisionActions = codeActions(uri, [decision]);
  assert.deepEqual(
    decisionActions.map((a) => [a.title, a.isPreferred]),
    [
      ["Replace with 'Proposed'", false],
      ["Replace with 'Approved'", true],
      ["Replace with 'Rejected'", false],
      ["Replace with 'Changes Requested'", false],
    ],
  );
});

/** The template with pieces cut out: two sections, a metadata field and (unless told) a subsection. */
function templateWithHoles(withoutRationale = true): string {
  const noValidation = cut(TEMPLATE, '## Validation', '## Review Checklist');
  const noReview = cut(noValidation, '## Review Checklist', '## Approval');
  const noRationale = withoutRationale ? cut(noReview, '### Rationale', '### Category') : noReview;
  return edit(noRationale, '**Severity**: Critical | High | Medium | Low\n', '');
}

test('source.fixAll.specDelta inserts every missing piece at once and gives back the template', () => {
  const text = templateWithHoles();
  const { uri, diagnostics } = open(text);
  assert.deepEqual(
    diagnostics.filter((d) => d.severity === 1).map((d) => [d.code, d.message]),
    [
      ['SD001', "Add the missing 'Validation' section (## Validation)."],
      ['SD001', "Add the missing 'Review Checklist' section (## Review Checklist)."],
      ['SD004', 'Add the missing **Severity** field under the title.'],
      ['SD002', "Add the missing 'Rationale' subsection to 'Proposed Invariant' (### Rationale)."],
    ],
  );
  const actions = codeActions(uri, [], ['source.fixAll.specDelta']);
  assert.equal(actions.length, 1);
  assert.equal(actions[0]!.title, 'Insert Missing Sections');
  assert.equal(actions[0]!.kind, 'source.fixAll.specDelta');
  assert.equal(apply(text, actions[0]!, uri), TEMPLATE);
  // `source` alone asks for it too; `quickfix` alone does not.
  assert.deepEqual(codeActions(uri, [], ['source']), actions);
  assert.ok(codeActions(uri, [], ['quickfix']).every((a) => a.kind === 'quickfix'));
});

test('a missing-piece diagnostic also offers to insert all missing pieces at once', () => {
  const text = templateWithHoles();
  const { uri, diagnostics } = open(text);
  const rationale = diagnostics.find((d) => d.code === 'SD002')!;
  const actions = codeActions(uri, [rationale], ['quickfix']);
  assert.deepEqual(
    actions.map((a) => a.title),
    ["Insert the missing 'Rationale' subsection", 'Insert all missing sections and fields'],
  );
  assert.equal(apply(text, actions[0]!, uri), templateWithHoles(false));
  assert.equal(apply(text, actions[1]!, uri), TEMPLATE);
});

/** The other fix kinds: the document as broken, the code, the quick fix's title and the text it gives back. */
const OTHER_FIXES: { code: string; broken: (full: string) => string; title: string; fixed: (full: string) => string }[] = [
  {
    code: 'SD004',
    broken: (full) => edit(full, '**Severity**: High\n', ''),
    title: "Insert the missing 'Severity' field",
    fixed: (full) => edit(full, '**Severity**: High', '**Severity**: Critical | High | Medium | Low'),
  },
  {
    code: 'SD005',
    broken: (full) => edit(full, '| Tech Lead | Jonas Weber | 2026-03-18 | Approved |\n', ''),
    title: "Insert the 'Tech Lead' row",
    fixed: (full) => edit(full, '| Tech Lead | Jonas Weber | 2026-03-18 | Approved |', '| Tech Lead | | | |'),
  },
  {
    code: 'SD101',
    broken: (full) => edit(full, '**Severity**: High', '**Severity**: Critical | High | Medium | Low'),
    title: "Set to 'High'",
    fixed: (full) => full,
  },
  { code: 'SD106', broken: (full) => edit(full, '**Severity**: High', '**Severity**:'), title: "Set to 'High'", fixed: (full) => full },
  {
    code: 'SD304',
    broken: (full) => edit(full, 'CheckoutService MUST compute', 'CheckoutService must compute'),
    title: 'Write MUST',
    fixed: (full) => full,
  },
  { code: 'SD404', broken: (full) => edit(full, '**Severity**: High', '**Severity:** High'), title: 'Write **Severity**:', fixed: (full) => full },
];

for (const { code, broken, title, fixed } of OTHER_FIXES) {
  test(`${code}: the quick fix '${title}', applied`, () => {
    const { text: full } = approved();
    const text = broken(full);
    const { uri, diagnostics } = open(text);
    const finding = diagnostics.find((d) => d.code === code);
    assert.ok(finding, `${code} is reported: ${brief(diagnostics).join(', ')}`);
    const actions = codeActions(uri, [finding]);
    const fix = actions.find((a) => a.title === title);
    assert.ok(fix, `offered: ${actions.map((a) => a.title).join(', ')}`);
    assert.equal(fix.kind, 'quickfix');
    assert.deepEqual(fix.diagnostics, [finding]);
    assert.equal(applyTextEdits(text, editsOf(fix, uri)), fixed(full));
    // The disable comment, except on a table row or a heading, which a comment line would split.
    const line = text.split('\n')[finding.range.start.line]!.trimStart();
    assert.equal(actions.filter((a) => a.title.startsWith(`Disable ${code} for this`)).length, /^[|#]/.test(line) ? 0 : 1);
  });
}
