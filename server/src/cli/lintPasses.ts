import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { Diagnostic } from 'vscode-languageserver-types';
import {
  analyze,
  applyEdits,
  checkAnalysable,
  ConfigError,
  DEFAULT_ID_PATTERN,
  EffectiveConfig,
  fixesOf,
  hasSpecDeltaTitleAtHead,
  matchesAny,
  mergeInsertions,
  parseDocument,
  sizeRefusal,
  stripBom,
  WorkspaceIndex,
  type IdDefinition,
  type SpecDeltaDocument,
  type WorkspaceView,
} from '../core';
import { ConfigLoader, relativePath } from '../node/configLoader';
import { FoundFile, describe } from '../node/files';
import { DefinitionTable, tableView } from './definitionTable';
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

/**
 * Reads more from a spec delta on lint's own parse, with its final diagnostics (the catalogue);
 * `doc` is undefined for a refused file.
 */
export type Extract<T> = (doc: SpecDeltaDocument | undefined, diagnostics: readonly Diagnostic[], config: EffectiveConfig) => T;

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
      if (fs.statSync(found.path).size > config.maxFileSize) return null;
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
    const doc = parseDocument(cut, pathToFileURL(found.path).href, 0, config);
    return new WorkspaceIndex(DEFAULT_ID_PATTERN).set(doc, true, config.idPattern).definition ?? null;
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

  constructor(
    private readonly cwd: string,
    predicted: Iterable<IdDefinition>,
    private readonly extract?: Extract<unknown>,
  ) {
    this.configs = new ConfigLoader(cwd);
    this.known = new DefinitionTable(predicted);
  }

  run(found: FoundFile): FirstPassResult | null {
    const file = load(found, this.configs, this.cwd);
    if (!file.isSpecDelta) {
      this.known.put(file.uri, undefined);
      return null;
    }
    // Each file's ids are read with the pattern of its own configuration, as the server does.
    const definition = file.doc ? new WorkspaceIndex(DEFAULT_ID_PATTERN).set(file.doc, true, file.config.idPattern).definition : undefined;
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

  constructor(
    private readonly cwd: string,
    private readonly table: DefinitionTable,
    private readonly fix: boolean,
    private readonly extract?: Extract<unknown>,
  ) {
    this.configs = new ConfigLoader(cwd);
  }

  run(found: FoundFile): SecondPassResult {
    const result = this.analyse(found);
    if (!this.extract) return result;
    return { ...result, extracted: this.extract(result.doc, result.diagnostics, result.config) };
  }

  private analyse(found: FoundFile): SecondPassResult & { doc: SpecDeltaDocument | undefined; config: EffectiveConfig } {
    const file = load(found, this.configs, this.cwd);
    if (file.refused || !file.doc) return { diagnostics: file.refused ? [file.refused] : [], fixed: false, doc: undefined, config: file.config };
    const workspace = tableView(this.table, (uri) => cliPath(uri, this.cwd));
    let diagnostics = analyze(file.doc, { config: file.config, workspace });
    if (!this.fix) return { diagnostics, fixed: false, doc: file.doc, config: file.config };
    const edits = mergeInsertions(diagnostics.flatMap(fixesOf));
    if (edits.length === 0) return { diagnostics, fixed: false, doc: file.doc, config: file.config };
    file.text = applyEdits(file.text, edits);
    try {
      writeFileAtomic(found.path, (file.bom ? '\uFEFF' : '') + file.text);
    } catch (error) {
      throw new LintIoError(`cannot write '${displayPath(found, this.cwd)}': ${describe(error)}`);
    }
    file.doc = parseDocument(file.text, file.uri, 1, file.config);
    const entry = new WorkspaceIndex(DEFAULT_ID_PATTERN).set(file.doc, true, file.config.idPattern);
    this.table.put(file.uri, entry.definition);
    diagnostics = analyze(file.doc, { config: file.config, workspace });
    return { diagnostics, fixed: true, doc: file.doc, config: file.config };
  }
}

/** Whether a file's diagnostics carry fixes that `--fix` would write. */
export function hasInsertions(diagnostics: readonly Diagnostic[]): boolean {
  return mergeInsertions(diagnostics.flatMap(fixesOf)).length > 0;
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
      head = readHead(found.path, HEAD_BYTES);
    } catch (error) {
      fail(error);
    }
    const isSpecDelta = found.explicit || byGlobs() || hasSpecDeltaTitleAtHead(head);
    return { found, uri, config, bom: false, isSpecDelta, text: '', doc: undefined, refused: tooLarge };
  }
  let raw = '';
  try {
    raw = fs.readFileSync(found.path, 'utf8');
  } catch (error) {
    fail(error);
  }
  const text = stripBom(raw);
  const bom = text.length !== raw.length;
  const refused = checkAnalysable(text, config);
  const doc = refused ? undefined : parseDocument(text, uri, 0, config);
  const titled = doc ? doc.hasSpecDeltaTitle : hasSpecDeltaTitleAtHead(text);
  const isSpecDelta = found.explicit || titled || byGlobs();
  return { found, uri, config, bom, isSpecDelta, text, doc, refused };
}

/** Enough of a file to find its title: front matter and a heading fit many times over. */
const HEAD_BYTES = 64 * 1024;

function readHead(file: string, bytes: number): string {
  const buffer = Buffer.alloc(bytes);
  const fd = fs.openSync(file, 'r');
  try {
    const length = fs.readSync(fd, buffer, 0, bytes, 0);
    const head = buffer.toString('utf8', 0, length);
    return stripBom(head);
  } finally {
    fs.closeSync(fd);
  }
}

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
