import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { analyze, parseDocument } from '../../server/src/core/languageService';
import type { Rule } from '../../server/src/core/rule';
import { RULES } from '../../server/src/core/rules';
import { WorkspaceIndex } from '../../server/src/core/workspaceIndex';
import { AnalysisCache } from '../../server/src/lsp/analysis';
import { ConfigLoader } from '../../server/src/node/configLoader';
import { APPROVED, TEMPLATE } from '../support/fixtures';
import { edit } from '../support/textEdits';
import { summary } from '../support/diagnostics';

/** SPEC section 5: a rule that throws loses its own findings and nothing else. */

const failure = new Error('rule bug');

const throwing: Rule = {
  code: 'SD999',
  name: 'throwing-rule',
  description: 'Throws on every document.',
  ruleClass: 'structure',
  check() {
    throw failure;
  },
};

/** Reports one finding, then throws: the half-done finding must not leak out. */
const halfDone: Rule = {
  code: 'SD998',
  name: 'half-done-rule',
  description: 'Reports, then throws.',
  ruleClass: 'structure',
  check({ report }) {
    report({ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 1 } }, message: 'half done' });
    throw new TypeError('later bug');
  },
};

function errorsOf(rules: readonly Rule[], text: string) {
  const errors: { rule: Rule; error: unknown }[] = [];
  const diagnostics = analyze(parseDocument(text, 'file:///doc.md', 1), { rules, onRuleError: (rule, error) => errors.push({ rule, error }) });
  return { diagnostics, errors };
}

test('a rule that throws is reported once, with the rule and the error; every other rule still reports', () => {
  const text = edit(TEMPLATE, '**Status**: Draft | Under Review | Approved | Rejected', '**Status**: Done');
  const expected = analyze(parseDocument(text, 'file:///doc.md', 1));
  assert.ok(expected.some((d) => d.code === 'SD006') && expected.some((d) => d.code === 'SD101'), 'the document has findings of several rules');
  for (const rules of [
    [...RULES, throwing],
    [throwing, ...RULES],
    [...RULES.slice(0, 5), throwing, ...RULES.slice(5)],
  ]) {
    const { diagnostics, errors } = errorsOf(rules, text);
    assert.deepEqual(diagnostics, expected);
    assert.equal(errors.length, 1);
    assert.equal(errors[0]!.rule, throwing);
    assert.equal(errors[0]!.error, failure);
  }
});

test('findings a rule reported before it threw are dropped; two failing rules are each reported', () => {
  const { diagnostics, errors } = errorsOf([...RULES, halfDone, throwing], APPROVED);
  assert.deepEqual(summary(diagnostics), []);
  assert.deepEqual(
    errors.map((e) => [e.rule.code, (e.error as Error).constructor.name, (e.error as Error).message]),
    [
      ['SD998', 'TypeError', 'later bug'],
      ['SD999', 'Error', 'rule bug'],
    ],
  );
});

test('without onRuleError a throwing rule is still contained', () => {
  const diagnostics = analyze(parseDocument(APPROVED, 'file:///doc.md', 1), { rules: [throwing, ...RULES] });
  assert.deepEqual(diagnostics, []);
});

test("the server's analysis cache logs a failing rule once per document, however often it runs", () => {
  const logs: string[] = [];
  const cache = new AnalysisCache(new ConfigLoader('/'), new WorkspaceIndex('INVARIANT-\\d+'), { log: (m) => logs.push(m), configError: (m) => logs.push(m) });
  cache.rules = [...RULES, throwing];
  const first = TextDocument.create('untitled:one', 'markdown', 1, APPROVED);
  const expected = analyze(parseDocument(APPROVED, 'untitled:one', 1), { workspace: cache.index });
  assert.deepEqual(cache.diagnostics(first), expected);
  const second = TextDocument.update(first, [{ text: APPROVED.replace('**Severity**: High', '**Severity**: Hgh') }], 2);
  assert.deepEqual(summary(cache.diagnostics(second)), ['SD006 6:14-6:17 error', 'SD403 46:0-46:13 information']);
  assert.equal(logs.length, 1);
  assert.match(logs[0]!, /^Rule SD999 \(throwing-rule\) failed on untitled:one; its findings are left out: Error: rule bug/);
  cache.diagnostics(TextDocument.create('untitled:two', 'markdown', 1, APPROVED));
  assert.equal(logs.length, 2, 'another document: said again, for that document');
});
