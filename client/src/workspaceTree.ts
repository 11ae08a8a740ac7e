import * as vscode from 'vscode';
import type { BaseLanguageClient } from 'vscode-languageclient';
import { CatalogRequest, WorkspaceCatalogEntry, WorkspaceEntry, WorkspaceStatusRequest } from '$shared/protocol';
import { escapeMarkdown, statusLine } from '$core';
import { GROUP_BY_VALUES, groupEntries, sortEntries, type WorkspaceGroupBy, type WorkspaceSort } from './workspaceGroups';

type Node = { kind: 'status'; status: string; entries: WorkspaceEntry[] } | { kind: 'entry'; entry: WorkspaceEntry; group: string };

const GROUP_BY_SETTING = 'specDelta.workspace.groupBy';
const GROUP_BY_LABEL: Record<WorkspaceGroupBy, string> = { status: 'Status', category: 'Category', enforcement: 'Enforcement Level', severity: 'Severity' };

/** The item's icon says its Severity; its problems are in the description (and, when open, the Problems decorations). */
const SEVERITY_ICON: Record<string, [string, string]> = {
  Critical: ['flame', 'errorForeground'],
  High: ['arrow-up', 'editorWarning.foreground'],
  Medium: ['dash', 'editorInfo.foreground'],
  Low: ['arrow-down', 'descriptionForeground'],
};

/** The Workspace tree: every spec delta grouped by Status (or another setting), refreshed from the server's index. */
export class WorkspaceTree implements vscode.TreeDataProvider<Node>, vscode.Disposable {
  static readonly viewId = 'specDelta.workspace';
  private readonly changed = new vscode.EventEmitter<Node | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private entries: readonly WorkspaceEntry[] | undefined;
  /** The catalogue entries by uri, asked for only when grouping by something the tree's entries lack. */
  private catalog: ReadonlyMap<string, WorkspaceCatalogEntry> | undefined;
  private sort: WorkspaceSort = 'id';
  private readonly disposables: vscode.Disposable[] = [];

  constructor(private readonly client: BaseLanguageClient) {
    void vscode.commands.executeCommand('setContext', 'specDelta.workspaceSort', this.sort);
  }

  /** Follows the workspace through `workspaceChanged` (the server's notification, shared with the Dashboard). */
  attach(workspaceChanged: vscode.Event<void>): void {
    this.disposables.push(
      workspaceChanged(() => this.refresh()),
      vscode.workspace.onDidChangeConfiguration((e) => e.affectsConfiguration(GROUP_BY_SETTING) && this.refresh()),
    );
    this.refresh();
  }

  refresh(): void {
    this.entries = undefined;
    this.catalog = undefined;
    this.changed.fire(undefined);
  }

  /** Asks how to group, and keeps the answer in the user's settings. */
  async pickGroupBy(): Promise<void> {
    const current = this.groupBy();
    const picked = await vscode.window.showQuickPick(
      GROUP_BY_VALUES.map((value) => ({ label: GROUP_BY_LABEL[value], value, description: value === current ? 'current' : undefined })),
      { title: 'Group Spec Deltas by' },
    );
    if (picked) await vscode.workspace.getConfiguration().update(GROUP_BY_SETTING, picked.value, vscode.ConfigurationTarget.Global);
  }

  private groupBy(): WorkspaceGroupBy {
    const value = vscode.workspace.getConfiguration().get<string>(GROUP_BY_SETTING);
    return GROUP_BY_VALUES.find((v) => v === value) ?? 'status';
  }

  setSort(sort: WorkspaceSort): void {
    this.sort = sort;
    void vscode.commands.executeCommand('setContext', 'specDelta.workspaceSort', sort);
    this.changed.fire(undefined);
  }

  async getChildren(node?: Node): Promise<Node[]> {
    if (node?.kind === 'entry') return [];
    if (node?.kind === 'status') return sortEntries(node.entries, this.sort).map((entry) => ({ kind: 'entry', entry, group: node.status }));
    const by = this.groupBy();
    this.entries ??= await this.client.sendRequest(WorkspaceStatusRequest).catch(() => []);
    if (by !== 'status')
      this.catalog ??= new Map((await this.client.sendRequest(CatalogRequest).catch(() => ({ invariants: [] }))).invariants.map((e) => [e.uri, e]));
    return groupEntries(this.entries, by, this.catalog ?? new Map()).map(([status, entries]) => ({ kind: 'status', status, entries }));
  }

  getTreeItem(node: Node): vscode.TreeItem {
    if (node.kind === 'status') {
      const item = new vscode.TreeItem(node.status, vscode.TreeItemCollapsibleState.Expanded);
      item.description = String(node.entries.length);
      item.id = `${this.groupBy()}:${node.status}`;
      item.contextValue = 'specDelta.statusGroup';
      item.accessibilityInformation = { label: `${node.status}: ${node.entries.length} spec deltas` };
      return item;
    }
    const e = node.entry;
    // The id is the label and the counts come first in the description: titles are long and a
    // narrow side bar cuts the end of the line.
    const item = new vscode.TreeItem(e.id ?? 'No id', vscode.TreeItemCollapsibleState.None);
    const problems = e.problems === 0 ? 'no problems' : `${e.problems} problem${e.problems === 1 ? '' : 's'}`;
    const completeness = `${e.completeness.done}/${e.completeness.total}`;
    item.description = [completeness, problems, e.title].filter(Boolean).join(' · ');
    item.tooltip = new vscode.MarkdownString(
      `**${escapeMarkdown(e.id ?? 'No id')}** ${escapeMarkdown(e.title ?? '')}\n\n${statusLine(e.status, e.severity)}\n\n${completeness} sections done, ${problems} (${e.errors} errors)`,
    );
    const [icon, color] = SEVERITY_ICON[e.severity] ?? ['circle-outline', 'descriptionForeground'];
    item.iconPath = new vscode.ThemeIcon(icon, new vscode.ThemeColor(color));
    item.resourceUri = vscode.Uri.parse(e.uri);
    // An entry stands in two groups when it has two categories; ids must stay unique.
    item.id = this.groupBy() === 'status' ? e.uri : `${node.group}\u0000${e.uri}`;
    item.command = { command: 'vscode.open', title: 'Open', arguments: [vscode.Uri.parse(e.uri)] };
    item.accessibilityInformation = {
      label: `${e.id ?? 'No id'} ${e.title ?? ''}, ${e.status}, severity ${e.severity || 'not set'}, ${completeness} sections done, ${problems}`,
    };
    return item;
  }

  dispose(): void {
    this.changed.dispose();
    for (const d of this.disposables) d.dispose();
  }
}
