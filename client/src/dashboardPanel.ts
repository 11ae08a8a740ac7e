import * as vscode from 'vscode';
import type { BaseLanguageClient } from 'vscode-languageclient';
import { localDate } from '$core';
import { CatalogRequest, type WorkspaceCatalog } from '$shared/protocol';
import { type DashboardMessage, dashboardBody, dashboardPage, dashboardSummary, parseDashboardMessage } from './dashboardHtml';
import { dashboardModel } from './dashboardModel';
import { PAGE_OPTIONS, WebviewPageHost } from './webviewPageHost';

const STALE_DAYS_SETTING = 'specDelta.dashboard.staleDays';
const DEFAULT_STALE_DAYS = 30;

/**
 * The Dashboard editor panel: the workspace's catalogue (the server's specDelta/catalog, the
 * same data as `spec-delta catalog`) as charts and action lists, refreshed whenever the server
 * says the workspace changed, as the tree is.
 */
export class DashboardPanel extends WebviewPageHost<DashboardMessage> {
  static readonly viewType = 'specDelta.dashboard';
  private panel: vscode.WebviewPanel | undefined;
  private catalog: WorkspaceCatalog | undefined;

  constructor(
    private readonly client: BaseLanguageClient,
    private readonly extensionUri: vscode.Uri,
  ) {
    super(dashboardPage, parseDashboardMessage);
  }

  /** Follows the workspace through `workspaceChanged` (the server's notification) and the setting. */
  attach(workspaceChanged: vscode.Event<void>): void {
    this.disposables.push(
      workspaceChanged(() => void this.update()),
      vscode.workspace.onDidChangeConfiguration((e) => e.affectsConfiguration(STALE_DAYS_SETTING) && void this.update()),
    );
  }

  show(): void {
    if (this.panel) return this.panel.reveal();
    const panel = vscode.window.createWebviewPanel(DashboardPanel.viewType, 'Spec Delta Dashboard', vscode.ViewColumn.Active, PAGE_OPTIONS);
    this.panel = panel;
    panel.iconPath = vscode.Uri.joinPath(this.extensionUri, 'media', 'spec-delta.svg');
    this.load(panel.webview);
    panel.onDidChangeViewState(() => panel.visible || this.pageDropped(), undefined, this.disposables);
    panel.onDidDispose(
      () => {
        this.panel = undefined;
        this.unload();
      },
      undefined,
      this.disposables,
    );
  }

  protected async update(): Promise<void> {
    if (!this.showing) return;
    this.catalog = await this.client.sendRequest(CatalogRequest).catch(() => ({ version: 1 as const, invariants: [] }));
    const configured = vscode.workspace.getConfiguration().get<number>(STALE_DAYS_SETTING, DEFAULT_STALE_DAYS);
    const staleDays = Number.isInteger(configured) && configured >= 0 ? configured : DEFAULT_STALE_DAYS;
    const model = dashboardModel(this.catalog, localDate(), staleDays);
    this.render(dashboardBody(model), dashboardSummary(model));
  }

  protected async onMessage(message: DashboardMessage): Promise<void> {
    if (message.type !== 'open') return;
    // Only a document the catalogue lists: the page never names what is opened.
    if (!this.catalog?.invariants.some((e) => e.uri === message.uri)) return;
    await vscode.window.showTextDocument(vscode.Uri.parse(message.uri), { preview: false });
  }

  override dispose(): void {
    this.panel?.dispose();
    super.dispose();
  }
}
