import { Diagnostic, DiagnosticSeverity } from 'vscode-languageserver-types';
import type { DocumentStatus, SectionSummary, WorkspaceEntry } from '$shared/protocol';
import type { Section, SpecDeltaDocument } from './model';
import { CATEGORY_GROUP, ENFORCEMENT_GROUP, REVIEW_GROUP, SECTIONS, SectionDef } from './template';
import { checkedItems } from './query/checkboxes';
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
  // The lines of the findings that leave a section unfinished, read once for every section.
  const incomplete: number[] = [];
  for (const d of diagnostics) if (INCOMPLETE.has(String(d.code))) incomplete.push(d.range.start.line);
  const sections: SectionSummary[] = [];
  // The sections that count: those without subsections, and every subsection.
  let done = 0;
  let total = 0;
  const count = (summary: SectionSummary): void => {
    sections.push(summary);
    total++;
    if (summary.state === 'done') done++;
  };
  for (const def of SECTIONS) {
    const present = doc.sections.find((s) => s.definition === def);
    if (def.subsections.length === 0) count(summarize(def, present, incomplete, 2));
    else {
      sections.push({ name: def.name, level: 2, state: present ? 'done' : 'missing', line: present?.headingRange.start.line });
      for (const subDef of def.subsections) {
        if (subDef.postApproval && status !== 'Approved') continue;
        count(
          summarize(
            subDef,
            present?.subsections.find((s) => s.definition === subDef),
            incomplete,
            3,
          ),
        );
      }
    }
  }
  const checked = (group: typeof CATEGORY_GROUP): string[] =>
    checkedItems(doc, group).map((i) => (i.isOther ? `Other: ${i.otherName?.text ?? ''}`.trim() : i.label.text));
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
    completeness: { done, total },
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

/** `incomplete`: the lines of the document's incompleteness findings. */
function summarize(def: SectionDef, section: Section | undefined, incomplete: readonly number[], level: 2 | 3): SectionSummary {
  if (!section) return { name: def.name, level, state: 'missing', line: undefined };
  const from = section.headingRange.start.line;
  const to = section.bodyEndLine;
  let unfinished = section.guidanceOnly;
  for (let i = 0; !unfinished && i < incomplete.length; i++) unfinished = incomplete[i]! >= from && incomplete[i]! < to;
  return { name: def.name, level, state: unfinished ? 'guidance' : 'done', line: from };
}
