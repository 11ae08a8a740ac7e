import { DiagnosticSeverity } from 'vscode-languageserver-types';
import type { RuleClass, Status } from './rule';

const { Error, Warning, Information } = DiagnosticSeverity;

/**
 * The status-aware severity model, exactly as SPEC section 3 tabulates it (and section 6 adds). `undefined` means the
 * class does not apply to that status (approval consistency before a decision).
 */
const TABLE: Record<RuleClass, Record<Status, DiagnosticSeverity | undefined>> = {
  structure: { Draft: Error, 'Under Review': Error, Approved: Error, Rejected: Error },
  incompleteness: { Draft: Warning, 'Under Review': Error, Approved: Error, Rejected: Warning },
  approval: { Draft: undefined, 'Under Review': undefined, Approved: Error, Rejected: Warning },
  quality: { Draft: Warning, 'Under Review': Warning, Approved: Warning, Rejected: Warning },
  // SPEC section 6: sections out of the template's order.
  order: { Draft: Warning, 'Under Review': Warning, Approved: Warning, Rejected: Warning },
  hint: { Draft: Information, 'Under Review': Information, Approved: Information, Rejected: Information },
};

export type RuleSetting = 'off' | 'error' | 'warning' | 'information' | 'hint' | 'default';

const CONFIGURED: Record<Exclude<RuleSetting, 'off' | 'default'>, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  information: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

/** The severity of a finding, or undefined when it is not reported at all. */
export function severityOf(ruleClass: RuleClass, status: Status, setting: RuleSetting = 'default'): DiagnosticSeverity | undefined {
  const base = TABLE[ruleClass][status];
  if (base === undefined || setting === 'off') return undefined;
  return setting === 'default' ? base : CONFIGURED[setting];
}

export function severityName(severity: DiagnosticSeverity): 'error' | 'warning' | 'information' | 'hint' {
  return severity === Error ? 'error' : severity === Warning ? 'warning' : severity === Information ? 'information' : 'hint';
}
