import { insertFieldFix } from '../fixes';
import type { Section } from '../model';
import type { Rule, RuleContext } from '../rule';
import { FieldDef, METADATA_FIELDS, SectionDef } from '../template';
import { headingAnchor } from '../query/document';

export const missingField: Rule = {
  code: 'SD004',
  name: 'missing-field',
  description: 'Every `**Field**:` line of the template (Date, Status, Duration, Scenario, ...) is present.',
  ruleClass: 'structure',
  fix: 'insert',
  check(context) {
    const { doc, report } = context;
    // Without a title the metadata goes first, not into whatever the first line is.
    const titleLine = doc.title?.range.end.line ?? -1;
    const metadataEnd = doc.sections[0]?.headingRange.start.line ?? doc.lines.length;
    // A metadata field anywhere outside the sections counts, above the title too.
    const isMissing = (def: FieldDef): boolean => !doc.fields.some((f) => f.section === undefined && f.definition === def);
    for (const def of METADATA_FIELDS) {
      if (!isMissing(def)) continue;
      report({
        range: headingAnchor(doc),
        message: `Add the missing **${def.name}** field under the title.`,
        fixes: [insertFieldFix(doc, [METADATA_FIELDS], def, false, titleLine, metadataEnd, isMissing)],
      });
    }
    for (const section of doc.sections) {
      if (section.definition) checkSection(context, section, section.definition);
      for (const sub of section.subsections) if (sub.definition) checkSection(context, sub, sub.definition);
    }
  },
};

type FieldsBlock = Extract<SectionDef['groups'][number][number], { kind: 'fields' }>;
const fieldBlocks = new WeakMap<SectionDef, readonly FieldsBlock[]>();

function checkSection({ doc, report }: RuleContext, section: Section, def: SectionDef): void {
  let blocks = fieldBlocks.get(def);
  if (!blocks) fieldBlocks.set(def, (blocks = def.groups.flat().filter((b): b is FieldsBlock => b.kind === 'fields')));
  if (blocks.length === 0) return;
  // Fields of separate groups (Scenario, Expected ..., Why ...) are kept in template order together.
  const groups: (readonly FieldDef[])[] = blocks.map((b) => b.fields);
  const inSection = doc.fields.filter((f) => f.line > section.headingRange.end.line && f.line < section.bodyEndLine);
  for (const block of blocks) {
    for (const field of block.fields) {
      if (inSection.some((f) => f.definition === field)) continue;
      report({
        range: section.nameRange,
        message: `Add the missing **${field.name}** field to '${section.name}'.`,
        fixes: [insertFieldFix(doc, block.bullets ? [block.fields] : groups, field, block.bullets, section.headingRange.end.line, section.bodyEndLine)],
      });
    }
  }
}
