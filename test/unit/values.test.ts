import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import { DiagnosticSeverity } from 'vscode-languageserver-types';
import { parseSpecDelta } from '../../server/src/core/parser';
import type { RuleClass } from '../../server/src/core/rule';
import { severityOf } from '../../server/src/core/severity';
import { REPUTATION_VALUES, STATUS_VALUES } from '../../server/src/core/template';
import { closestValue, dataLossValid, isOptionList, isValidDate, localDate, metadataField, statusOf, valueState } from '../../server/src/core/values';
import { APPROVED, TEMPLATE } from '../support/fixtures';
import { edit, withStatus } from '../support/textEdits';
import { workspaceOf } from '../support/diagnostics';
import { SPEC_SEVERITY, STATUSES } from '../support/spec';

/** values.ts (what a value amounts to), severity.ts (SPEC section 3) and the workspace index. */

test('severityOf is the status table of SPEC section 3', () => {
  const classes: [RuleClass, keyof typeof SPEC_SEVERITY][] = [
    ['structure', 'structure'],
    ['incompleteness', 'incompleteness'],
    ['approval', 'approval'],
    ['quality', 'quality'],
    ['order', 'order'],
    ['hint', 'hint'],
  ];
  for (const [ruleClass, spec] of classes) {
    for (const status of STATUSES)
      assert.equal(severityOf(ruleClass, status), (SPEC_SEVERITY[spec] as Record<string, DiagnosticSeverity | undefined>)[status], `${ruleClass} ${status}`);
  }
  assert.equal(severityOf('incompleteness', 'Draft', 'error'), DiagnosticSeverity.Error);
  assert.equal(severityOf('structure', 'Draft', 'hint'), DiagnosticSeverity.Hint);
  assert.equal(severityOf('structure', 'Draft', 'off'), undefined);
  assert.equal(severityOf('approval', 'Draft', 'error'), undefined, 'a setting does not make a rule apply where the SPEC says n/a');
});

test('statusOf: a missing, templated or invalid Status counts as Draft', () => {
  const status = (text: string) => statusOf(parseSpecDelta(text));
  for (const s of STATUSES) assert.equal(status(withStatus(APPROVED, s)), s);
  assert.equal(status(TEMPLATE), 'Draft');
  assert.equal(status(edit(APPROVED, '**Status**: Approved\n', '')), 'Draft');
  assert.equal(status(withStatus(APPROVED, 'approved')), 'Draft');
  assert.equal(status(withStatus(APPROVED, 'Approved!')), 'Draft');
  assert.equal(
    status(edit(APPROVED, '## Failure Description', '**Status**: Rejected\n\n## Failure Description')),
    'Approved',
    'a Status in a section is not metadata',
  );
  assert.equal(metadataField(parseSpecDelta(APPROVED), 'status')?.value.text, 'Approved');
});

test('isValidDate accepts real calendar dates written YYYY-MM-DD only', () => {
  for (const ok of ['2026-03-14', '2024-02-29', '2000-02-29', '1999-12-31', '2026-01-01']) assert.equal(isValidDate(ok), true, ok);
  for (const bad of [
    '2026-02-29',
    '1900-02-29',
    '2026-04-31',
    '2026-13-01',
    '2026-00-10',
    '2026-01-00',
    '2026-1-01',
    ' 2026-01-01',
    '2026-01-01T00:00',
    '14/03/2026',
    '',
    'YYYY-MM-DD',
  ]) {
    assert.equal(isValidDate(bad), false, bad);
  }
});

test('dataLossValid: No, or Yes with a description after it', () => {
  for (const ok of ['No', 'No.', 'No - nothing lost', 'Yes: 2% of carts', 'Yes, 40 orders', 'Yes \u2014 audit rows']) assert.equal(dataLossValid(ok), true, ok);
  for (const bad of ['Yes', 'Yes:', 'Yes - ', 'Nope', 'Maybe', 'no', '']) assert.equal(dataLossValid(bad), false, bad);
});

test('an unchosen Yes/No in Data Loss is a placeholder, not a described Yes', () => {
  const state = (value: string) => valueState(parseSpecDelta(`## Failure Description\n### Impact\n- **Data Loss**: ${value}\n`).fields[0]!);
  assert.deepEqual(['Yes/No (describe if yes)', 'Yes/No', 'Yes / No', 'No/Yes (describe)'].map(state), [
    'placeholder',
    'placeholder',
    'placeholder',
    'placeholder',
  ]);
  assert.deepEqual(['Yes (40 rows)', 'No', 'Yes'].map(state), ['valid', 'valid', 'invalid']);
});

test('isOptionList recognises an unchosen list of allowed values', () => {
  assert.equal(isOptionList('Draft | Under Review | Approved | Rejected', STATUS_VALUES), true);
  assert.equal(isOptionList('Draft|Approved', STATUS_VALUES), true);
  assert.equal(isOptionList('Internal only / Customer-visible / Public incident', REPUTATION_VALUES), true);
  assert.equal(isOptionList('Draft', STATUS_VALUES), false);
  assert.equal(isOptionList('Draft | Maybe', STATUS_VALUES), false);
});

