import * as fs from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Diagnostic } from 'vscode-languageserver-types';
import { matchesAny } from '../core/config';
import { mergeInsertions, applyEdits } from '../core/fixes';
import { analyze, checkAnalysable, fixesOf, parseDocument } from '../core/languageService';
import type { SpecDeltaDocument } from '../core/model';
import { DEFAULT_ID_PATTERN } from '../core/parser';
import { WorkspaceIndex } from '../core/workspaceIndex';
import { EffectiveConfig } from '../core/config';
import { ConfigLoader, relativePath } from '../node/configLoader';
import { FoundFile, describe } from '../node/files';
import { writeFileAtomic } from './writeFile';

export interface FileResult {
  /** The path as shown to the user: relative to the working directory. */
  readonly file: string;
  readonly diagnostics: Diagnostic[];
  /** Fixes were written to this file. */
  readonly fixed: boolean;
}

interface Loaded {
  readonly found: FoundFile;
  readonly uri: string;
  readonly config: EffectiveConfig;
  readonly bom: boolean;
  text: string;
  doc: SpecDeltaDocument | undefined;
  refused: Diagnostic | undefined;
}

export class LintIoError extends Error {}

/**
 * Lints files: reads each once, parses each once, indexes the ids of all of them (duplicate ids
 * and unknown references span the files given), then analyses. With `fix`, applies the fixes that
 * only insert text, writes each changed file atomically and reports what is left.
 */
export function lintFiles(files: readonly FoundFile[], cwd: string, options: { fix: boolean }): FileResult[] {
  const configs = new ConfigLoader(cwd);
  const loaded: Loaded[] = [];
  for (const found of files) {
    let raw: string;
    try {
      raw = fs.readFileSync(found.path, 'utf8');
    } catch (error) {
      throw new LintIoError(`cannot read '${path.relative(cwd, found.path)}': ${describe(error)}`);
    }
    const configFile = configs.forFile(found.path);
    const config = configs.effective(found.path);
    const bom = raw.charCodeAt(0) === 0xfeff;
    const text = bom ? raw.slice(1) : raw;
    const uri = pathToFileURL(found.path).href;
    const refused = checkAnalysable(text, config);
    const doc = refused ? undefined : parseDocument(text, uri, 0, config);
    const isSpecDelta = found.explicit || (doc?.hasSpecDeltaTitle ?? false) || matchesAny(configFile.config.files, relativePath(configFile.root, found.path));
    if (!isSpecDelta) continue;
    loaded.push({ found, uri, config, bom, text, doc, refused });
  }

  // Each file's ids are read with the pattern of its own configuration, as the server does.
  const index = new WorkspaceIndex(DEFAULT_ID_PATTERN);
  for (const file of loaded) if (file.doc) index.set(file.doc, true, file.config.idPattern);

  return loaded.map((file) => {
    const display = path.relative(cwd, file.found.path) || path.basename(file.found.path);
    if (file.refused || !file.doc) return { file: display, diagnostics: file.refused ? [file.refused] : [], fixed: false };
    let diagnostics = analyze(file.doc, { config: file.config, workspace: index });
    let fixed = false;
    if (options.fix) {
      const edits = mergeInsertions(diagnostics.flatMap(fixesOf));
      if (edits.length > 0) {
        file.text = applyEdits(file.text, edits);
        try {
          writeFileAtomic(file.found.path, (file.bom ? '\uFEFF' : '') + file.text);
        } catch (error) {
          throw new LintIoError(`cannot write '${display}': ${describe(error)}`);
        }
        file.doc = parseDocument(file.text, file.uri, 1, file.config);
        index.set(file.doc, true, file.config.idPattern);
        diagnostics = analyze(file.doc, { config: file.config, workspace: index });
        fixed = true;
      }
    }
    return { file: display, diagnostics, fixed };
  });
}
