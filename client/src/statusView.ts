import { randomBytes } from 'node:crypto';
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { DocumentStatus, DocumentStatusChangedNotification, DocumentStatusRequest } from '../../server/src/protocol';
import { parseStatusViewMessage, statusBody, statusPage } from './statusHtml';

/** The Status webview view: where the active spec delta stands, following the editor and typing. */
export class StatusView implements vscode.WebviewViewProvider, vscode.Disposable {
  static readonly viewType = 'specDelta.status';
  private view: vscode.WebviewView | undefined;
  private document: vscode.TextDocument | undefined;
  private readonly disposables: vscode.Disposable[] = [];
  private ready = false;
  private lastHtml = '';

  constructor(private readonly client: LanguageClient) {}

  attach(): void {
    this.disposables.push(
      vscode.window.onDidChangeActiveTextEditor((editor) => {
        // Focus moving into the panel itself leaves no active editor: keep showing the last document.
        if (editor) void this.follow(editor.document);
      }),
      this.client.onNotification(DocumentStatusChangedNotification, (status) => {
        if (status.uri === this.document?.uri.toString()) this.render(status);
      }),
    );
    void this.follow(vscode.window.activeTextEditor?.document);
  }

  resolveWebviewView(view: vscode.WebviewView): void {
    this.view = view;
    this.ready = false;
    this.lastHtml = '';
    view.webview.options = { enableScripts: true, enableCommandUris: false, localResourceRoots: [] };
    view.webview.html = statusPage(randomBytes(16).toString('base64'), view.webview.cspSource);
    view.webview.onDidReceiveMessage((raw) => void this.onMessage(raw), undefined, this.disposables);
    view.onDidChangeVisibility(() => view.visible && void this.follow(this.document), undefined, this.disposables);
  }

  private async follow(document: vscode.TextDocument | undefined): Promise<void> {
    if (document && document.languageId !== 'markdown') document = undefined;
    this.document = document ?? this.document;
    if (!this.view || !this.ready) return;
    const status = this.document ? await this.client.sendRequest(DocumentStatusRequest, { uri: this.document.uri.toString() }).catch(() => null) : null;
    if (status && status.uri !== this.document?.uri.toString()) return;
    this.render(status);
  }

  private render(status: DocumentStatus | null): void {
    const html = statusBody(status);
    if (!this.view || !this.ready || html === this.lastHtml) return;
    this.lastHtml = html;
    void this.view.webview.postMessage({ type: 'render', html });
  }

  private async onMessage(raw: unknown): Promise<void> {
    const message = parseStatusViewMessage(raw);
    if (!message) return;
    switch (message.type) {
      case 'ready':
        this.ready = true;
        return this.follow(this.document);
      case 'new':
        return void vscode.commands.executeCommand('specDelta.new');
      case 'insertMissingSections':
        if (this.document) await vscode.commands.executeCommand('specDelta.insertMissingSections', this.document.uri);
        return;
      case 'reveal': {
        if (!this.document) return;
        const line = Math.min(message.line, this.document.lineCount - 1);
        const position = this.document.validatePosition(new vscode.Position(line, message.character));
        const editor = await vscode.window.showTextDocument(this.document, { preserveFocus: false });
        editor.selection = new vscode.Selection(position, position);
        editor.revealRange(new vscode.Range(position, position), vscode.TextEditorRevealType.InCenterIfOutsideViewport);
      }
    }
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
  }
}
