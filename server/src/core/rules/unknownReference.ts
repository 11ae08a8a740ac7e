import type { Rule } from '../rule';

export const unknownReference: Rule = {
  code: 'SD403',
  name: 'unknown-reference',
  description: 'Every referenced invariant id is defined by some spec delta in the workspace.',
  ruleClass: 'hint',
  crossDocument: true,
  check({ doc, workspace, report }) {
    if (!workspace) return;
    for (const token of doc.idTokens) {
      if (token.role !== 'reference' || !token.valid) continue;
      if (workspace.definitions(token.text).length > 0) continue;
      report({ range: token.range, message: `No spec delta in the workspace defines ${token.text}: check the number.` });
    }
  },
};