test('valueState judges a field against its definition', () => {
  const doc = parseSpecDelta(
    [
      '**Date**: YYYY-MM-DD',
      '**Author**:',
      '**Status**: Under Review | Approved',
      '**Severity**: Severe',
      '**Custom**: anything',
      '',
      '## Validation',
      '### Retrospective Test',
      '**Expected Invariant Check Result**: FAIL',
      '**Why It Would Have Blocked**:',
      'Because.',
      '',
    ].join('\n'),
  );
  assert.deepEqual(
    doc.fields.map((f) => [f.name.text, valueState(f)]),
    [
      ['Date', 'placeholder'],
      ['Author', 'empty'],
      ['Status', 'placeholder'],
      ['Severity', 'invalid'],
      ['Custom', 'valid'],
      ['Expected Invariant Check Result', 'valid'],
      ['Why It Would Have Blocked', 'valid'],
    ],
  );
});

test('closestValue: the same letters ignoring case, else the longest shared prefix of two letters or more', () => {
  const statuses = STATUS_VALUES.map((v) => v.value);
  assert.equal(closestValue('approved', statuses), 'Approved');
  assert.equal(closestValue('Aproved', statuses), 'Approved');
  assert.equal(closestValue('under', statuses), 'Under Review');
  assert.equal(closestValue('Zzz', statuses), undefined);
  assert.equal(closestValue('D', statuses), undefined);
  assert.equal(closestValue('', statuses), undefined);
});

test('the workspace index knows definitions, references and the next free id', () => {
  const a = { uri: 'file:///ws/b.md', text: APPROVED };
  const b = { uri: 'file:///ws/a.md', text: APPROVED.replaceAll('INVARIANT-042', 'INVARIANT-107') };
  const index = workspaceOf([a, b]);
  assert.equal(index.size, 2);
  assert.deepEqual(
    index.definitions('INVARIANT-042').map((d) => [d.uri, d.title, d.range.start.character]),
    [['file:///ws/b.md', "Checkout totals are computed in the order's currency", 14]],
  );
  assert.deepEqual(index.definitions('INVARIANT-017'), []);
  assert.deepEqual(
    index.references('INVARIANT-017').map((r) => [r.uri, r.range.start.line, r.declaration]),
    [
      ['file:///ws/b.md', 45, false],
      ['file:///ws/a.md', 45, false],
    ],
  );
  assert.deepEqual(
    index.references('INVARIANT-042').map((r) => [r.range.start.line, r.declaration]),
    [
      [0, true],
      [53, true],
    ],
  );
  assert.equal(index.nextFreeId(), 'INVARIANT-108');
  assert.equal(index.get('file:///ws/b.md')?.status, 'Approved');
  index.delete('file:///ws/a.md');
  assert.equal(index.nextFreeId(), 'INVARIANT-043');
  assert.deepEqual(index.definitions('INVARIANT-107'), []);
  index.set(parseSpecDelta(APPROVED, 'file:///ws/notes.md'), false);
  assert.deepEqual(
    index.definitions('INVARIANT-042').map((d) => d.uri),
    ['file:///ws/b.md'],
    'a document that is not a spec delta defines nothing',
  );
  assert.equal(workspaceOf([]).nextFreeId(), 'INVARIANT-001');
  const custom = '(?:INVARIANT|INV)-\\d{3,}';
  const withOwnPrefix = (id: string, uri: string) => ({ uri, text: APPROVED.replaceAll('INVARIANT-042', id) });
  assert.equal(
    workspaceOf([withOwnPrefix('INV-0041', 'file:///ws/1.md'), withOwnPrefix('INV-0007', 'file:///ws/2.md'), a], custom).nextFreeId(),
    'INV-0042',
    'the prefix most ids use, at its width',
  );
  assert.equal(workspaceOf([withOwnPrefix('INV-0041', 'file:///ws/1.md'), a], custom).nextFreeId(), 'INVARIANT-043', 'a tie keeps the default prefix');
  const duplicated = workspaceOf([a, { uri: 'file:///ws/a.md', text: APPROVED }]);
  assert.deepEqual(
    duplicated.definitions('INVARIANT-042').map((d) => d.uri),
    ['file:///ws/a.md', 'file:///ws/b.md'],
    'sorted by uri',
  );
});

test('localDate writes the local day as YYYY-MM-DD, which the Date field accepts', () => {
  assert.equal(localDate(new Date(2026, 0, 5, 23, 59)), '2026-01-05');
  assert.equal(localDate(new Date(2024, 1, 29, 0, 0)), '2024-02-29');
  assert.ok(isValidDate(localDate()));
});
