import * as vscode from 'vscode';
import type { BaseLanguageClient } from 'vscode-languageclient';
import { DocumentStatus, DocumentStatusRequest } from '$shared/protocol';
import { statusBarText } from './statusText';

/** `INVARIANT-042 · Under Review · 3 problems` for the active spec delta; a click opens the Status view. */
export class StatusBar implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('specDelta.status', vscode.StatusBarAlignment.Left, 50);
  private readonly disposables: vscode.Disposable[] = [];

  constructor(private readonly client: BaseLanguageClient) {
    this.item.name = 'Spec Delta';
    this.item.command = 'specDelta.showStatus';
  }

  /** Starts following the active editor, and typing through `statusChanged` (the server's notification). */
  attach(statusChanged: vscode.Event<DocumentStatus>): void {
    this.disposables.push(
      vscode.window.onDidChangeActiveTextEditor(() => void this.refresh()),
      vscode.workspace.onDidChangeConfiguration((e) => e.affectsConfiguration('specDelta.statusBar') && void this.refresh()),
      statusChanged((status) => {
        if (status.uri === vscode.window.activeTextEditor?.document.uri.toString()) this.show(status);
      }),
    );
    void this.refresh();
  }

  private async refresh(): Promise<void> {
    const document = vscode.window.activeTextEditor?.document;
    if (!document || document.languageId !== 'markdown') return this.item.hide();
    const status = await this.client.sendRequest(DocumentStatusRequest, { uri: document.uri.toString() }).catch(() => null);
    if (vscode.window.activeTextEditor?.document !== document) return;
    this.show(status);
  }

  private show(status: DocumentStatus | null): void {
    const enabled = vscode.workspace.getConfiguration('specDelta').get<boolean>('statusBar.enabled', true);
    if (!enabled || !status?.isSpecDelta) return this.item.hide();
    const { text, tooltip, errors } = statusBarText(status);
    this.item.text = text;
    this.item.tooltip = tooltip;
    this.item.backgroundColor = errors > 0 ? new vscode.ThemeColor('statusBarItem.errorBackground') : undefined;
    this.item.accessibilityInformation = { label: tooltip, role: 'button' };
    this.item.show();
  }

  dispose(): void {
    this.item.dispose();
    for (const d of this.disposables) d.dispose();
  }
}
