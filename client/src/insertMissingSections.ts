import * as vscode from 'vscode';
import type { BaseLanguageClient } from 'vscode-languageclient';
import { INSERT_MISSING_SECTIONS_COMMAND, InsertMissingSectionsRequest } from '$shared/protocol';

/** `specDelta.insertMissingSections`: the server computes the insertions from its fix data and applies them. */
export function registerInsertMissingSections(client: BaseLanguageClient): vscode.Disposable {
  return vscode.commands.registerCommand('specDelta.insertMissingSections', async (uri?: vscode.Uri) => {
    const document = uri ? await vscode.workspace.openTextDocument(uri) : vscode.window.activeTextEditor?.document;
    if (!document || document.languageId !== 'markdown') {
      void vscode.window.showInformationMessage('Open a spec delta to insert its missing sections.');
      return;
    }
    const result = await client.sendRequest(InsertMissingSectionsRequest, { command: INSERT_MISSING_SECTIONS_COMMAND, arguments: [document.uri.toString()] });
    if (!result || !result.applied)
      void vscode.window.showWarningMessage('Spec Delta: the missing sections could not be inserted (the document changed meanwhile?). Try again.');
    else if (result.inserted === 0) void vscode.window.setStatusBarMessage('Spec Delta: no section is missing.', 3000);
    else void vscode.window.setStatusBarMessage(`Spec Delta: inserted ${result.inserted} missing piece${result.inserted === 1 ? '' : 's'}.`, 3000);
  });
}
