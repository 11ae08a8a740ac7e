import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import { Diagnostic, DiagnosticSeverity } from 'vscode-languageserver-types';
import { parseSpecDelta } from '../../server/src/core/parser';
import { RULES } from '../../server/src/core/rules';
import { documentStatus } from '../../server/src/core/status';
import { readRepoFile } from '../support/repo';

/** Rule metadata is read from the rules, never listed again by hand (issue 17). */

const text = readRepoFile('examples/INVARIANT-042-checkout-totals-currency.md');
const doc = parseSpecDelta(text, 'file:///x.md');
const whatHappened = doc.sections.flatMap((s) => s.subsections).find((s) => s.name === 'What Happened')!;

function stateWith(code: string): string | undefined {
  const line = whatHappened.bodyStartLine + 1;
  const finding: Diagnostic = {
    code,
    message: '',
    severity: DiagnosticSeverity.Warning,
    range: { start: { line, character: 0 }, end: { line, character: 1 } },
  };
  return documentStatus(doc, [finding], true, 'INVARIANT-\\d+').sections.find((s) => s.name === 'What Happened')?.state;
}

test('a finding of every incompleteness rule, and of no other, leaves its section unfinished in the status panel', () => {
  assert.equal(stateWith('none'), 'done');
  const incompleteness = RULES.filter((r) => r.ruleClass === 'incompleteness');
  // The rules SPEC section 3 counts as incompleteness (pinned here, so that a rule put in the wrong class fails).
  assert.deepEqual(
    incompleteness.map((r) => r.code),
    ['SD101', 'SD102', 'SD103', 'SD104', 'SD105', 'SD106'],
  );
  for (const rule of RULES) assert.equal(stateWith(rule.code), rule.ruleClass === 'incompleteness' ? 'guidance' : 'done', rule.code);
});
