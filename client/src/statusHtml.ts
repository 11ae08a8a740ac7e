import { isOptionList, SEVERITY_VALUES, STATUS_VALUES } from '$core';
import type { DocumentStatus, SectionState } from '$shared/protocol';
import { escapeHtml, webviewPage } from './webviewHtml';

/**
 * The Status view's HTML, built from the server's DocumentStatus. Pure and free of `vscode`, so
 * that unit tests can check it; every string from a document goes through `escapeHtml`.
 */

const STATE_LABEL: Record<SectionState, string> = { done: 'Done', guidance: 'To write', missing: 'Missing' };
const STATE_ICON: Record<SectionState, string> = { done: '✓', guidance: '○', missing: '✗' };
const SEVERITY_LABEL = ['', 'Error', 'Warning', 'Info', 'Hint'];

/** The page shell: strict CSP with a nonce, no remote resources, theme colours only. */
export function statusPage(nonce: string, cspSource: string): string {
  return webviewPage({ nonce, cspSource, title: 'Spec Delta Status', style: STYLE, script: SCRIPT, body: emptyState() });
}

function emptyState(): string {
  return `<section class="empty" aria-labelledby="h-empty">
<h1 id="h-empty">No spec delta in the active editor</h1>
<p>This panel shows where the spec delta in the active editor stands: its sections, rule statement, review, approvals and problems, as you type.</p>
<p>Open a spec delta (a Markdown file whose first heading starts with <code>Spec Delta:</code>, or one in a <code>spec-deltas</code> folder), or create one:</p>
<button data-action="new">New Spec Delta</button>
</section>`;
}

/** What a screen reader announces when the panel changes (the panel itself is not a live region: it changes on every keystroke). */
export function statusSummary(status: DocumentStatus | null): string {
  if (!status || !status.isSpecDelta) return 'No spec delta in the active editor.';
  const n = status.problems.length;
  return `${status.id ?? 'Spec delta'}: ${status.status}, ${n === 0 ? 'no problems' : `${n} problem${n === 1 ? '' : 's'}`}.`;
}

