import * as path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { Diagnostic, TextEdit } from 'vscode-languageserver-types';
import {
  analyze,
  analyzeDocument,
  applyEdits,
  checkAnalysable,
  ConfigError,
  crossDocumentDiagnostics,
  crossDocumentInput,
  type CrossDocumentInput,
  EffectiveConfig,
  fixesOf,
  hasSpecDeltaTitleAtHead,
  idDefinitionOf,
  mergeDiagnostics,
  mergeInsertions,
  parseDocument,
  readPackedBlocks,
  sizeRefusal,
  type PackedBlocks,
  stripBom,
  type IdDefinition,
  type SpecDeltaDocument,
  type WorkspaceView,
} from '../core';
import { ConfigLoader } from '../node/configLoader';
import { FoundFile, describe } from '../node/files';
import { readUpTo } from '../node/readUpTo';
import { DefinitionTable, tableView } from './definitionTable';
import { Extract, ExtractionName, extraction } from './extractions';
import { writeFileAtomic } from './writeFile';

/**
 * The passes of `spec-delta lint` over one file. The first runs on any thread and returns plain
 * data (structured-clonable); the others run on the main thread, with what they need of the
 * other files from a DefinitionTable.
 */

export class LintIoError extends Error {}

/** A file after the first pass; `null` for a file that is not a spec delta. */
export interface FirstPassResult {
  /** What the file defines, for the table of every file's definitions. */
  readonly definition: IdDefinition | undefined;
  /** The diagnostics of the rules that judge the file alone. */
  readonly diagnostics: Diagnostic[];
  /** What the rules that span files read of it, to run them once every file's definitions are known; none for a refused file. */
  readonly crossDocument: CrossDocumentInput | undefined;
  /** What the caller's `extract` read from the document, with the diagnostics above. */
  readonly extracted?: unknown;
}

export interface ReanalysisResult {
  readonly diagnostics: Diagnostic[];
  readonly fixed: boolean;
  readonly extracted?: unknown;
}

interface Loaded {
  readonly found: FoundFile;
  readonly uri: string;
  readonly config: EffectiveConfig;
  readonly bom: boolean;
  readonly isSpecDelta: boolean;
  readonly text: string;
  readonly doc: SpecDeltaDocument | undefined;
  readonly refused: Diagnostic | undefined;
}

/**
 * The first pass of one thread: reads, parses and analyses each file with the rules that judge it
 * alone, then lets the document go, keeping its definition and the small part of it that the
 * rules spanning files read (`crossDocumentInput`): those run on the main thread once every
 * file's definitions are known (CrossDocumentPass), so no file is read twice.
 */
export class FirstPass {
  private readonly extract: Extract<unknown> | undefined;

  /** `configs`: the run's, shared by its passes on this thread, so that each folder's configuration is found once. */
  constructor(
    private readonly cwd: string,
    extract?: ExtractionName,
    private readonly configs = new ConfigLoader(cwd),
  ) {
    this.extract = extraction(extract);
  }

  /** `read`: the file as another thread read it (readAhead.ts); else it is read here. */
  run(found: FoundFile, read?: ReadFile): FirstPassResult | null {
    const file = load(found, this.configs, this.cwd, read);
    if (!file.isSpecDelta) return null;
    const { doc, refused, config } = file;
    const diagnostics = refused ? [refused] : doc ? analyzeDocument(doc, { config }) : [];
    return {
      definition: doc ? definitionOf(doc, config) : undefined,
      diagnostics,
      crossDocument: doc && crossDocumentInput(doc, true),
      extracted: this.extract?.(doc, diagnostics, config, displayPath(found, this.cwd)),
    };
  }
}

/**
 * Finishes a first-pass result on the main thread: the rules that span files, against the table
 * of every file's definitions, merged into the file's own diagnostics as `analyze` orders them.
 */
export class CrossDocumentPass {
  private readonly view: WorkspaceView;

