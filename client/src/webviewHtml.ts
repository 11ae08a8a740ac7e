/**
 * What the extension's webviews (the Status panel, the Dashboard) share: one escape for every
 * string that comes from a document, and one page shell with a strict Content Security Policy
 * (a nonce for the one style and the one script, nothing remote, theme colours only).
 * Pure and free of `vscode`, so that unit tests can check it.
 */

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"'`]/g, (c) => `&#${c.charCodeAt(0)};`);
}

export interface WebviewPage {
  readonly nonce: string;
  /** The webview's `cspSource`, for images it serves itself. */
  readonly cspSource: string;
  readonly title: string;
  readonly style: string;
  readonly script: string;
  /** What the page shows until the extension sends its first render. */
  readonly body: string;
}

export function webviewPage({ nonce, cspSource, title, style, script, body }: WebviewPage): string {
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; img-src ${cspSource}; style-src 'nonce-${nonce}'; script-src 'nonce-${nonce}';">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<style nonce="${nonce}">${style}</style>
<title>${escapeHtml(title)}</title>
</head>
<body>
<main id="root">${body}</main>
<p id="announce" class="visually-hidden" role="status"></p>
<script nonce="${nonce}">${script}</script>
</body>
</html>`;
}
