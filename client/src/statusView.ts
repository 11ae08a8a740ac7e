import * as vscode from 'vscode';
import type { BaseLanguageClient } from 'vscode-languageclient';
import { nonce } from './nonce';
import { DocumentStatus, DocumentStatusRequest } from '$shared/protocol';
import { parseStatusViewMessage, statusBody, statusPage, statusSummary } from './statusHtml';

/** The Status webview view: where the active spec delta stands, following the editor and typing. */
export class StatusView implements vscode.WebviewViewProvider, vscode.Disposable {
  static readonly viewType = 'specDelta.status';
  private view: vscode.WebviewView | undefined;
  private document: vscode.TextDocument | undefined;
  private readonly disposables: vscode.Disposable[] = [];
  private ready = false;
  private lastHtml = '';

  constructor(private readonly client: BaseLanguageClient) {}

  /** Starts following the active editor, and typing through `statusChanged` (the server's notification). */
  attach(statusChanged: vscode.Event<DocumentStatus>): void {
    this.disposables.push(
      vscode.window.onDidChangeActiveTextEditor((editor) => this.followEditor(editor)),
      statusChanged((status) => {
        if (status.uri === this.document?.uri.toString()) this.render(status);
      }),
    );
    this.followEditor(vscode.window.activeTextEditor);
  }

  resolveWebviewView(view: vscode.WebviewView): void {
    this.view = view;
    this.ready = false;
    this.lastHtml = '';
    view.webview.options = { enableScripts: true, enableCommandUris: false, localResourceRoots: [] };
    view.webview.html = statusPage(nonce(), view.webview.cspSource);
    view.webview.onDidReceiveMessage((raw) => void this.onMessage(raw), undefined, this.disposables);
    view.onDidChangeVisibility(() => view.visible && void this.update(), undefined, this.disposables);
  }

  /**
   * Shows the spec delta of the active editor, and the empty state for any other editor (JSON,
   * plain text, a Markdown file that is not a spec delta). With no active editor (focus in a view
   * or a webview editor beside a text editor) the last document stays; with no editor at all, the
   * empty state. The Output panel is not an editor the user writes in: it changes nothing.
   */
  private followEditor(editor: vscode.TextEditor | undefined): void {
    if (editor?.document.uri.scheme === 'output') return;
    if (!editor && vscode.window.visibleTextEditors.length > 0) return;
    const document = editor?.document;
    this.document = document?.languageId === 'markdown' ? document : undefined;
    void this.update();
  }

  private async update(): Promise<void> {
    if (!this.view || !this.ready) return;
    const document = this.document;
    const status = document ? await this.client.sendRequest(DocumentStatusRequest, { uri: document.uri.toString() }).catch(() => null) : null;
    // Another editor became active while the server answered.
    if (document !== this.document) return;
    this.render(status);
  }

  private render(status: DocumentStatus | null): void {
    const html = statusBody(status);
    if (!this.view || !this.ready || html === this.lastHtml) return;
    this.lastHtml = html;
    void this.view.webview.postMessage({ type: 'render', html, summary: statusSummary(status) });
  }

  private async onMessage(raw: unknown): Promise<void> {
    const message = parseStatusViewMessage(raw);
    if (!message) return;
    switch (message.type) {
      case 'ready':
        // A fresh page: shown for the first time, or again after being hidden (VS Code drops a
        // hidden webview's page), so it holds only the empty shell whatever was sent before.
        this.ready = true;
        this.lastHtml = '';
        return this.update();
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
