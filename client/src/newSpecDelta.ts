import { execFile } from 'node:child_process';
import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { renderTemplate } from '../../server/src/core/templateText';
import { NextFreeIdRequest } from '../../server/src/protocol';
import { localDate } from '../../server/src/core/values';
import { slugify, validateTitle } from './newSpecDeltaText';

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
    const author = await gitUserName(folder?.uri.scheme === 'file' ? folder.uri.fsPath : undefined);
    const render = (invariant: string): string => renderTemplate({ id: invariant, title: title.trim(), date: localDate(), ...(author ? { author } : {}) });

    if (!folder || folder.uri.scheme !== 'file') {
      const document = await vscode.workspace.openTextDocument({ language: 'markdown', content: render(id) });
      return selectFirstToWrite(await vscode.window.showTextDocument(document));
    }
    const relative = vscode.workspace.getConfiguration('specDelta', folder.uri).get<string>('newSpecDelta.folder', 'docs/spec-deltas');
    const directory = path.resolve(folder.uri.fsPath, relative);
    if (path.relative(folder.uri.fsPath, directory).startsWith('..')) {
      void vscode.window.showErrorMessage(`New Spec Delta: the folder setting '${relative}' points outside the workspace folder.`);
      return;
    }
    await fs.mkdir(directory, { recursive: true });
    const file = await createExclusively(directory, id, title, render);
    if (!file) {
      void vscode.window.showErrorMessage('New Spec Delta: could not find a free file name; no file was written.');
      return;
    }
    const editor = await vscode.window.showTextDocument(vscode.Uri.file(file));
    selectFirstToWrite(editor);
  });
}

/** Writes with the `wx` flag, so a file that appeared meanwhile (even in a race) is never replaced. */
async function createExclusively(directory: string, id: string, title: string, render: (id: string) => string): Promise<string | undefined> {
  const match = /^(.*?)(\d+)$/.exec(id);
  for (let attempt = 0; attempt < 100; attempt++) {
    const candidate = attempt === 0 || !match ? id : `${match[1]}${String(Number(match[2]) + attempt).padStart(match[2]!.length, '0')}`;
    const file = path.join(directory, `${candidate}-${slugify(title)}.md`);
    try {
      await fs.writeFile(file, render(candidate), { flag: 'wx' });
      return file;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
  }
  return undefined;
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

/** git's user.name; only the global configuration in an untrusted workspace. */
function gitUserName(cwd: string | undefined): Promise<string | undefined> {
  const args = vscode.workspace.isTrusted && cwd ? ['config', 'user.name'] : ['config', '--global', 'user.name'];
  return new Promise((resolve) => {
    execFile('git', args, { cwd: vscode.workspace.isTrusted ? cwd : undefined, timeout: 2000 }, (error, stdout) => {
      const name = stdout?.trim();
      resolve(error || !name ? undefined : name);
    });
  });
}
