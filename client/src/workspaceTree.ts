import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { WorkspaceChangedNotification, WorkspaceEntry, WorkspaceStatusRequest } from '../../server/src/protocol';
import { groupByStatus, sortEntries, type WorkspaceSort } from './workspaceGroups';

type Node = { kind: 'status'; status: string; entries: WorkspaceEntry[] } | { kind: 'entry'; entry: WorkspaceEntry };

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

  constructor(private readonly client: LanguageClient) {
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
    const item = new vscode.TreeItem(`${e.id ?? 'No id'} ${e.title ?? ''}`.trim(), vscode.TreeItemCollapsibleState.None);
    const problems = e.problems === 0 ? 'no problems' : `${e.problems} problem${e.problems === 1 ? '' : 's'}`;
    item.description = `${e.completeness.done}/${e.completeness.total} · ${problems}`;
    item.tooltip = new vscode.MarkdownString(`**${e.id ?? 'No id'}** ${escape(e.title ?? '')}\n\nStatus: ${e.status} · Severity: ${e.severity || 'not set'}\n\n${e.completeness.done}/${e.completeness.total} sections done, ${problems} (${e.errors} errors)`);
    const [icon, color] = SEVERITY_ICON[e.severity] ?? ['circle-outline', 'descriptionForeground'];
    item.iconPath = new vscode.ThemeIcon(e.errors > 0 ? 'error' : icon, new vscode.ThemeColor(e.errors > 0 ? 'errorForeground' : color));
    item.resourceUri = vscode.Uri.parse(e.uri);
    item.id = e.uri;
    item.command = { command: 'vscode.open', title: 'Open', arguments: [vscode.Uri.parse(e.uri)] };
    item.accessibilityInformation = { label: `${e.id ?? 'No id'} ${e.title ?? ''}, ${e.status}, severity ${e.severity || 'not set'}, ${item.description}` };
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

