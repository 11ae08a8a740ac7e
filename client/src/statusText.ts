import type { DocumentStatus } from '$shared/protocol';

/** The status bar's words for a spec delta (pure, for unit tests). */
export function statusBarText(status: DocumentStatus): { text: string; tooltip: string; errors: number } {
  const problems = status.problems.length;
  const errors = status.problems.filter((p) => p.severity === 1).length;
  const icon = errors > 0 ? '$(error)' : problems > 0 ? '$(warning)' : '$(pass)';
  const count = `${problems} problem${problems === 1 ? '' : 's'}`;
  const text = `${icon} ${status.id ?? 'Spec delta'} · ${status.status} · ${count}`;
  const tooltip = `${status.id ?? 'Spec delta'}: ${status.status}, ${count}, ${status.completeness.done}/${status.completeness.total} sections done. Click for the Status panel.`;
  return { text, tooltip, errors };
}
