import type { Rule } from '../rule';
import { ENFORCEMENT_GROUP } from '../template';
import { metadataField } from '../values';

export const criticalAuditOnly: Rule = {
  code: 'SD402',
  name: 'critical-audit-only',
  description: 'A Critical incident is not answered with an Audit Only invariant.',
  ruleClass: 'hint',
  check({ doc, report }) {
    if (metadataField(doc, 'Severity')?.value.text !== 'Critical') return;
    const group = doc.checkboxGroups.find((g) => g.definition === ENFORCEMENT_GROUP);
    const audit = group?.items.find((i) => i.checked && i.label.text === 'Audit Only');
    if (!audit) return;
    report({
      range: audit.label.range,
      message: 'Severity is Critical but enforcement is Audit Only: consider Hard Block or Soft Warning, or say in the Rationale why auditing is enough.',
    });
  },
};
