import type { Rule } from '../rule';
import { lowercaseKeywords } from '../query/lowercaseKeywords';

export const ruleStatementForm: Rule = {
  code: 'SD301',
  name: 'rule-statement-form',
  description: 'A filled rule statement reads COMPONENT MUST (or MUST NOT) REQUIREMENT WHEN CONDITION.',
  ruleClass: 'quality',
  check({ doc, report }) {
    const statement = doc.ruleStatement;
    if (!statement || statement.slots.length > 0) return;
    // A keyword written in lower case is SD304's finding: one finding for one slip.
    const lowercase = lowercaseKeywords(doc);
    if (!statement.modal) {
      if (!lowercase.modal) report({ range: statement.range, message: 'Say what MUST (or MUST NOT) hold: COMPONENT MUST REQUIREMENT WHEN CONDITION.' });
    } else if (!statement.component) {
      report({
        range: statement.modal.range,
        message: `Name the component before ${statement.modal.text}: COMPONENT ${statement.modal.text} REQUIREMENT WHEN CONDITION.`,
      });
    }
    if (!statement.when) {
      if (!lowercase.when) report({ range: statement.range, message: 'Add WHEN and the condition under which the rule holds, so that it can be tested.' });
    } else if (!statement.condition) {
      report({ range: statement.when.range, message: 'Write the condition after WHEN.' });
    }
  },
};
