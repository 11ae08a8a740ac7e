import * as fs from 'node:fs/promises';
import * as vscode from 'vscode';
import { gitUserName } from './gitAuthor';
import type { NewSpecDeltaHost } from './newSpecDelta';
import { createExclusively, targetDirectory } from '../../server/src/node/newSpecDeltaFile';

/** Desktop: the author from git, the file written on disk exclusively (`wx`), inside the folder. */
export const nodeNewSpecDeltaHost: NewSpecDeltaHost = {
  author: (folder) => gitUserName(vscode.workspace.isTrusted, folder?.uri.scheme === 'file' ? folder.uri.fsPath : undefined),
  canWrite: (folder) => folder.uri.scheme === 'file',
  async create(folder, relative, id, title, render) {
    const target = await targetDirectory(fs, folder.uri.fsPath, relative);
    if ('error' in target) return target;
    const file = await createExclusively(fs, target.directory, id, title, render);
    return file ? vscode.Uri.file(file) : { error: NO_FREE_NAME };
  },
};

const NO_FREE_NAME = 'could not find a free file name; no file was written.';
