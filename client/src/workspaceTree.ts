import * as vscode from 'vscode';
import type { BaseLanguageClient } from 'vscode-languageclient';
import { WorkspaceChangedNotification, WorkspaceEntry, WorkspaceStatusRequest } from '../../server/src/protocol';
import { groupByStatus, sortEntries, type WorkspaceSort } from './workspaceGroups';

type Node = { kind: 'status'; status: string; entries: WorkspaceEntry[] } | { kind: 'entry'; entry: WorkspaceEntry };

/** The item's icon says its Severity; its problems are in the description (and, when open, the Problems decorations). */
const SEVERITY_ICON: Record<string, [string, string]> = {
  Critical: ['flame', 'errorForeground'],
  High: ['arrow-up', 'editorWarning.foreground'],
  Medium: ['dash', 'editorInfo.foreground'],
  Low: ['arrow-down', 'descriptionForeground'],
};

/** The Workspace tree: every spec delta grouped by Status, refreshed from the server's index. */
export class WorkspaceTree implements vscode.TreeDataProvider<Node>, vscode.Disposable {
  static readonly viewId = 'specDelta.workspace';
  private readonly changed = new vscode.EventEmitter<Node | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private entries: readonly WorkspaceEntry[] | undefined;
  private sort: WorkspaceSort = 'id';
  private readonly disposables: vscode.Disposable[] = [];

  constructor(private readonly client: BaseLanguageClient) {
    void vscode.commands.executeCommand('setContext', 'specDelta.workspaceSort', this.sort);
  }

  attach(): void {
    this.disposables.push(this.client.onNotification(WorkspaceChangedNotification, () => this.refresh()));
    this.refresh();
  }

  refresh(): void {
    this.entries = undefined;
    this.changed.fire(undefined);
  }

  setSort(sort: WorkspaceSort): void {
    this.sort = sort;
    void vscode.commands.executeCommand('setContext', 'specDelta.workspaceSort', sort);
    this.changed.fire(undefined);
  }

  async getChildren(node?: Node): Promise<Node[]> {
    if (node?.kind === 'entry') return [];
    if (node?.kind === 'status') return sortEntries(node.entries, this.sort).map((entry) => ({ kind: 'entry', entry }));
    this.entries ??= await this.client.sendRequest(WorkspaceStatusRequest).catch(() => []);
    return groupByStatus(this.entries).map(([status, entries]) => ({ kind: 'status', status, entries }));
  }

  getTreeItem(node: Node): vscode.TreeItem {
    if (node.kind === 'status') {
      const item = new vscode.TreeItem(node.status, vscode.TreeItemCollapsibleState.Expanded);
      item.description = String(node.entries.length);
      item.id = `status:${node.status}`;
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
    item.tooltip = new vscode.MarkdownString(`**${e.id ?? 'No id'}** ${escape(e.title ?? '')}\n\nStatus: ${escape(e.status)} · Severity: ${escape(e.severity || 'not set')}\n\n${completeness} sections done, ${problems} (${e.errors} errors)`);
    const [icon, color] = SEVERITY_ICON[e.severity] ?? ['circle-outline', 'descriptionForeground'];
    item.iconPath = new vscode.ThemeIcon(icon, new vscode.ThemeColor(color));
    item.resourceUri = vscode.Uri.parse(e.uri);
    item.id = e.uri;
    item.command = { command: 'vscode.open', title: 'Open', arguments: [vscode.Uri.parse(e.uri)] };
    item.accessibilityInformation = { label: `${e.id ?? 'No id'} ${e.title ?? ''}, ${e.status}, severity ${e.severity || 'not set'}, ${completeness} sections done, ${problems}` };
    return item;
  }

  dispose(): void {
    this.changed.dispose();
    for (const d of this.disposables) d.dispose();
  }
}

function escape(text: string): string {
  return text.replace(/[\\`*_{}[\]()#+!<>|]/g, (c) => '\\' + c);
}