  constructor(
    cwd: string,
    table: DefinitionTable,
    private readonly configs: ConfigLoader,
  ) {
    this.view = tableView(table, (uri) => cliPath(uri, cwd));
  }

  run(found: FoundFile, first: FirstPassResult): Diagnostic[] {
    if (!first.crossDocument) return first.diagnostics;
    const config = this.configs.effective(found.path);
    return mergeDiagnostics(first.diagnostics, crossDocumentDiagnostics(first.crossDocument, this.view, { config }));
  }
}

/**
 * A file read and analysed again against every file's definitions: for `catalog`, whose entry
 * needs the final diagnostics, when the rules that span files found something. With `fix`, applies
 * the fixes that only insert text, writes the file atomically and puts its new definition in the
 * table, so that the files after it see it (writing happens on the main thread only).
 */
export class Reanalysis {
  private readonly extract: Extract<unknown> | undefined;

  constructor(
    private readonly cwd: string,
    private readonly table: DefinitionTable,
    private readonly fix: boolean,
    extract: ExtractionName | undefined,
    private readonly configs: ConfigLoader,
  ) {
    this.extract = extraction(extract);
  }

  run(found: FoundFile): ReanalysisResult {
    const file = load(found, this.configs, this.cwd);
    const { diagnostics, fixed, doc } = this.fix ? this.fixAndAnalyse(file) : { diagnostics: this.analyse(file, file.doc), fixed: false, doc: file.doc };
    return { diagnostics, fixed, extracted: this.extract?.(doc, diagnostics, file.config, displayPath(found, this.cwd)) };
  }

  /** Each step one call: analyse, insert the fixes, write, parse again, index again, analyse again. */
  private fixAndAnalyse(file: Loaded): { diagnostics: Diagnostic[]; fixed: boolean; doc: SpecDeltaDocument | undefined } {
    const diagnostics = this.analyse(file, file.doc);
    const text = file.doc && withInsertions(file.text, diagnostics);
    if (text === undefined) return { diagnostics, fixed: false, doc: file.doc };
    writeBack(file, text, this.cwd);
    const doc = parseDocument(text, file.uri, 1, file.config);
    this.table.put(file.uri, definitionOf(doc, file.config));
    return { diagnostics: this.analyse(file, doc), fixed: true, doc };
  }

  /** The document's diagnostics against the table; a refused file's one notice. */
  private analyse(file: Loaded, doc: SpecDeltaDocument | undefined): Diagnostic[] {
    if (file.refused) return [file.refused];
    if (!doc) return [];
    return analyze(doc, { config: file.config, workspace: tableView(this.table, (uri) => cliPath(uri, this.cwd)) });
  }
}

/** The text with the fixes that only insert applied; undefined when there is none. */
function withInsertions(text: string, diagnostics: readonly Diagnostic[]): string | undefined {
  const edits = insertionsOf(diagnostics);
  return edits.length === 0 ? undefined : applyEdits(text, edits);
}

/** The fixes `--fix` writes: those that only insert text, merged. */
function insertionsOf(diagnostics: readonly Diagnostic[]): TextEdit[] {
  return mergeInsertions(diagnostics.flatMap(fixesOf));
}

/** Writes a file's fixed text atomically, its BOM put back. */
function writeBack(file: Loaded, text: string, cwd: string): void {
  try {
    writeFileAtomic(file.found.path, (file.bom ? '\uFEFF' : '') + text);
  } catch (error) {
    throw new LintIoError(`cannot write '${displayPath(file.found, cwd)}': ${describe(error)}`);
  }
}

/** What a spec delta defines, read with the id pattern of its own configuration, as the server does. */
function definitionOf(doc: SpecDeltaDocument, config: EffectiveConfig): IdDefinition | undefined {
  return idDefinitionOf(doc, config.idPattern);
}

/** Whether a file's diagnostics carry fixes that `--fix` would write. */
export function hasInsertions(diagnostics: readonly Diagnostic[]): boolean {
  return insertionsOf(diagnostics).length > 0;
}

