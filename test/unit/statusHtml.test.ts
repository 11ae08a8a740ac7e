import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import { statusBody } from '../../client/src/statusHtml';
import { analyzeText, parseDocument } from '../../server/src/core/languageService';
import { DEFAULT_ID_PATTERN } from '../../server/src/core/parser';
import { documentStatus } from '../../server/src/core/status';
import { APPROVED, TEMPLATE } from '../support/fixtures';
import { edit } from '../support/textEdits';

/** The Status badge of the panel: the Status a document counts as, or an unknown one as written and marked. */

const URI = 'file:///ws/docs/spec-deltas/INVARIANT-042.md';

function statusBadge(text: string): { value: string; title: string; invalid: boolean } {
  const html = statusBody(documentStatus(parseDocument(text, URI, 1), analyzeText(text, URI), true, DEFAULT_ID_PATTERN));
  const m =
    /<span class="badge badge-status( badge-invalid)?" title="([^"]*)"><span class="visually-hidden">Status: <\/span><span class="value">([^<]*)<\/span>/.exec(
      html,
    );
  assert.ok(m, 'the panel has a Status badge');
  return { value: m[3]!, title: m[2]!, invalid: m[1] !== undefined };
}

test('a valid Status is shown as it is', () => {
  assert.deepEqual(statusBadge(APPROVED), { value: 'Approved', title: 'Status', invalid: false });
  assert.deepEqual(statusBadge(edit(APPROVED, '**Status**: Approved', '**Status**: Under Review')), { value: 'Under Review', title: 'Status', invalid: false });
});

test('an unknown Status is shown as written, marked, with the Status it counts as', () => {
  assert.deepEqual(statusBadge(edit(APPROVED, '**Status**: Approved', '**Status**: Done')), {
    value: 'Done',
    title: 'Status: not one of Draft, Under Review, Approved, Rejected; counted as Draft',
    invalid: true,
  });
});

test('the template choice list and a missing Status show as Draft, unmarked: their own findings say what to do', () => {
  assert.deepEqual(statusBadge(TEMPLATE), { value: 'Draft', title: 'Status', invalid: false });
  assert.deepEqual(statusBadge(edit(APPROVED, '**Status**: Approved\n', '')), { value: 'Draft', title: 'Status', invalid: false });
});
