import * as vscode from 'vscode';
import type { Middleware } from 'vscode-languageclient';

/**
 * A diagnostic's code links to its rule's page. The server names the hosted page (the CLI and
 * SARIF use that address); in the editor the link opens the copy shipped in the extension in
 * the Markdown preview instead, so it works offline and in any fork. The link is this
 * extension's own URI (`<scheme>://spec-delta.spec-delta/docs/rules/SD101.md`): VS Code hands it
 * to the URI handler below without leaving the window.
 */
const RULE_PAGE = /\/docs\/rules\/(SD\d{3})\.md$/;

/** The rule code a link names, or undefined: only `SD` and three digits, so no other path is reachable. */
function ruleCodeOf(uri: vscode.Uri): string | undefined {
  return RULE_PAGE.exec(uri.path)?.[1];
}

export function registerRuleLinks(context: vscode.ExtensionContext): { middleware: Middleware; disposable: vscode.Disposable } {
  const extensionId = context.extension.id;
  const localLink = (code: string): vscode.Uri => vscode.Uri.from({ scheme: vscode.env.uriScheme, authority: extensionId, path: `/docs/rules/${code}.md` });
  const show = async (code: string): Promise<void> => {
    if (!/^SD\d{3}$/.test(code)) return;
    const page = vscode.Uri.joinPath(context.extensionUri, 'docs', 'rules', `${code}.md`);
    try {
      await vscode.workspace.fs.stat(page);
    } catch {
      void vscode.window.showWarningMessage(`Spec Delta has no page for rule ${code}.`);
      return;
    }
    await vscode.commands.executeCommand('markdown.showPreview', page);
  };
  const middleware: Middleware = {
    handleDiagnostics(uri, diagnostics, next) {
      for (const d of diagnostics) {
        const code = typeof d.code === 'object' ? ruleCodeOf(d.code.target) : undefined;
        if (code && typeof d.code === 'object') d.code = { value: d.code.value, target: localLink(code) };
      }
      next(uri, diagnostics);
    },
  };
  const disposable = vscode.Disposable.from(
    vscode.window.registerUriHandler({
      handleUri: (uri) => {
        const code = ruleCodeOf(uri);
        if (code) void show(code);
      },
    }),
    vscode.commands.registerCommand('specDelta.showRule', (code: unknown) => (typeof code === 'string' ? show(code) : undefined)),
  );
  return { middleware, disposable };
}