export function displayPath(found: FoundFile, cwd: string): string {
  return path.relative(cwd, found.path) || path.basename(found.path);
}

/** A file named in a message (the other definitions of a duplicate id) as the file column names it. */
function cliPath(uri: string, cwd: string): string {
  return displayPath({ path: fileURLToPath(uri), explicit: false }, cwd);
}

/**
 * A file as read, before it is parsed: its size, its text (a file over `maxFileSize` only its
 * head) and, when another thread read it (readAhead.ts), the text's block structure: found only
 * for a text that `checkAnalysable` let through, so that the main thread does not check again.
 */
export interface ReadFile {
  readonly size: number;
  /** Without its BOM. */
  readonly text: string;
  readonly bom: boolean;
  readonly blocks?: PackedBlocks;
}

/** Reads a file for the first pass, under its configuration; `withBlocks` also finds its block structure, if it is to be parsed. */
export function readFile(found: FoundFile, config: EffectiveConfig, cwd: string, withBlocks = false): ReadFile {
  let read: { size: number; text: string };
  try {
    // A file over the limit is never read whole (a huge one would not even fit in a string); its
    // head says whether it is a spec delta, which then gets its one notice (SPEC section 6).
    read = readUpTo(found.path, config.maxFileSize, HEAD_BYTES);
  } catch (error) {
    throw new LintIoError(`cannot read '${path.relative(cwd, found.path)}': ${describe(error)}`);
  }
  const text = stripBom(read.text);
  const parsed = withBlocks && read.size <= config.maxFileSize && !checkAnalysable(text, config);
  return { size: read.size, text, bom: text.length !== read.text.length, blocks: parsed ? readPackedBlocks(text) : undefined };
}

function load(found: FoundFile, configs: ConfigLoader, cwd: string, given?: ReadFile): Loaded {
  const config = configs.effective(found.path);
  const read = given ?? readFile(found, config, cwd);
  const uri = pathToFileURL(found.path).href;
  const byGlobs = (): boolean => configs.listsFile(found.path);
  const { text, bom } = read;
  if (read.size > config.maxFileSize) {
    const isSpecDelta = found.explicit || byGlobs() || hasSpecDeltaTitleAtHead(text);
    return { found, uri, config, bom: false, isSpecDelta, text: '', doc: undefined, refused: sizeRefusal(read.size, config) };
  }
  const refused = read.blocks ? undefined : checkAnalysable(text, config);
  const doc = refused ? undefined : parseDocument(text, uri, 0, config, read.blocks);
  const titled = doc ? doc.hasSpecDeltaTitle : hasSpecDeltaTitleAtHead(text);
  const isSpecDelta = found.explicit || titled || byGlobs();
  return { found, uri, config, bom, isSpecDelta, text, doc, refused };
}

/** Enough of a file to find its title: front matter and a heading fit many times over. */
const HEAD_BYTES = 64 * 1024;

/** An error as plain data, to cross from a worker to the main thread. */
export type ThrownError =
  | { readonly kind: 'config'; readonly file: string; readonly key: string; readonly problem: string }
  | { readonly kind: 'io'; readonly message: string }
  | { readonly kind: 'internal'; readonly message: string; readonly stack: string | undefined };

export function serializeError(error: unknown): ThrownError {
  if (error instanceof ConfigError) return { kind: 'config', file: error.file, key: error.key, problem: error.problem };
  if (error instanceof LintIoError) return { kind: 'io', message: error.message };
  return { kind: 'internal', message: (error as Error)?.message ?? String(error), stack: (error as Error)?.stack };
}

/** The error again, of the class the CLI reports (a ConfigError's message is rebuilt from its parts). */
export function rebuildError(thrown: ThrownError): Error {
  if (thrown.kind === 'config') return new ConfigError(thrown.file, thrown.key, thrown.problem);
  if (thrown.kind === 'io') return new LintIoError(thrown.message);
  const error = new Error(thrown.message);
  error.stack = thrown.stack;
  return error;
}