export function statusBody(status: DocumentStatus | null): string {
  if (!status || !status.isSpecDelta) return emptyState();
  const e = escapeHtml;
  // The label is read out before the value; an unknown value is marked (its problem says why).
  const badge = (kind: string, label: string, value: string, invalid: string | undefined): string =>
    `<span class="badge badge-${kind}${invalid ? ' badge-invalid' : ''}" title="${e(invalid ?? label)}"><span class="visually-hidden">${label}: </span><span class="value">${e(value || 'not set')}</span></span>`;
  const severities = SEVERITY_VALUES.map((v) => v.value);
  const severityInvalid = severities.includes(status.severity) ? undefined : `Severity: not one of ${severities.join(', ')}`;
  // A Status that is not one of the four counts as Draft: shown as written, marked, with what it counts as.
  const statuses = STATUS_VALUES.map((v) => v.value);
  const statusWritten = status.writtenStatus !== status.status && status.writtenStatus !== '' && !isOptionList(status.writtenStatus, STATUS_VALUES);
  const statusInvalid = statusWritten ? `Status: not one of ${statuses.join(', ')}; counted as ${status.status}` : undefined;
  const count = status.problems.length;
  const problemsBadge = count
    ? `<button class="badge badge-problems" data-action="focusProblems" title="Go to the problems">${count} problem${count === 1 ? '' : 's'}</button>`
    : '<span class="badge badge-ok">No problems</span>';
  const errors = status.problems.filter((p) => p.severity === 1).length;
  const warnings = status.problems.filter((p) => p.severity === 2).length;
  const sections = status.sections
    .map((s) => {
      const label = `${s.name}: ${STATE_LABEL[s.state]}`;
      const inner = `<span class="state state-${s.state}" aria-hidden="true">${STATE_ICON[s.state]}</span> ${e(s.name)}<span class="visually-hidden">: ${STATE_LABEL[s.state]}</span>`;
      const item =
        s.line === undefined
          ? `<span>${inner}</span>`
          : `<button class="link" data-action="reveal" data-line="${s.line}" data-character="0" aria-label="${e(label)}">${inner}</button>`;
      return `<li class="level-${s.level}">${item}</li>`;
    })
    .join('');
  const rule = status.ruleStatement;
  const slot = (name: string, value: string | undefined): string =>
    `<div class="slot"><span class="slot-name">${e(name)}</span><span class="slot-value${value ? '' : ' slot-empty'}">${e(value ?? '—')}</span></div>`;
  const ruleHtml = rule
    ? `<div class="slots">${slot('Component', rule.component)}${slot(rule.modal ?? 'MUST', rule.requirement)}${slot(rule.when ?? 'WHEN', rule.condition)}</div>`
    : '<p class="muted">No rule statement yet.</p>';
  const approvals = status.approvals.length
    ? `<table><thead><tr><th scope="col">Role</th><th scope="col">Name</th><th scope="col">Date</th><th scope="col">Decision</th></tr></thead><tbody>${status.approvals
        .map(
          (a) =>
            `<tr><td>${e(a.role)}</td><td>${e(a.name) || '<span class="muted">—</span>'}</td><td>${e(a.date) || '<span class="muted">—</span>'}</td><td>${e(a.decision) || '<span class="muted">undecided</span>'}</td></tr>`,
        )
        .join('')}</tbody></table>`
    : '<p class="muted">No approval table.</p>';
  const problems = status.problems.length
    ? `<ul class="problems">${status.problems
        .map((p) => {
          const severity = SEVERITY_LABEL[p.severity ?? 1] ?? 'Error';
          const message = typeof p.message === 'string' ? p.message : p.message.value;
          return `<li><button class="problem" data-action="reveal" data-line="${p.range.start.line}" data-character="${p.range.start.character}" aria-label="${e(`${severity} on line ${p.range.start.line + 1}: ${message}`)}"><span class="sev sev-${severity.toLowerCase()}">${severity}</span> <span class="where">${p.range.start.line + 1}:${p.range.start.character + 1}</span> ${e(message)} <span class="code">${e(String(p.code ?? ''))}</span></button></li>`;
        })
        .join('')}</ul>`
    : '<p class="ok">No problems.</p>';
  const missing = status.sections.some((s) => s.state === 'missing');
  return `<header>
<h1><span class="id">${e(status.id ?? 'No id')}</span> <span class="title">${e(status.title ?? 'Untitled')}</span></h1>
<div class="badges">${badge('status', 'Status', statusWritten ? status.writtenStatus : status.status, statusInvalid)} ${badge('severity', 'Severity', status.severity, severityInvalid)} ${problemsBadge}</div>
</header>
<section aria-labelledby="h-complete"><h2 id="h-complete">Completeness <span class="count">${status.completeness.done}/${status.completeness.total}</span></h2>
<progress max="${status.completeness.total}" value="${status.completeness.done}" aria-label="Sections done">${status.completeness.done}/${status.completeness.total}</progress>
<ul class="sections">${sections}</ul>
${missing ? '<button data-action="insertMissingSections">Insert Missing Sections</button>' : ''}</section>
<section aria-labelledby="h-choice"><h2 id="h-choice">Category and enforcement</h2>
<dl><dt>Category</dt><dd>${e(status.categories.join(', ')) || '<span class="muted">none checked</span>'}</dd><dt>Enforcement</dt><dd>${e(status.enforcement.join(', ')) || '<span class="muted">none checked</span>'}</dd></dl></section>
<section aria-labelledby="h-rule"><h2 id="h-rule">Rule statement</h2>${ruleHtml}</section>
<section aria-labelledby="h-review"><h2 id="h-review">Review checklist <span class="count">${status.checklist.checked}/${status.checklist.total}</span></h2>
${status.checklist.total ? `<progress max="${status.checklist.total}" value="${status.checklist.checked}" aria-label="Checklist items checked">${status.checklist.checked}/${status.checklist.total}</progress>` : '<p class="muted">No review checklist.</p>'}</section>
<section aria-labelledby="h-approval"><h2 id="h-approval">Approvals</h2>${approvals}</section>
<section id="problems" aria-labelledby="h-problems"><h2 id="h-problems">Problems <span class="count">${errors} errors, ${warnings} warnings, ${status.problems.length - errors - warnings} info</span></h2>${problems}</section>`;
}

