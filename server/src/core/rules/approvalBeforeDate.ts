import type { Rule } from '../rule';
import { isValidDate, metadataField } from '../values';
import { approvalRows } from '../query/tables';

export const approvalBeforeDate: Rule = {
  code: 'SD203',
  name: 'approval-before-date',
  description: "No approval date precedes the document's Date.",
  ruleClass: 'approval',
  check({ doc, status, report }) {
    if (status !== 'Approved' && status !== 'Rejected') return;
    const date = metadataField(doc, 'Date')?.value.text ?? '';
    if (!isValidDate(date)) return;
    for (const row of approvalRows(doc)) {
      const cell = row.date;
      if (!cell || !isValidDate(cell.text) || cell.text >= date) continue;
      report({
        range: cell.range,
        message: `The ${row.role?.text || 'approval'} date ${cell.text} is before the document's Date ${date}: correct one of them.`,
      });
    }
  },
};
