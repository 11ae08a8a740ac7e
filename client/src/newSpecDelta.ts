import * as fs from 'node:fs/promises';
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { renderTemplate } from '../../server/src/core/templateText';
import { NextFreeIdRequest } from '../../server/src/protocol';
import { localDate } from '../../server/src/core/values';
import { gitUserName } from './gitAuthor';
import { createExclusively, targetDirectory } from '../../server/src/node/newSpecDeltaFile';
import { validateTitle } from '../../server/src/core/newSpecDeltaText';

/**
 * `specDelta.new`: asks for a title, takes the next free id of the workspace, and creates
 * `<folder>/INVARIANT-<n>-<slug>.md` from the template with the date and author filled in. The file
 * is created exclusively: an existing file is never overwritten (the id moves on instead).
 */
export function registerNewSpecDelta(client: LanguageClient): vscode.Disposable {
  return vscode.commands.registerCommand('specDelta.new', async (titleArg?: string) => {
    const title = typeof titleArg === 'string' ? titleArg : await vscode.window.showInputBox({
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
    const author = await gitUserName(vscode.workspace.isTrusted, folder?.uri.scheme === 'file' ? folder.uri.fsPath : undefined);
    const render = (invariant: string): string => renderTemplate({ id: invariant, title: title.trim(), date: localDate(), ...(author ? { author } : {}) });

    if (!folder || folder.uri.scheme !== 'file') {
      const document = await vscode.workspace.openTextDocument({ language: 'markdown', content: render(id) });
      return selectFirstToWrite(await vscode.window.showTextDocument(document));
    }
    const relative = vscode.workspace.getConfiguration('specDelta', folder.uri).get<string>('newSpecDelta.folder', 'docs/spec-deltas');
    const target = await targetDirectory(fs, folder.uri.fsPath, relative);
    if ('error' in target) {
      void vscode.window.showErrorMessage(`New Spec Delta: ${target.error}`);
      return;
    }
    const file = await createExclusively(fs, target.directory, id, title, render);
    if (!file) {
      void vscode.window.showErrorMessage('New Spec Delta: could not find a free file name; no file was written.');
      return;
    }
    const editor = await vscode.window.showTextDocument(vscode.Uri.file(file));
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
