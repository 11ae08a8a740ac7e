import type { Section } from '../model';
import type { Rule, RuleContext } from '../rule';
import { SECTIONS, type SectionDef } from '../template';

export const sectionOrder: Rule = {
  code: 'SD013',
  name: 'section-order',
  description: "Sections and subsections of the template come in the template's order; sections it does not name may stand anywhere.",
  ruleClass: 'order',
  check(context) {
    reportOutOfOrder(context, context.doc.sections, SECTIONS, undefined);
    for (const section of context.doc.sections) {
      if (section.definition) reportOutOfOrder(context, section.subsections, section.definition.subsections, section.name);
    }
  },
};

/**
 * Keeps the longest run of sections already in the template's order and reports each of the
 * others, so that moving a single section is a single finding (the ones around it are fine).
 * Sections the template does not name, and repeats (SD003), take no part.
 */
function reportOutOfOrder({ report }: RuleContext, sections: readonly Section[], order: readonly SectionDef[], parent: string | undefined): void {
  const seen = new Set<SectionDef>();
  const placed: { section: Section; rank: number }[] = [];
  for (const section of sections) {
    const rank = section.definition ? order.indexOf(section.definition) : -1;
    if (rank === -1 || seen.has(section.definition!)) continue;
    seen.add(section.definition!);
    placed.push({ section, rank });
  }
  const kept = longestIncreasing(placed.map((p) => p.rank));
  const inOrder = placed.filter((_, i) => kept.has(i));
  for (const [i, { section, rank }] of placed.entries()) {
    if (kept.has(i)) continue;
    const before = inOrder.filter((p) => p.rank < rank).at(-1);
    const after = inOrder.find((p) => p.rank > rank);
    const where = before ? `after '${before.section.name}'` : `before '${after!.section.name}'`;
    const within = parent ? ` in '${parent}'` : '';
    report({
      range: section.nameRange,
      message: `Put '${section.name}' ${where}${within}, where the template has it, so that readers find it where they expect it.`,
    });
  }
}

/** The indices of a longest strictly increasing subsequence (the earliest one among equals). */
function longestIncreasing(ranks: readonly number[]): Set<number> {
  const length = ranks.map(() => 1);
  const previous = ranks.map(() => -1);
  for (let i = 0; i < ranks.length; i++) {
    for (let j = 0; j < i; j++) {
      if (ranks[j]! < ranks[i]! && length[j]! + 1 > length[i]!) {
        length[i] = length[j]! + 1;
        previous[i] = j;
      }
    }
  }
  let end = -1;
  for (let i = 0; i < ranks.length; i++) if (end === -1 || length[i]! > length[end]!) end = i;
  const kept = new Set<number>();
  for (let i = end; i !== -1; i = previous[i]!) kept.add(i);
  return kept;
}
