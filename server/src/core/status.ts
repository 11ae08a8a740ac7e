import { Diagnostic, DiagnosticSeverity } from 'vscode-languageserver-types';
import type { DocumentStatus, SectionSummary, WorkspaceEntry } from '$shared/protocol';
import type { Section, SpecDeltaDocument } from './model';
import { CATEGORY_GROUP, ENFORCEMENT_GROUP, REVIEW_GROUP, SECTIONS, SectionDef } from './template';
import { approvalRows } from './query/tables';
import { definedId } from './query/ids';
import { RULES } from './rules';
import { metadataField, statusOf } from './values';

/** Codes whose findings mean a section is not finished yet: the incompleteness rules'. */
const INCOMPLETE = new Set(RULES.filter((r) => r.ruleClass === 'incompleteness').map((r) => r.code));

/**
 * Where a spec delta stands, for the status panel, the workspace tree and the status bar: a
 * section is done when it is present and nothing in it is left incomplete.
 */
export function documentStatus(doc: SpecDeltaDocument, diagnostics: readonly Diagnostic[], isSpecDelta: boolean, idPattern: string): DocumentStatus {
  const status = statusOf(doc);
  const sections: SectionSummary[] = [];
  for (const def of SECTIONS) {
    const present = doc.sections.find((s) => s.definition === def);
    if (def.subsections.length === 0) sections.push(summarize(def, present, diagnostics, 2));
    else {
      sections.push({ name: def.name, level: 2, state: present ? 'done' : 'missing', line: present?.headingRange.start.line });
      for (const subDef of def.subsections) {
        if (subDef.postApproval && status !== 'Approved') continue;
        sections.push(
          summarize(
            subDef,
            present?.subsections.find((s) => s.definition === subDef),
            diagnostics,
            3,
          ),
        );
      }
    }
  }
  const counted = sections.filter((s) => s.level === 3 || !SECTIONS.find((d) => d.name === s.name)?.subsections.length);
  const checked = (group: typeof CATEGORY_GROUP): string[] =>
    doc.checkboxGroups
      .filter((g) => g.definition === group)
      .flatMap((g) => g.items.filter((i) => i.checked).map((i) => (i.isOther ? `Other: ${i.otherName?.text ?? ''}`.trim() : i.label.text)));
  const review = doc.checkboxGroups.find((g) => g.definition === REVIEW_GROUP);
  const statement = doc.ruleStatement;
  return {
    uri: doc.uri,
    version: doc.version,
    isSpecDelta,
    id: definedId(doc, idPattern)?.text,
    title: doc.title?.text?.text,
    status,
    writtenStatus: metadataField(doc, 'Status')?.value.text ?? '',
    severity: metadataField(doc, 'Severity')?.value.text ?? '',
    sections,
    completeness: { done: counted.filter((s) => s.state === 'done').length, total: counted.length },
    categories: checked(CATEGORY_GROUP),
    enforcement: checked(ENFORCEMENT_GROUP),
    ruleStatement: statement && {
      text: statement.text,
      component: statement.component?.text,
      modal: statement.modal?.text,
      requirement: statement.requirement?.text,
      when: statement.when?.text,
      condition: statement.condition?.text,
    },
    checklist: { checked: review?.items.filter((i) => i.checked).length ?? 0, total: review?.items.length ?? 0 },
    approvals: approvalRows(doc).map((r) => ({
      role: r.role?.text ?? '',
      name: r.name?.text ?? '',
      date: r.date?.text ?? '',
      decision: r.decision?.text ?? '',
    })),
    problems: diagnostics,
  };
}

/** The tree's line for one spec delta. */
export function workspaceEntry(status: DocumentStatus): WorkspaceEntry {
  return {
    uri: status.uri,
    id: status.id,
    title: status.title,
    status: status.status,
    severity: status.severity,
    problems: status.problems.length,
    errors: status.problems.filter((p) => p.severity === DiagnosticSeverity.Error).length,
    completeness: status.completeness,
  };
}

function summarize(def: SectionDef, section: Section | undefined, diagnostics: readonly Diagnostic[], level: 2 | 3): SectionSummary {
  if (!section) return { name: def.name, level, state: 'missing', line: undefined };
  const from = section.headingRange.start.line;
  const to = section.bodyEndLine;
  const incomplete = section.guidanceOnly || diagnostics.some((d) => INCOMPLETE.has(String(d.code)) && d.range.start.line >= from && d.range.start.line < to);
  return { name: def.name, level, state: incomplete ? 'guidance' : 'done', line: from };
}
