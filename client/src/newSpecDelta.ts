import * as vscode from 'vscode';
import type { BaseLanguageClient } from 'vscode-languageclient';
import { localDate, renderTemplate, validateTitle } from '$core';
import { NextFreeIdRequest } from '$shared/protocol';

/** What differs between desktop and the web: where the author comes from and how the file is written. */
export interface NewSpecDeltaHost {
  author(folder: vscode.WorkspaceFolder | undefined): Promise<string | undefined>;
  /** Whether the folder can hold the new file; else an untitled document is opened instead. */
  canWrite(folder: vscode.WorkspaceFolder): boolean;
  /**
   * Writes the file below `relative` (the folder setting) without overwriting any file: the id
   * moves on when its name is taken. The file written, or a message saying why none was.
   */
  create(folder: vscode.WorkspaceFolder, relative: string, id: string, title: string, render: (id: string) => string): Promise<vscode.Uri | { error: string }>;
}

/**
 * `specDelta.new`: asks for a title, takes the next free id of the workspace, and creates
 * `<folder>/INVARIANT-<n>-<slug>.md` from the template with the date and author filled in. The file
 * is created exclusively: an existing file is never overwritten (the id moves on instead).
 */
export function registerNewSpecDelta(client: BaseLanguageClient, host: NewSpecDeltaHost): vscode.Disposable {
  return vscode.commands.registerCommand('specDelta.new', async (titleArg?: string) => {
    const title =
      typeof titleArg === 'string'
        ? titleArg
        : await vscode.window.showInputBox({
            title: 'New Spec Delta',
            prompt: 'A brief title for the new invariant',
            placeHolder: 'Checkout totals are computed in the order currency',
            validateInput: (value) => validateTitle(value),
            ignoreFocusOut: true,
          });
    if (title === undefined) return;
    const problem = validateTitle(title);
    if (problem) {
      void vscode.window.showErrorMessage(`New Spec Delta: ${problem}`);
      return;
    }
    const folders = vscode.workspace.workspaceFolders ?? [];
    const folder = folders.length > 1 ? await vscode.window.showWorkspaceFolderPick({ placeHolder: 'Workspace folder for the new spec delta' }) : folders[0];
    if (folders.length > 1 && !folder) return;
    const { id } = await client.sendRequest(NextFreeIdRequest, { uri: folder?.uri.toString() });
    const author = await host.author(folder);
    const render = (invariant: string): string => renderTemplate({ id: invariant, title: title.trim(), date: localDate(), ...(author ? { author } : {}) });

    if (!folder || !host.canWrite(folder)) {
      const document = await vscode.workspace.openTextDocument({ language: 'markdown', content: render(id) });
      return selectFirstToWrite(await vscode.window.showTextDocument(document));
    }
    const relative = vscode.workspace.getConfiguration('specDelta', folder.uri).get<string>('newSpecDelta.folder', 'docs/spec-deltas');
    const file = await host.create(folder, relative, id, title, render);
    if ('error' in file) {
      void vscode.window.showErrorMessage(`New Spec Delta: ${file.error}`);
      return;
    }
    const editor = await vscode.window.showTextDocument(file);
    selectFirstToWrite(editor);
  });
}

/** Selects the Status value, the first thing left to write once id, title, date and author are in. */
function selectFirstToWrite(editor: vscode.TextEditor): void {
  const document = editor.document;
  for (let line = 0; line < document.lineCount; line++) {
    const text = document.lineAt(line).text;
    const at = text.indexOf('**Status**: ');
    if (at === -1) continue;
    const start = at + '**Status**: '.length;
    editor.selection = new vscode.Selection(line, start, line, text.length);
    editor.revealRange(editor.selection);
    return;
  }
}
