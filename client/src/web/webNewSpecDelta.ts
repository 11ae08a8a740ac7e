import * as vscode from 'vscode';
import type { NewSpecDeltaHost } from '../newSpecDelta';
import { candidateIds, slugify } from '$core';

/**
 * The web: no git to ask, so the author is the `specDelta.author` setting (empty: left for the
 * writer); the file is written through `vscode.workspace.fs`, which has no exclusive create, so a
 * name is taken only when stat finds nothing there.
 */
export const webNewSpecDeltaHost: NewSpecDeltaHost = {
  author: async (folder) => vscode.workspace.getConfiguration('specDelta', folder?.uri).get<string>('author', '').trim() || undefined,
  canWrite: (folder) => vscode.workspace.fs.isWritableFileSystem(folder.uri.scheme) !== false,
  async create(folder, relative, id, title, render) {
    const segments = relative.split(/[\\/]+/).filter((s) => s !== '' && s !== '.');
    if (relative.startsWith('/') || segments.includes('..')) return { error: `the folder setting '${relative}' points outside the workspace folder.` };
    const directory = vscode.Uri.joinPath(folder.uri, ...segments);
    await vscode.workspace.fs.createDirectory(directory);
    for (const candidate of candidateIds(id)) {
      const file = vscode.Uri.joinPath(directory, `${candidate}-${slugify(title)}.md`);
      if (await exists(file)) continue;
      await vscode.workspace.fs.writeFile(file, new TextEncoder().encode(render(candidate)));
      return file;
    }
    return { error: 'could not find a free file name; no file was written.' };
  },
};

async function exists(uri: vscode.Uri): Promise<boolean> {
  try {
    await vscode.workspace.fs.stat(uri);
    return true;
  } catch {
    return false;
  }
}
