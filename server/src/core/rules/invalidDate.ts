import type { Rule } from '../rule';
import { isValidDate, metadataField, valueState } from '../values';
import { approvalRows } from '../query/tables';

export const invalidDate: Rule = {
  code: 'SD007',
  name: 'invalid-date',
  description: 'Dates (the Date field and approval dates) are real calendar dates written `YYYY-MM-DD`.',
  ruleClass: 'structure',
  check({ doc, report }) {
    const date = metadataField(doc, 'Date');
    if (date && valueState(date) === 'invalid') {
      report({ range: date.value.range, message: dateMessage('Date', date.value.text) });
    }
    for (const row of approvalRows(doc)) {
      const cell = row.date;
      if (!cell || cell.text === '' || isValidDate(cell.text)) continue;
      report({ range: cell.range, message: dateMessage(`The ${row.role?.text || 'approval'} date`, cell.text) });
    }
  },
};

function dateMessage(what: string, value: string): string {
  return /^\d{4}-\d{2}-\d{2}$/.test(value)
    ? `${what} '${value}' is not a real calendar date: check the month and day.`
    : `${what} must be written YYYY-MM-DD (such as 2026-03-14); found '${value}'.`;
}
