import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import type { Diagnostic } from 'vscode-languageserver-types';
import {
  DEFAULT_EFFECTIVE_CONFIG,
  RULES,
  WorkspaceIndex,
  analyze,
  analyzeDocument,
  crossDocumentDiagnostics,
  crossDocumentInput,
  mergeDiagnostics,
  parseDocument,
  type Rule,
} from '../../server/src/core';
import { APPROVED, TEMPLATE, approvedWithId } from '../support/fixtures';
import { edit } from '../support/textEdits';

/**
 * The CLI runs the rules that span files apart from the others: on a small, cloned part of each
 * document, once every file's definitions are known (cli/lint.ts). That must give what `analyze`
 * gives on the whole document, in the same order.
 */

const ID_PATTERN = DEFAULT_EFFECTIVE_CONFIG.idPattern;

/** A workspace where INVARIANT-042 is defined twice and nobody defines INVARIANT-017. */
function workspace(): WorkspaceIndex {
  const index = new WorkspaceIndex(ID_PATTERN);
  index.set(parseDocument(APPROVED, 'file:///ws/a.md', 0), true);
  index.set(parseDocument(APPROVED, 'file:///ws/b.md', 0), true);
  index.set(parseDocument(approvedWithId('INVARIANT-043', 'Another'), 'file:///ws/c.md', 0), true);
  return index;
}

/** Both ways of running the rules on one text. */
function bothWays(text: string, rules: readonly Rule[] = RULES): { whole: Diagnostic[]; apart: Diagnostic[] } {
  const doc = parseDocument(text, 'file:///ws/a.md', 0);
  const index = workspace();
  const whole = analyze(doc, { workspace: index, rules });
  // As the CLI keeps it (its strings copied) and a worker thread posts it (a structured clone).
  const input = structuredClone(crossDocumentInput(doc, true));
  const apart = mergeDiagnostics(analyzeDocument(doc, { rules }), crossDocumentDiagnostics(input, index, { rules }), rules);
  return { whole, apart };
}

test('the rules that span files give on their part of a document what they give on all of it', () => {
  const texts = {
    'a duplicate id and an unknown reference': APPROVED,
    'the template as it is': TEMPLATE,
    'a Draft (other severities)': edit(APPROVED, '**Status**: Approved', '**Status**: Draft'),
    'an id only in the Invariant ID section': edit(
      APPROVED,
      "# Spec Delta: INVARIANT-042 Checkout totals are computed in the order's currency",
      '# Spec Delta:',
    ),
  };
  for (const [name, text] of Object.entries(texts)) {
    const { whole, apart } = bothWays(text);
    assert.deepEqual(apart, whole, name);
  }
  const codes = bothWays(APPROVED).whole.map((d) => d.code);
  assert.ok(codes.includes('SD012') && codes.includes('SD403'), `both cross-document findings are there to compare: ${codes.join(' ')}`);
});

test('a suppression comment silences a cross-document finding on its part as on the whole document', () => {
  const text = edit(APPROVED, '# Spec Delta: INVARIANT-042', '<!-- spec-delta-disable SD403 -->\n\n# Spec Delta: INVARIANT-042');
  const { whole, apart } = bothWays(text);
  assert.ok(!whole.some((d) => d.code === 'SD403'), 'SD403 is silenced');
  assert.ok(
    whole.some((d) => d.code === 'SD012'),
    'SD012 is not',
  );
  assert.deepEqual(apart, whole);
});

test('at one position the merged diagnostics keep the order of the rules, as analyze does', () => {
  const [duplicateId] = RULES.filter((r) => r.code === 'SD012');
  const atTheId = (code: string): Rule =>
    ({
      code,
      name: code,
      description: code,
      ruleClass: 'structure',
      check({ doc, report }) {
        if (doc.title?.id) report({ range: doc.title.id.range, message: code });
      },
    }) satisfies Rule;
  const rules = [atTheId('SDX1'), duplicateId!, atTheId('SDX2')];
  const { whole, apart } = bothWays(APPROVED, rules);
  assert.deepEqual(
    whole.map((d) => d.code),
    ['SDX1', 'SD012', 'SDX2'],
  );
  assert.deepEqual(apart, whole);
});
