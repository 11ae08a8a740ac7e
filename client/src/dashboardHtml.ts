import type { ActionList, Chart, DashboardModel } from './dashboardModel';
import { escapeHtml as e, webviewPage } from './webviewHtml';

/**
 * The Dashboard's HTML: charts drawn here as SVG (no script library, nothing remote), each with
 * a text title for screen readers and a table alternative, and the action lists as buttons.
 * Pure and free of `vscode`; every string from a document goes through `escapeHtml`.
 */

/** The page shell: strict CSP with a nonce, no remote resources, theme colours only. */
export function dashboardPage(nonce: string, cspSource: string): string {
  return webviewPage({ nonce, cspSource, title: 'Spec Delta Dashboard', style: STYLE, script: SCRIPT, body: '<p class="muted">Loading the catalogue…</p>' });
}

/** What a screen reader announces when the Dashboard changes. */
export function dashboardSummary(model: DashboardModel): string {
  const waiting = model.actions.reduce((n, a) => n + a.items.length, 0);
  return `${model.total} spec delta${model.total === 1 ? '' : 's'}; ${waiting} item${waiting === 1 ? '' : 's'} need${waiting === 1 ? 's' : ''} action.`;
}

export function dashboardBody(model: DashboardModel): string {
  if (model.total === 0) {
    return `<section class="empty" aria-labelledby="h-empty"><h1 id="h-empty">No spec deltas in this workspace yet</h1>
<p>The Dashboard counts the workspace's spec deltas by Status, Severity, Category and Enforcement Level and lists those that need action.</p>
<button data-action="new">New Spec Delta</button></section>`;
  }
  return `<header><h1>Spec Delta Dashboard</h1><p class="muted" id="total">${model.total} spec delta${model.total === 1 ? '' : 's'} in the workspace</p></header>
<section aria-labelledby="h-counts"><h2 id="h-counts">Counts</h2><div class="charts">${model.charts.map(chart).join('\n')}</div></section>
<section aria-labelledby="h-needs"><h2 id="h-needs">Needs action</h2><div class="actions">${model.actions.map(actionList).join('\n')}</div></section>`;
}

const ROW = 22;
const LABEL_WIDTH = 170;
const BAR_WIDTH = 120;

function chart(c: Chart): string {
  const max = Math.max(1, ...c.counts.map((n) => n.count));
  const height = c.counts.length * ROW;
  const width = LABEL_WIDTH + BAR_WIDTH + 40;
  const spoken = `${c.title}: ${c.counts.map((n) => `${n.label} ${n.count}`).join(', ')}`;
  const rows = c.counts
    .map((n, i) => {
      const y = i * ROW;
      const w = Math.round((n.count / max) * BAR_WIDTH);
      const label = n.label.length > 28 ? `${n.label.slice(0, 27)}…` : n.label;
      return `<g class="row" data-label="${e(n.label)}" data-count="${n.count}"><title>${e(`${n.label}: ${n.count}`)}</title><text class="label" x="0" y="${y + 15}">${e(label)}</text><rect class="bar${n.count === 0 ? ' zero' : ''}" x="${LABEL_WIDTH}" y="${y + 4}" width="${Math.max(w, 1)}" height="${ROW - 8}" rx="2"></rect><text class="value" x="${LABEL_WIDTH + Math.max(w, 1) + 6}" y="${y + 15}">${n.count}</text></g>`;
    })
    .join('');
  return `<figure class="chart" data-chart="${c.key}" aria-labelledby="cap-${c.key}">
<figcaption id="cap-${c.key}">${e(c.title)}</figcaption>
<svg role="img" aria-label="${e(spoken)}" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}">${rows}</svg>
<details><summary>${e(c.title)} as a table</summary><table><thead><tr><th scope="col">${e(c.title)}</th><th scope="col">Spec deltas</th></tr></thead><tbody>${c.counts
    .map((n) => `<tr><th scope="row">${e(n.label)}</th><td>${n.count}</td></tr>`)
    .join('')}</tbody></table></details>
</figure>`;
}

function actionList(list: ActionList): string {
  const items = list.items.length
    ? `<ul>${list.items
        .map(
          (i) =>
            `<li><button class="open" data-action="open" data-uri="${e(i.uri)}" title="${e(i.file)}"><span class="id">${e(i.id ?? 'No id')}</span> <span class="title">${e(i.title ?? 'Untitled')}</span> <span class="detail">${e(i.detail)}</span></button></li>`,
        )
        .join('')}</ul>`
    : `<p class="ok">${e(list.empty)}</p>`;
  return `<section class="action-list" data-list="${list.key}" aria-labelledby="h-${list.key}"><h3 id="h-${list.key}">${e(list.title)} <span class="count">${list.items.length}</span></h3>${items}</section>`;
}

