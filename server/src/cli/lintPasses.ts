import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { Diagnostic, TextEdit } from 'vscode-languageserver-types';
import {
  analyze,
  applyEdits,
  checkAnalysable,
  ConfigError,
  EffectiveConfig,
  fixesOf,
  hasSpecDeltaTitleAtHead,
  indexEntryOf,
  matchesAny,
  mergeInsertions,
  parseDocument,
  sizeRefusal,
  stripBom,
  type IdDefinition,
  type SpecDeltaDocument,
  type WorkspaceView,
} from '../core';
import { ConfigLoader, relativePath } from '../node/configLoader';
import { FoundFile, describe } from '../node/files';
import { DefinitionTable, tableView } from './definitionTable';
import { Extract, ExtractionName, extraction } from './extractions';
import { writeFileAtomic } from './writeFile';

/**
 * The two passes of `spec-delta lint` over one file, written so that any thread can run them:
 * what they return is plain data (structured-clonable), and what they need of the other files
 * comes from a DefinitionTable.
 */

export class LintIoError extends Error {}

/** A file after the first pass; `null` for a file that is not a spec delta. */
export interface FirstPassResult {
  /** What the file defines, for the table of every file's definitions. */
  readonly definition: IdDefinition | undefined;
  readonly diagnostics: Diagnostic[];
  /** Each id the rules asked about, with the answer they got (as JSON). */
  readonly answers: [string, string][];
  /** What the caller's `extract` read from the document. */
  readonly extracted?: unknown;
}

export interface SecondPassResult {
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
 * What a file probably defines, from its head alone: the title's id, as the full parse would find
 * it. Cheap (a read and a parse of the first lines), so that the first pass can answer the
 * cross-file rules about files it has not reached yet; a wrong guess costs only a second pass.
 */
export class Prediction {
  private readonly configs: ConfigLoader;

  constructor(cwd: string) {
    this.configs = new ConfigLoader(cwd);
  }

  run(found: FoundFile): IdDefinition | null {
    let config: EffectiveConfig;
    let head: string;
    try {
      config = this.configs.effective(found.path);
      // No stat for the size limit: a file over it defines nothing, and a wrong guess costs only a second pass.
      head = readHead(found.path, PREDICTION_BYTES);
    } catch {
      // The first pass reports the file's error, in the order of the files.
      return null;
    }
    // Up to the first ATX heading, which is the title in a spec delta (parsing more costs as much
    // as a third of the first pass); else whole lines, so that half a line (or half a character)
    // does not become a different heading.
    const heading = /^ {0,3}#[^\n]*\n/m.exec(head);
    const end = head.lastIndexOf('\n');
    const cut = heading ? head.slice(0, heading.index + heading[0].length) : end >= 0 ? head.slice(0, end + 1) : head;
    return definitionOf(parseDocument(cut, fileUri(found), 0, config), config) ?? null;
  }
}

/** Enough for a title: the first lines of a spec delta. */
const PREDICTION_BYTES = 1024;

/**
 * The first pass of one thread: reads, parses and analyses each file, then lets the document go.
 * The cross-file rules are answered from the definitions this thread has read and, for the files
 * it has not, the predicted ones; whatever they were, the caller keeps a result only if the
 * complete table gives the same answers.
 */
export class FirstPass {
  private readonly configs: ConfigLoader;
  private readonly known: DefinitionTable;
  private readonly extract: Extract<unknown> | undefined;

  constructor(
    private readonly cwd: string,
    predicted: Iterable<IdDefinition>,
    extract?: ExtractionName,
  ) {
    this.configs = new ConfigLoader(cwd);
    this.known = new DefinitionTable(predicted);
    this.extract = extraction(extract);
  }

  run(found: FoundFile): FirstPassResult | null {
    const file = load(found, this.configs, this.cwd);
    if (!file.isSpecDelta) {
      this.known.put(file.uri, undefined);
      return null;
    }
    const definition = file.doc ? definitionOf(file.doc, file.config) : undefined;
    this.known.put(file.uri, definition);
    const asked = new RecordingView(this.known, this.cwd);
    const diagnostics = file.refused ? [file.refused] : file.doc ? analyze(file.doc, { config: file.config, workspace: asked }) : [];
    return { definition, diagnostics, answers: [...asked.answers], extracted: this.extract?.(file.doc, diagnostics, file.config) };
  }
}

/** Whether the table still gives every answer a first-pass result was computed with. */
export function stillAnswers(answers: readonly [string, string][], table: DefinitionTable): boolean {
  return answers.every(([id, answer]) => table.definitionsJson(id) === answer);
}

/**
 * The second pass: analyses a file again against every file's definitions. With `fix`, applies
 * the fixes that only insert text, writes the file atomically and puts its new definition in the
 * table, so that the files after it see it (writing happens on the main thread only).
 */
export class SecondPass {
  private readonly configs: ConfigLoader;
  private readonly extract: Extract<unknown> | undefined;

