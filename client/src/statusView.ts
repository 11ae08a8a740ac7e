import * as vscode from 'vscode';
import type { BaseLanguageClient } from 'vscode-languageclient';
import { DocumentStatus, DocumentStatusRequest } from '$shared/protocol';
import { parseStatusViewMessage, statusBody, statusPage, statusSummary, type StatusViewMessage } from './statusHtml';
import { PAGE_OPTIONS, WebviewPageHost } from './webviewPageHost';

/** The Status webview view: where the active spec delta stands, following the editor and typing. */
export class StatusView extends WebviewPageHost<StatusViewMessage> implements vscode.WebviewViewProvider {
  static readonly viewType = 'specDelta.status';
  private document: vscode.TextDocument | undefined;

  constructor(private readonly client: BaseLanguageClient) {
    super(statusPage, parseStatusViewMessage);
  }

  /** Starts following the active editor, and typing through `statusChanged` (the server's notification). */
  attach(statusChanged: vscode.Event<DocumentStatus>): void {
    this.disposables.push(
      vscode.window.onDidChangeActiveTextEditor((editor) => this.followEditor(editor)),
      statusChanged((status) => {
        if (status.uri === this.document?.uri.toString()) this.renderStatus(status);
      }),
    );
    this.followEditor(vscode.window.activeTextEditor);
  }

  resolveWebviewView(view: vscode.WebviewView): void {
    view.webview.options = PAGE_OPTIONS;
    this.load(view.webview);
    // A hidden view's page is dropped (no retainContextWhenHidden): shown again, its fresh page says
    // 'ready', which brings the one update, as the Dashboard's does.
    view.onDidChangeVisibility(() => view.visible || this.pageDropped(), undefined, this.disposables);
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

  protected async update(): Promise<void> {
    if (!this.showing) return;
    const document = this.document;
    const status = document ? await this.client.sendRequest(DocumentStatusRequest, { uri: document.uri.toString() }).catch(() => null) : null;
    // Another editor became active while the server answered.
    if (document !== this.document) return;
    this.renderStatus(status);
  }

  private renderStatus(status: DocumentStatus | null): void {
    this.render(statusBody(status), statusSummary(status));
  }

  protected async onMessage(message: StatusViewMessage): Promise<void> {
    switch (message.type) {
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
}