const STYLE = `
body { font-family: var(--vscode-font-family); font-size: var(--vscode-font-size); color: var(--vscode-foreground); padding: 0 20px 20px; }
h1 { font-size: 1.3em; margin: 16px 0 2px; } h2 { font-size: 1.1em; margin: 18px 0 8px; } h3 { font-size: 1em; margin: 0 0 6px; }
.muted, .count, .detail { color: var(--vscode-descriptionForeground); font-weight: normal; }
.charts, .actions { display: grid; grid-template-columns: repeat(auto-fill, minmax(350px, 1fr)); gap: 12px; }
figure { margin: 0; padding: 10px; border: 1px solid var(--vscode-widget-border, var(--vscode-panel-border)); border-radius: 4px; }
figcaption { font-weight: bold; margin-bottom: 6px; }
svg { max-width: 100%; height: auto; }
svg text { font-family: var(--vscode-font-family); font-size: 12px; fill: var(--vscode-foreground); }
svg text.value { fill: var(--vscode-descriptionForeground); }
.bar { fill: var(--vscode-charts-blue); stroke: var(--vscode-contrastBorder, none); } .bar.zero { fill: var(--vscode-descriptionForeground); opacity: 0.4; }
figure[data-chart="severity"] .bar { fill: var(--vscode-charts-orange); }
figure[data-chart="category"] .bar { fill: var(--vscode-charts-purple); }
figure[data-chart="enforcement"] .bar { fill: var(--vscode-charts-green); }
details { margin-top: 6px; } summary { cursor: pointer; color: var(--vscode-textLink-foreground); }
table { border-collapse: collapse; margin-top: 4px; } th, td { text-align: left; padding: 2px 8px 2px 0; border-bottom: 1px solid var(--vscode-widget-border, var(--vscode-panel-border)); }
.action-list { padding: 10px; border: 1px solid var(--vscode-widget-border, var(--vscode-panel-border)); border-radius: 4px; }
ul { list-style: none; padding: 0; margin: 0; }
button { font: inherit; color: var(--vscode-button-foreground); background: var(--vscode-button-background); border: 1px solid var(--vscode-button-border, transparent); padding: 4px 10px; cursor: pointer; }
button.open { display: block; width: 100%; text-align: left; background: none; color: var(--vscode-foreground); border: none; padding: 3px 2px; }
button.open:hover { background: var(--vscode-list-hoverBackground); }
button:focus-visible, summary:focus-visible { outline: 1px solid var(--vscode-focusBorder); outline-offset: 1px; }
.id { color: var(--vscode-textLink-foreground); font-family: var(--vscode-editor-font-family); }
.ok { color: var(--vscode-descriptionForeground); margin: 0; }
.visually-hidden { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); }
`;

const SCRIPT = `
const vscode = acquireVsCodeApi();
const root = document.getElementById('root');
const announce = document.getElementById('announce');
window.addEventListener('message', (event) => {
  const message = event.data;
  if (!message || message.type !== 'render' || typeof message.html !== 'string') return;
  // Keep the keyboard where it was across a refresh: the same entry of the same list.
  const focused = document.activeElement?.closest?.('[data-uri]');
  const key = focused ? [focused.closest('[data-list]')?.getAttribute('data-list'), focused.getAttribute('data-uri')] : undefined;
  const open = [...document.querySelectorAll('figure[data-chart] details[open]')].map((d) => d.closest('figure').getAttribute('data-chart'));
  root.innerHTML = message.html;
  for (const chart of open) root.querySelector('figure[data-chart="' + chart + '"] details')?.setAttribute('open', '');
  if (key) [...root.querySelectorAll('[data-list="' + key[0] + '"] [data-uri]')].find((b) => b.getAttribute('data-uri') === key[1])?.focus();
  if (typeof message.summary === 'string' && announce.textContent !== message.summary) announce.textContent = message.summary;
});
root.addEventListener('click', (event) => {
  const target = event.target instanceof Element ? event.target.closest('[data-action]') : null;
  if (!target) return;
  const action = target.getAttribute('data-action');
  if (action === 'open') vscode.postMessage({ type: 'open', uri: target.getAttribute('data-uri') });
  else if (action === 'new') vscode.postMessage({ type: 'new' });
});
vscode.postMessage({ type: 'ready' });
`;

/** Messages the webview may send; anything else is ignored. */
export type DashboardMessage = { type: 'ready' } | { type: 'new' } | { type: 'open'; uri: string };

export function parseDashboardMessage(message: unknown): DashboardMessage | undefined {
  if (typeof message !== 'object' || message === null) return undefined;
  const m = message as Record<string, unknown>;
  if (m.type === 'ready' || m.type === 'new') return { type: m.type };
  if (m.type === 'open' && typeof m.uri === 'string' && m.uri.length < 10_000) return { type: 'open', uri: m.uri };
  return undefined;
}
