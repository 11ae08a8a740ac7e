import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import { parseSpecDelta } from '../../server/src/core/parser';
import {
  APPROVAL_SECTION,
  IMPLEMENTATION_PR_SECTION,
  findSection,
  implementationPrLinks,
  isIn,
  placeDef,
  sectionDef,
} from '../../server/src/core/query/sections';
import { approvalTable, timelineTable } from '../../server/src/core/query/tables';

/** The one way to find a section (core/query/sections.ts): by the template's definition, never by comparing heading text. */

const TIMELINE = '| Time | Event |\n|---|---|\n| 10:00 | Alert |\n';
const APPROVAL = '| Role | Name | Date | Decision |\n|---|---|---|---|\n| Tech Lead | Ana | 2024-01-02 | Approved |\n';

test('sectionDef resolves a template path and refuses a name the template lacks', () => {
  assert.equal(sectionDef('approval'), APPROVAL_SECTION);
  assert.equal(sectionDef('Post-Approval', 'implementation  PR'), IMPLEMENTATION_PR_SECTION);
  assert.throws(() => sectionDef('Post-Approval', 'Implementation PRs'), /no section 'Post-Approval > Implementation PRs'/);
});

test('findSection matches headings as the parser does: any case, extra spaces', () => {
  const doc = parseSpecDelta('# Spec Delta: [INV-1] T\n\n## post-approval\n\n### IMPLEMENTATION   PR\n\nhttps://example.com/pr/1\n');
  const found = findSection(doc, IMPLEMENTATION_PR_SECTION);
  assert.equal(found?.name, 'IMPLEMENTATION   PR');
  assert.equal(found?.headingRange.start.line, 4);
  assert.equal(findSection(doc, APPROVAL_SECTION), undefined);
});

test('the timeline table is found under a misnamed H2 (its subsection still counts), not under an H3 of its own', () => {
  const misnamed = parseSpecDelta(`## Failure Descriptions\n\n### Timeline\n\n${TIMELINE}`);
  assert.equal(timelineTable(misnamed)?.startLine, 4);
  const ownH3 = parseSpecDelta(`## Failure Description\n\n### Chronology\n\n${TIMELINE}`);
  assert.equal(timelineTable(ownH3), undefined);
  // A table in Approval is the approval table, not the timeline.
  assert.equal(timelineTable(parseSpecDelta(`## Approval\n\n${APPROVAL}`)), undefined);
});

test('the approval table is found anywhere in the Approval section, an H3 of its own included', () => {
  const doc = parseSpecDelta(`## Approval\n\n### Sign-off\n\n${APPROVAL}`);
  assert.equal(approvalTable(doc)?.startLine, 4);
  assert.equal(approvalTable(parseSpecDelta(`## Approvals\n\n${APPROVAL}`)), undefined);
});

test('implementationPrLinks keeps only the links under Implementation PR', () => {
  const doc = parseSpecDelta(
    '## What Happened\n\nhttps://example.com/elsewhere\n\n## Post-Approval\n\n### Implementation PR\n\nhttps://example.com/pr/7\n\n### Monitoring\n\nhttps://example.com/dash\n',
  );
  assert.deepEqual(
    implementationPrLinks(doc).map((l) => l.target),
    ['https://example.com/pr/7'],
  );
});

test('placeDef and isIn read a place by its innermost template heading', () => {
  const impl = { section: 'post-approval', subsection: 'Implementation PR' };
  assert.equal(placeDef(impl), IMPLEMENTATION_PR_SECTION);
  assert.ok(isIn(impl, sectionDef('Post-Approval')));
  assert.equal(placeDef({ section: 'Approval', subsection: 'Notes' }), undefined);
  assert.ok(isIn({ section: 'Approval', subsection: 'Notes' }, APPROVAL_SECTION));
  assert.equal(placeDef({ section: undefined, subsection: undefined }), undefined);
});

test('the parser reads the Rule Statement under any heading the template accepts as that subsection', () => {
  // Before the one lookup the parser compared lowercased names: 'Rule  Statement' was the
  // template's subsection for SD002 and the outline, yet its statement went unread.
  const doc = parseSpecDelta('## Proposed Invariant\n\n### Rule  Statement\n\nThe checkout MUST keep the currency WHEN totals are summed.\n');
  assert.equal(doc.ruleStatement?.modal?.text, 'MUST');
});
