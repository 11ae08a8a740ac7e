import { pathToFileURL } from 'node:url';
import type { Diagnostic } from 'vscode-languageserver-types';
import { analyze, checkAnalysable, DEFAULT_ID_PATTERN, parseDocument, stripBom, WorkspaceIndex } from '../core';
import { ConfigLoader } from '../node/configLoader';
import { walkMarkdown } from '../node/files';
import { readUpTo } from '../node/readUpTo';

/**
 * Every spec delta below the root, indexed as the language server indexes a workspace: the ids
 * they define, for the next free id of `new_spec_delta` and for the cross-file rules when
 * `lint` checks text that is not on disk. Read afresh on each call, so that files an assistant
 * (or anyone) just wrote are seen; a file that cannot be read is left out, as the server does.
 */
export function indexRoot(root: string): { index: WorkspaceIndex; configs: ConfigLoader } {
  const configs = new ConfigLoader(root);
  const index = new WorkspaceIndex(DEFAULT_ID_PATTERN);
  for (const file of walkMarkdown(root)) {
    try {
      const config = configs.effective(file);
      // One bounded read: the file may grow between a stat and a read of the whole.
      const read = readUpTo(file, config.maxFileSize, 0);
      if (read.size > config.maxFileSize) continue;
      const text = stripBom(read.text);
      if (checkAnalysable(text, config)) continue;
      const doc = parseDocument(text, pathToFileURL(file).href, 0, config);
      index.set(doc, isSpecDelta(configs, file, doc.hasSpecDeltaTitle), config.idPattern);
    } catch {
      continue;
    }
  }
  return { index, configs };
}

/**
 * The diagnostics of text that stands for `file` (which may not exist), with the same settings
 * and the same cross-file view as `spec-delta lint` gives the file: its own entry in the index is
 * replaced by the text, so that it is not its own duplicate.
 */
export function lintText(root: string, file: string, text: string): Diagnostic[] {
  const { index, configs } = indexRoot(root);
  const config = configs.effective(file);
  const body = stripBom(text);
  const refused = checkAnalysable(body, config);
  if (refused) return [refused];
  const doc = parseDocument(body, pathToFileURL(file).href, 0, config);
  index.set(doc, true, config.idPattern);
  return analyze(doc, { config, workspace: index });
}

function isSpecDelta(configs: ConfigLoader, file: string, titled: boolean): boolean {
  return titled || configs.listsFile(file);
}
