import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import { DiagnosticSeverity } from 'vscode-languageserver-types';
import { renderTemplate } from '../../server/src/core/templateText';
import { parseSpecDelta } from '../../server/src/core/parser';
import { SECTIONS } from '../../server/src/core/template';
import { TEMPLATE } from '../support/fixtures';
import { lint } from '../support/diagnostics';

test('the template definition renders the template byte for byte', () => {
  assert.equal(renderTemplate(), TEMPLATE);
});

test('the raw template parses into a complete model', () => {
  const doc = parseSpecDelta(TEMPLATE);
  assert.equal(doc.hasSpecDeltaTitle, true);
  assert.deepEqual(
    doc.sections.map((s) => [s.name, s.subsections.map((x) => x.name)]),
    SECTIONS.map((s) => [s.name, s.subsections.map((x) => x.name)]),
  );
  assert.ok(doc.sections.every((s) => s.definition && s.subsections.every((x) => x.definition)));
  assert.deepEqual(
    doc.fields.map((f) => f.name.text),
    [
      'Date',
      'Author',
      'Status',
      'Severity',
      'Duration',
      'Users Affected',
      'Revenue Impact',
      'Data Loss',
      'Reputation',
      'Scenario',
      'Expected Invariant Check Result',
      'Why It Would Have Blocked',
      'Potential False Positives',
      'Mitigation for False Positives',
      'Estimated Implementation Effort',
    ],
  );
  assert.ok(
    doc.fields.every((f) => f.definition),
    'every field is known to the template',
  );
  assert.deepEqual(
    doc.checkboxGroups.map((g) => [g.name, g.items.length, g.definition?.name]),
    [
      ['Category', 7, 'Category'],
      ['Enforcement Level', 3, 'Enforcement Level'],
      ['Implementation Complexity', 5, 'Implementation Complexity'],
      ['Review Checklist', 6, 'Review Checklist'],
    ],
  );
  assert.deepEqual(
    doc.tables.map((t) => [t.header.cells.map((c) => c.text), t.rows.length]),
    [
      [['Time', 'Event'], 3],
      [['Role', 'Name', 'Date', 'Decision'], 3],
    ],
  );
  // Under **Potential False Positives** the empty `1.` and `2.` continue the field's paragraph
  // (CommonMark: an empty item cannot interrupt a paragraph), so GitHub shows no list there.
  assert.deepEqual(
    doc.numberedLists.map((l) => [l.subsection, l.field, l.items.length]),
    [['Contributing Factors', undefined, 3]],
  );
  const falsePositives = doc.fields.find((f) => f.name.text === 'Potential False Positives')!;
  assert.equal(falsePositives.followingText, '', 'the empty markers are no prose: the field is still empty (SD106)');
  assert.equal(doc.ruleStatement?.text, '[COMPONENT] MUST [REQUIREMENT] WHEN [CONDITION]');
  assert.equal(doc.invariantId?.text, 'INVARIANT-XX');
});

test('the raw template gets warnings only (it counts as Draft)', () => {
  const diagnostics = lint(TEMPLATE);
  assert.ok(diagnostics.length > 20);
  assert.deepEqual([...new Set(diagnostics.map((d) => d.severity))], [DiagnosticSeverity.Warning]);
  assert.deepEqual([...new Set(diagnostics.map((d) => d.code))].sort(), ['SD101', 'SD102', 'SD103', 'SD104', 'SD106']);
});

test('only the Post-Approval subsections wait for approval; every other guidance-only section is reported in a Draft', () => {
  const postApproval = SECTIONS.flatMap((s) => [s, ...s.subsections])
    .filter((s) => s.postApproval)
    .map((s) => s.name);
  assert.deepEqual(postApproval, ['Post-Approval', 'Implementation PR', 'Verification', 'Monitoring']);
  const empty = lint(TEMPLATE)
    .filter((d) => d.code === 'SD102')
    .map((d) => TEMPLATE.split('\n')[d.range.start.line]);
  assert.deepEqual(empty, ['### What Happened', '### Technical Root Cause', "### Why Existing Invariants Didn't Catch This", '### Rationale']);
});
