import * as vscode from 'vscode';
import { nonce } from './nonce';

/** What our pages may do: run their own script (nonce-checked by the page's CSP); no command links, no local files. */
export const PAGE_OPTIONS: vscode.WebviewOptions = { enableScripts: true, enableCommandUris: false, localResourceRoots: [] };

/**
 * The lifecycle the Status view and the Dashboard panel share. The page (webviewHtml.ts's shell)
 * says 'ready' when its script runs, that is on every fresh page: shown the first time, or again
 * after VS Code dropped a hidden one, which then holds only the empty shell. So a render goes only
 * to a ready page, and what that page already shows is not sent again. A subclass says what to
 * fetch and render (`update`) and answers its own messages; it keeps how its webview comes and
 * goes (a view VS Code resolves, a panel it creates), calling `load` with each new webview.
 */
export abstract class WebviewPageHost<Message extends { readonly type: string }> implements vscode.Disposable {
  protected readonly disposables: vscode.Disposable[] = [];
  private webview: vscode.Webview | undefined;
  private ready = false;
  private lastHtml = '';

  constructor(
    private readonly page: (nonce: string, cspSource: string) => string,
    private readonly parseMessage: (raw: unknown) => Message | undefined,
  ) {}

  /** Fetches what the page shows and passes it to `render`; called whenever the page becomes ready. */
  protected abstract update(): Promise<void>;
  /** A valid message other than 'ready' and 'new'. */
  protected abstract onMessage(message: Message): Promise<void>;

  /** Puts a fresh page shell (with a fresh nonce) into a new webview; nothing is rendered until it says 'ready'. */
  protected load(webview: vscode.Webview): void {
    this.webview = webview;
    this.pageDropped();
    webview.html = this.page(nonce(), webview.cspSource);
    webview.onDidReceiveMessage((raw) => void this.receive(raw), undefined, this.disposables);
  }

  /** The webview is gone (its panel closed). */
  protected unload(): void {
    this.webview = undefined;
    this.pageDropped();
  }

  /** VS Code dropped the page (a hidden panel): it says 'ready' again when shown. */
  protected pageDropped(): void {
    this.ready = false;
    this.lastHtml = '';
  }

  /** Whether a render would reach a page now. */
  protected get showing(): boolean {
    return this.webview !== undefined && this.ready;
  }

  protected render(html: string, summary: string): void {
    if (!this.webview || !this.ready || html === this.lastHtml) return;
    this.lastHtml = html;
    void this.webview.postMessage({ type: 'render', html, summary });
  }

  private async receive(raw: unknown): Promise<void> {
    const message = this.parseMessage(raw);
    if (!message) return;
    if (message.type === 'ready') {
      this.ready = true;
      this.lastHtml = '';
      return this.update();
    }
    if (message.type === 'new') return void vscode.commands.executeCommand('specDelta.new');
    return this.onMessage(message);
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
  }
}