  constructor(
    private readonly cwd: string,
    private readonly table: DefinitionTable,
    private readonly fix: boolean,
    extract?: ExtractionName,
  ) {
    this.configs = new ConfigLoader(cwd);
    this.extract = extraction(extract);
  }

  run(found: FoundFile): SecondPassResult {
    const file = load(found, this.configs, this.cwd);
    const { diagnostics, fixed, doc } = this.fix ? this.fixAndAnalyse(file) : { diagnostics: this.analyse(file, file.doc), fixed: false, doc: file.doc };
    return { diagnostics, fixed, extracted: this.extract?.(doc, diagnostics, file.config) };
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
  return indexEntryOf(doc, true, config.idPattern).definition;
}

/** Whether a file's diagnostics carry fixes that `--fix` would write. */
export function hasInsertions(diagnostics: readonly Diagnostic[]): boolean {
  return insertionsOf(diagnostics).length > 0;
}

/**
 * The index as the rules see it, remembering every answer: the rules reach other files only
 * through `definitions`, so a result whose answers are all still the same is still right.
 */
class RecordingView implements WorkspaceView {
  readonly answers = new Map<string, string>();

  constructor(
    private readonly table: DefinitionTable,
    private readonly cwd: string,
  ) {}

  definitions(id: string): IdDefinition[] {
    const definitions = this.table.definitions(id);
    this.answers.set(id, JSON.stringify(definitions));
    return definitions;
  }

  pathOf(uri: string): string {
    return cliPath(uri, this.cwd);
  }
}

export function displayPath(found: FoundFile, cwd: string): string {
  return path.relative(cwd, found.path) || path.basename(found.path);
}

/** A file named in a message (the other definitions of a duplicate id) as the file column names it. */
function cliPath(uri: string, cwd: string): string {
  return displayPath({ path: fileURLToPath(uri), explicit: false }, cwd);
}

function load(found: FoundFile, configs: ConfigLoader, cwd: string): Loaded {
  const configFile = configs.forFile(found.path);
  const config = configs.effective(found.path);
  const uri = fileUri(found);
  const byGlobs = (): boolean => matchesAny(configFile.config.files, relativePath(configFile.root, found.path));
  let read: { size: number; text: string };
  try {
    // A file over the limit is never read whole (a huge one would not even fit in a string); its
    // head says whether it is a spec delta, which then gets its one notice (SPEC section 6).
    read = readUpTo(found.path, config.maxFileSize, HEAD_BYTES);
  } catch (error) {
    throw new LintIoError(`cannot read '${path.relative(cwd, found.path)}': ${describe(error)}`);
  }
  const tooLarge = read.size > config.maxFileSize ? sizeRefusal(read.size, config) : undefined;
  const text = stripBom(read.text);
  const bom = text.length !== read.text.length;
  if (tooLarge) {
    const isSpecDelta = found.explicit || byGlobs() || hasSpecDeltaTitleAtHead(text);
    return { found, uri, config, bom: false, isSpecDelta, text: '', doc: undefined, refused: tooLarge };
  }
  const refused = checkAnalysable(text, config);
  const doc = refused ? undefined : parseDocument(text, uri, 0, config);
  const titled = doc ? doc.hasSpecDeltaTitle : hasSpecDeltaTitleAtHead(text);
  const isSpecDelta = found.explicit || titled || byGlobs();
  return { found, uri, config, bom, isSpecDelta, text, doc, refused };
}

/** Enough of a file to find its title: front matter and a heading fit many times over. */
const HEAD_BYTES = 64 * 1024;

function readHead(file: string, bytes: number): string {
  const fd = fs.openSync(file, 'r');
  try {
    return stripBom(readFrom(fd, bytes));
  } finally {
    fs.closeSync(fd);
  }
}

/**
 * A file's size and text, or only its first `headBytes` when it is over `limit` bytes: one open,
 * one stat and the reads (a stat and then readFileSync took a second open and stat per file).
 */
function readUpTo(file: string, limit: number, headBytes: number): { size: number; text: string } {
  const fd = fs.openSync(file, 'r');
  try {
    const size = fs.fstatSync(fd).size;
    if (size > limit) return { size, text: readFrom(fd, headBytes) };
    // A size of 0 may be a file whose size the system does not know: read it to its end.
    return { size, text: size === 0 ? fs.readFileSync(fd, 'utf8') : readFrom(fd, size) };
  } finally {
    fs.closeSync(fd);
  }
}

/** Up to `bytes` from the start of an open file, as UTF-8. */
function readFrom(fd: number, bytes: number): string {
  const buffer = Buffer.allocUnsafe(bytes);
  let length = 0;
  for (let n = -1; n !== 0 && length < bytes; length += n) n = fs.readSync(fd, buffer, length, bytes - length, length);
  return buffer.toString('utf8', 0, length);
}

/** A file's uri, made once per file of a run: the prediction and the passes all need it. */
function fileUri(found: FoundFile): string {
  let uri = uris.get(found);
  if (uri === undefined) uris.set(found, (uri = pathToFileURL(found.path).href));
  return uri;
}

const uris = new WeakMap<FoundFile, string>();

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
