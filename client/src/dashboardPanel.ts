import * as vscode from 'vscode';
import type { BaseLanguageClient } from 'vscode-languageclient';
import { localDate } from '../../server/src/core/values';
import { CatalogRequest, type WorkspaceCatalog } from '$shared/protocol';
import { dashboardBody, dashboardPage, dashboardSummary, parseDashboardMessage } from './dashboardHtml';
import { dashboardModel } from './dashboardModel';
import { nonce } from './nonce';

const STALE_DAYS_SETTING = 'specDelta.dashboard.staleDays';
const DEFAULT_STALE_DAYS = 30;

/**
 * The Dashboard editor panel: the workspace's catalogue (the server's specDelta/catalog, the
 * same data as `spec-delta catalog`) as charts and action lists, refreshed whenever the server
 * says the workspace changed, as the tree is.
 */
export class DashboardPanel implements vscode.Disposable {
  static readonly viewType = 'specDelta.dashboard';
  private panel: vscode.WebviewPanel | undefined;
  private ready = false;
  private lastHtml = '';
  private catalog: WorkspaceCatalog | undefined;
  private readonly disposables: vscode.Disposable[] = [];

  constructor(
    private readonly client: BaseLanguageClient,
    private readonly extensionUri: vscode.Uri,
  ) {}

  /** Follows the workspace through `workspaceChanged` (the server's notification) and the setting. */
  attach(workspaceChanged: vscode.Event<void>): void {
    this.disposables.push(
      workspaceChanged(() => void this.update()),
      vscode.workspace.onDidChangeConfiguration((e) => e.affectsConfiguration(STALE_DAYS_SETTING) && void this.update()),
    );
  }

  show(): void {
    if (this.panel) return this.panel.reveal();
    const panel = vscode.window.createWebviewPanel(DashboardPanel.viewType, 'Spec Delta Dashboard', vscode.ViewColumn.Active, {
      enableScripts: true,
      enableCommandUris: false,
      localResourceRoots: [],
    });
    this.panel = panel;
    this.ready = false;
    this.lastHtml = '';
    panel.iconPath = vscode.Uri.joinPath(this.extensionUri, 'media', 'spec-delta.svg');
    panel.webview.html = dashboardPage(nonce(), panel.webview.cspSource);
    panel.webview.onDidReceiveMessage((raw) => void this.onMessage(raw), undefined, this.disposables);
    // A hidden panel's page is dropped: it says 'ready' again when shown.
    panel.onDidChangeViewState(() => panel.visible || (this.ready = false), undefined, this.disposables);
    panel.onDidDispose(() => (this.panel = undefined), undefined, this.disposables);
  }

  private async update(): Promise<void> {
    if (!this.panel || !this.ready) return;
    this.catalog = await this.client.sendRequest(CatalogRequest).catch(() => ({ version: 1 as const, invariants: [] }));
    if (!this.panel || !this.ready) return;
    const configured = vscode.workspace.getConfiguration().get<number>(STALE_DAYS_SETTING, DEFAULT_STALE_DAYS);
    const staleDays = Number.isInteger(configured) && configured >= 0 ? configured : DEFAULT_STALE_DAYS;
    const model = dashboardModel(this.catalog, localDate(), staleDays);
    const html = dashboardBody(model);
    if (html === this.lastHtml) return;
    this.lastHtml = html;
    void this.panel.webview.postMessage({ type: 'render', html, summary: dashboardSummary(model) });
  }

  private async onMessage(raw: unknown): Promise<void> {
    const message = parseDashboardMessage(raw);
    if (!message) return;
    switch (message.type) {
      case 'ready':
        this.ready = true;
        this.lastHtml = '';
        return this.update();
      case 'new':
        return void vscode.commands.executeCommand('specDelta.new');
      case 'open': {
        // Only a document the catalogue lists: the page never names what is opened.
        if (!this.catalog?.invariants.some((e) => e.uri === message.uri)) return;
        await vscode.window.showTextDocument(vscode.Uri.parse(message.uri), { preview: false });
      }
    }
  }

  dispose(): void {
    this.panel?.dispose();
    for (const d of this.disposables) d.dispose();
  }
}
