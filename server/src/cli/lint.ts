import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { Diagnostic } from 'vscode-languageserver-types';
import { matchesAny } from '../core/config';
import { mergeInsertions, applyEdits } from '../core/fixes';
import { analyze, checkAnalysable, fixesOf, parseDocument, sizeRefusal } from '../core/languageService';
import type { SpecDeltaDocument } from '../core/model';
import type { IdDefinition, WorkspaceView } from '../core/rule';
import { DEFAULT_ID_PATTERN } from '../core/parser';
import { WorkspaceIndex } from '../core/workspaceIndex';
import { EffectiveConfig } from '../core/config';
import { ConfigLoader, relativePath } from '../node/configLoader';
import { FoundFile, describe } from '../node/files';
import { writeFileAtomic } from './writeFile';

export interface FileResult {
  /** The path as shown to the user: relative to the working directory. */
  readonly file: string;
  /** The absolute path, for formats that name files relative to another folder (SARIF). */
  readonly path: string;
  readonly diagnostics: Diagnostic[];
  /** Fixes were written to this file. */
  readonly fixed: boolean;
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
interface FirstPass {
  readonly found: FoundFile;
  readonly diagnostics: Diagnostic[];
  readonly asked: RecordingView;
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
export function lintFiles(files: readonly FoundFile[], cwd: string, options: { fix: boolean }): FileResult[] {
  const configs = new ConfigLoader(cwd);
  // Each file's ids are read with the pattern of its own configuration, as the server does.
  const index = new WorkspaceIndex(DEFAULT_ID_PATTERN);
  const firstPass: FirstPass[] = [];
  for (const found of files) {
    const file = load(found, configs, cwd);
    if (!file.isSpecDelta) continue;
    if (file.doc) index.set(file.doc, true, file.config.idPattern);
    const asked = new RecordingView(index, cwd);
    const diagnostics = file.refused ? [file.refused] : file.doc ? analyze(file.doc, { config: file.config, workspace: asked }) : [];
    firstPass.push({ found, asked, diagnostics });
  }
  return firstPass.map(({ found, asked, diagnostics }) => {
    const current = asked.unchanged() && !(options.fix && mergeInsertions(diagnostics.flatMap(fixesOf)).length > 0);
    if (current) return { file: displayPath(found, cwd), path: found.path, diagnostics, fixed: false };
    return lintFile(load(found, configs, cwd), index, cwd, options);
  });
}

/**
 * The index as the rules see it, remembering every answer: the rules reach other files only
 * through `definitions`, so a result whose answers are all still the same is still right.
 */
class RecordingView implements WorkspaceView {
  private readonly answers = new Map<string, string>();

  constructor(
    private readonly index: WorkspaceIndex,
    private readonly cwd: string,
  ) {}

  definitions(id: string): IdDefinition[] {
    const definitions = this.index.definitions(id);
    this.answers.set(id, JSON.stringify(definitions));
    return definitions;
  }

  pathOf(uri: string): string {
    return cliPath(uri, this.cwd);
  }

  unchanged(): boolean {
    for (const [id, answer] of this.answers) if (JSON.stringify(this.index.definitions(id)) !== answer) return false;
    return true;
  }
}

function displayPath(found: FoundFile, cwd: string): string {
  return path.relative(cwd, found.path) || path.basename(found.path);
}

/** A file named in a message (the other definitions of a duplicate id) as the file column names it. */
function cliPath(uri: string, cwd: string): string {
  return displayPath({ path: fileURLToPath(uri), explicit: false }, cwd);
}

function load(found: FoundFile, configs: ConfigLoader, cwd: string): Loaded {
  const configFile = configs.forFile(found.path);
  const config = configs.effective(found.path);
  const uri = pathToFileURL(found.path).href;
  const byGlobs = (): boolean => matchesAny(configFile.config.files, relativePath(configFile.root, found.path));
  const fail = (error: unknown): never => {
    throw new LintIoError(`cannot read '${path.relative(cwd, found.path)}': ${describe(error)}`);
  };
  let size = 0;
  try {
    size = fs.statSync(found.path).size;
  } catch (error) {
    fail(error);
  }
  // A file over the limit is never read whole (a huge one would not even fit in a string); its
  // head says whether it is a spec delta, which then gets its one notice (SPEC section 6).
  const tooLarge = size > config.maxFileSize ? sizeRefusal(size, config) : undefined;
  if (tooLarge) {
    let head = '';
    try {
      head = readHead(found.path);
    } catch (error) {
      fail(error);
    }
    const isSpecDelta = found.explicit || byGlobs() || hasSpecDeltaTitle(head, uri, config);
    return { found, uri, config, bom: false, isSpecDelta, text: '', doc: undefined, refused: tooLarge };
  }
  let raw = '';
  try {
    raw = fs.readFileSync(found.path, 'utf8');
  } catch (error) {
    fail(error);
  }
  const bom = raw.charCodeAt(0) === 0xfeff;
  const text = bom ? raw.slice(1) : raw;
  const refused = checkAnalysable(text, config);
  const doc = refused ? undefined : parseDocument(text, uri, 0, config);
  const titled = doc ? doc.hasSpecDeltaTitle : hasSpecDeltaTitle(text.slice(0, HEAD_BYTES), uri, config);
  const isSpecDelta = found.explicit || titled || byGlobs();
  return { found, uri, config, bom, isSpecDelta, text, doc, refused };
}

/** Enough of a file to find its title: front matter and a heading fit many times over. */
const HEAD_BYTES = 64 * 1024;

function readHead(file: string): string {
  const buffer = Buffer.alloc(HEAD_BYTES);
  const fd = fs.openSync(file, 'r');
  try {
    const length = fs.readSync(fd, buffer, 0, HEAD_BYTES, 0);
    const head = buffer.toString('utf8', 0, length);
    return head.charCodeAt(0) === 0xfeff ? head.slice(1) : head;
  } finally {
    fs.closeSync(fd);
  }
}

function hasSpecDeltaTitle(head: string, uri: string, config: EffectiveConfig): boolean {
  return parseDocument(head, uri, 0, config).hasSpecDeltaTitle;
}

function lintFile(file: Loaded, index: WorkspaceIndex, cwd: string, options: { fix: boolean }): FileResult {
  const display = displayPath(file.found, cwd);
  if (file.refused || !file.doc) return { file: display, path: file.found.path, diagnostics: file.refused ? [file.refused] : [], fixed: false };
  const workspace: WorkspaceView = { definitions: (id) => index.definitions(id), pathOf: (uri) => cliPath(uri, cwd) };
  let diagnostics = analyze(file.doc, { config: file.config, workspace });
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
      diagnostics = analyze(file.doc, { config: file.config, workspace });
      fixed = true;
    }
  }
  return { file: display, path: file.found.path, diagnostics, fixed };
}
