import type { Rule } from '../rule';
import { TITLE_PREFIX } from '../template';
import { headingAnchor } from '../query/document';

export const missingTitle: Rule = {
  code: 'SD009',
  name: 'missing-title',
  description: 'The document starts with a level-1 heading `# Spec Delta: <id> <title>`.',
  ruleClass: 'structure',
  check({ doc, report }) {
    if (doc.title && doc.hasSpecDeltaTitle) return;
    const message = doc.hasSpecDeltaTitle
      ? `Make the title a level-1 heading: # ${TITLE_PREFIX} <id> <brief title>.`
      : `Start the document with the title # ${TITLE_PREFIX} <id> <brief title>.`;
    report({ range: headingAnchor(doc), message });
  },
};
