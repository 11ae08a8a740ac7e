import type { Section } from '../model';
import type { Rule, RuleContext } from '../rule';

export const duplicateSection: Rule = {
  code: 'SD003',
  name: 'duplicate-section',
  description: 'No section or subsection of the template appears twice.',
  ruleClass: 'structure',
  check(context) {
    reportRepeats(context, context.doc.sections, undefined);
    for (const section of context.doc.sections) reportRepeats(context, section.subsections, section.name);
  },
};

function reportRepeats({ doc, report }: RuleContext, sections: readonly Section[], parent: string | undefined): void {
  const first = new Map<object, Section>();
  for (const section of sections) {
    if (!section.definition) continue;
    const earlier = first.get(section.definition);
    if (!earlier) {
      first.set(section.definition, section);
      continue;
    }
    const where = parent ? ` in '${parent}'` : '';
    report({
      range: section.nameRange,
      message: `'${section.name}' appears twice${where}: merge it into the one on line ${earlier.nameRange.start.line + 1}.`,
      related: [{ uri: doc.uri, range: earlier.nameRange, message: 'First occurrence' }],
    });
  }
}