const STYLE = `
body { font-family: var(--vscode-font-family); font-size: var(--vscode-font-size); color: var(--vscode-foreground); padding: 0 12px 12px; }
h1 { font-size: 1.15em; margin: 12px 0 6px; } h2 { font-size: 1em; margin: 14px 0 6px; }
.id { color: var(--vscode-textLink-foreground); font-family: var(--vscode-editor-font-family); }
.badges { display: flex; flex-wrap: wrap; gap: 4px; }
.badge { display: inline-block; padding: 1px 8px; border-radius: 10px; background: var(--vscode-badge-background); color: var(--vscode-badge-foreground); border: 1px solid var(--vscode-contrastBorder, transparent); }
.badge-invalid { background: var(--vscode-inputValidation-errorBackground, transparent); color: var(--vscode-foreground); border-color: var(--vscode-inputValidation-errorBorder, var(--vscode-editorError-foreground)); }
.badge-ok { background: none; color: var(--vscode-descriptionForeground); border-color: var(--vscode-widget-border, transparent); }
button.badge { margin: 0; font: inherit; cursor: pointer; }
.empty h1 { font-size: 1.05em; } code { font-family: var(--vscode-editor-font-family); background: var(--vscode-textCodeBlock-background); padding: 0 2px; }
.count, .muted, .where, .code { color: var(--vscode-descriptionForeground); font-weight: normal; }
ul { list-style: none; padding: 0; margin: 0; } li.level-3 { padding-left: 16px; }
.state-done { color: var(--vscode-testing-iconPassed, var(--vscode-charts-green)); }
.state-guidance { color: var(--vscode-editorWarning-foreground); } .state-missing { color: var(--vscode-editorError-foreground); }
button { font: inherit; color: var(--vscode-button-foreground); background: var(--vscode-button-background); border: 1px solid var(--vscode-button-border, transparent); padding: 4px 10px; margin-top: 8px; cursor: pointer; }
button:hover { background: var(--vscode-button-hoverBackground); }
button.link, button.problem { background: none; color: var(--vscode-foreground); border: none; padding: 2px 0; margin: 0; text-align: left; width: 100%; }
button.link:hover, button.problem:hover { background: var(--vscode-list-hoverBackground); }
button:focus-visible { outline: 1px solid var(--vscode-focusBorder); outline-offset: 1px; }
button.problem { display: block; padding: 3px 2px; }
.sev-error { color: var(--vscode-editorError-foreground); } .sev-warning { color: var(--vscode-editorWarning-foreground); } .sev-info, .sev-hint { color: var(--vscode-editorInfo-foreground); }
progress { width: 100%; accent-color: var(--vscode-progressBar-background); }
table { border-collapse: collapse; width: 100%; } th, td { text-align: left; padding: 2px 4px; border-bottom: 1px solid var(--vscode-widget-border, var(--vscode-panel-border)); }
.slots { display: grid; gap: 4px; } .slot { display: grid; grid-template-columns: 7em 1fr; } .slot-name { font-weight: bold; color: var(--vscode-symbolIcon-keywordForeground, var(--vscode-foreground)); } .slot-empty { color: var(--vscode-descriptionForeground); }
dl { display: grid; grid-template-columns: 7em 1fr; gap: 2px; margin: 0; } dd { margin: 0; }
.ok { color: var(--vscode-testing-iconPassed, var(--vscode-foreground)); }
.visually-hidden { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); }
`;

const SCRIPT = `
const vscode = acquireVsCodeApi();
const root = document.getElementById('root');
const announce = document.getElementById('announce');
window.addEventListener('message', (event) => {
  const message = event.data;
  if (!message || message.type !== 'render' || typeof message.html !== 'string') return;
  root.innerHTML = message.html;
  if (typeof message.summary === 'string' && announce.textContent !== message.summary) announce.textContent = message.summary;
});
root.addEventListener('click', (event) => {
  const target = event.target instanceof Element ? event.target.closest('[data-action]') : null;
  if (!target) return;
  const action = target.getAttribute('data-action');
  if (action === 'focusProblems') return document.querySelector('#problems button.problem')?.focus();
  if (action === 'reveal') vscode.postMessage({ type: 'reveal', line: Number(target.getAttribute('data-line')), character: Number(target.getAttribute('data-character')) });
  else if (action === 'insertMissingSections' || action === 'new') vscode.postMessage({ type: action });
});
vscode.postMessage({ type: 'ready' });
`;

/** Messages the webview may send; anything else is ignored. */
export type StatusViewMessage = { type: 'ready' } | { type: 'new' } | { type: 'insertMissingSections' } | { type: 'reveal'; line: number; character: number };

export function parseStatusViewMessage(message: unknown): StatusViewMessage | undefined {
  if (typeof message !== 'object' || message === null) return undefined;
  const m = message as Record<string, unknown>;
  if (m.type === 'ready' || m.type === 'new' || m.type === 'insertMissingSections') return { type: m.type };
  if (m.type === 'reveal' && isIndex(m.line) && isIndex(m.character)) return { type: 'reveal', line: m.line, character: m.character };
  return undefined;
}

function isIndex(value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= 0 && value < 10_000_000;
}
