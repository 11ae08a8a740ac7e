import * as fs from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Diagnostic } from 'vscode-languageserver-types';
import { matchesAny } from '../core/config';
import { mergeInsertions, applyEdits } from '../core/fixes';
import { analyze, checkAnalysable, fixesOf, parseDocument } from '../core/languageService';
import type { SpecDeltaDocument } from '../core/model';
import type { IdDefinition, WorkspaceView } from '../core/rule';
import { DEFAULT_ID_PATTERN } from '../core/parser';
import { WorkspaceIndex } from '../core/workspaceIndex';
import { EffectiveConfig } from '../core/config';
import { ConfigLoader, relativePath } from '../node/configLoader';
import { FoundFile, describe } from '../node/files';
import { writeFileAtomic } from './writeFile';

export interface FileResult<T = undefined> {
  /** The path as shown to the user: relative to the working directory. */
  readonly file: string;
  readonly diagnostics: Diagnostic[];
  /** Fixes were written to this file. */
  readonly fixed: boolean;
  /** What `extract` read from the document (the catalogue entry). */
  readonly extracted?: T;
}

export interface LintOptions<T> {
  readonly fix: boolean;
  /**
   * Reads more from each spec delta on the same parse and with its final diagnostics (the
   * catalogue), so that no caller parses a file twice; `doc` is undefined for a refused file.
   */
  readonly extract?: (doc: SpecDeltaDocument | undefined, diagnostics: readonly Diagnostic[], config: EffectiveConfig) => T;
}

interface Loaded {
  readonly found: FoundFile;
  readonly uri: string;
  readonly config: EffectiveConfig;
  readonly bom: boolean;
  readonly isSpecDelta: boolean;
  text: string;
  doc: SpecDeltaDocument | undefined;
  refused: Diagnostic | undefined;
}

export class LintIoError extends Error {}

/** A spec delta after the first pass: its diagnostics, and what they depended on in the other files. */
interface FirstPass<T> {
  readonly found: FoundFile;
  readonly diagnostics: Diagnostic[];
  readonly asked: RecordingView;
  readonly extracted: T | undefined;
}

/**
 * Lints files in two passes, so that memory stays flat however many files there are (holding
 * every parsed document took 1.3 GB for 20,000 files). The first pass reads, parses, indexes and
 * analyses each file, then lets its document go. Duplicate ids and unknown references span the
 * files given, so a result is kept only if the ids it looked up have the same definitions once
 * every file is indexed; the other files are read and analysed again in the second pass.
 * With `fix`, applies the fixes that only insert text, writes each changed file atomically and
 * reports what is left.
 */
export function lintFiles<T = undefined>(files: readonly FoundFile[], cwd: string, options: LintOptions<T>): FileResult<T>[] {
  const configs = new ConfigLoader(cwd);
  // Each file's ids are read with the pattern of its own configuration, as the server does.
  const index = new WorkspaceIndex(DEFAULT_ID_PATTERN);
  const firstPass: FirstPass<T>[] = [];
  for (const found of files) {
    const file = load(found, configs, cwd);
    if (!file.isSpecDelta) continue;
    if (file.doc) index.set(file.doc, true, file.config.idPattern);
    const asked = new RecordingView(index);
    const diagnostics = file.refused ? [file.refused] : file.doc ? analyze(file.doc, { config: file.config, workspace: asked }) : [];
    firstPass.push({ found, asked, diagnostics, extracted: options.extract?.(file.doc, diagnostics, file.config) });
  }
  return firstPass.map(({ found, asked, diagnostics, extracted }) => {
    const current = asked.unchanged() && !(options.fix && mergeInsertions(diagnostics.flatMap(fixesOf)).length > 0);
    if (current) return { file: displayPath(found, cwd), diagnostics, fixed: false, extracted };
    return lintFile(load(found, configs, cwd), index, cwd, options);
  });
}

/**
 * The index as the rules see it, remembering every answer: the rules reach other files only
 * through `definitions`, so a result whose answers are all still the same is still right.
 */
class RecordingView implements WorkspaceView {
  private readonly answers = new Map<string, string>();

  constructor(private readonly index: WorkspaceIndex) {}

  definitions(id: string): IdDefinition[] {
    const definitions = this.index.definitions(id);
    this.answers.set(id, JSON.stringify(definitions));
    return definitions;
  }

  unchanged(): boolean {
    for (const [id, answer] of this.answers) if (JSON.stringify(this.index.definitions(id)) !== answer) return false;
    return true;
  }
}

function displayPath(found: FoundFile, cwd: string): string {
  return path.relative(cwd, found.path) || path.basename(found.path);
}

function load(found: FoundFile, configs: ConfigLoader, cwd: string): Loaded {
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
  return { found, uri, config, bom, isSpecDelta, text, doc, refused };
}

function lintFile<T>(file: Loaded, index: WorkspaceIndex, cwd: string, options: LintOptions<T>): FileResult<T> {
  const display = displayPath(file.found, cwd);
  if (file.refused || !file.doc) {
    const diagnostics = file.refused ? [file.refused] : [];
    return { file: display, diagnostics, fixed: false, extracted: options.extract?.(undefined, diagnostics, file.config) };
  }
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
  return { file: display, diagnostics, fixed, extracted: options.extract?.(file.doc, diagnostics, file.config) };
}
