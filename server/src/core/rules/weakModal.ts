import { replaceFix } from '../fixes';
import type { Rule } from '../rule';

export const weakModal: Rule = {
  code: 'SD303',
  name: 'weak-modal',
  description: 'An invariant says MUST or MUST NOT, not SHOULD or MAY.',
  ruleClass: 'quality',
  fix: 'edit',
  check({ doc, report }) {
    const modal = doc.ruleStatement?.modal;
    if (!modal || !/^(SHOULD|MAY)/.test(modal.text)) return;
    const strong = modal.text.endsWith('NOT') ? 'MUST NOT' : 'MUST';
    report({
      range: modal.range,
      message: `An invariant always holds: write ${strong} instead of ${modal.text}.`,
      fixes: [replaceFix(`Replace with ${strong}`, modal.range, strong, true)],
    });
  },
};
