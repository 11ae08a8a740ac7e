import type { Diagnostic } from 'vscode-languageserver-types';
import { DEFAULT_CONFIG, EffectiveConfig, resolveConfig } from './config';
import type { Comment, SpecDeltaDocument } from './model';
import { parseSpecDelta } from './parser';
import type { PackedBlocks } from './parse/packedBlocks';
import type { CrossDocumentPart, Finding, Fix, Rule, RuleInfo, Status, WorkspaceView } from './rule';
import { RULES } from './rules';
import { severityOf } from './severity';
import { type Suppressions, isDirective, readSuppressions } from './suppressions';
import { detachAll, lineRange } from './text';
import { statusOf } from './values';

/** Where each rule's documentation page lives; diagnostics link their code to it. */
export const DOCS_BASE_URL = 'https://github.com/spec-delta/spec-delta/blob/main/docs/rules/';
export const SOURCE = 'spec-delta';

// The rules that judge a document before it is parsed at all.
const DOCUMENT_TOO_LARGE: RuleInfo = {
  code: 'SD901',
  name: 'document-too-large',
  description: 'Documents larger than `maxFileSize` (default 4 MiB) are not analysed, so that the editor never freezes.',
  ruleClass: 'hint',
};

const BINARY_CONTENT: RuleInfo = {
  code: 'SD902',
  name: 'binary-content',
  description: 'A file that holds binary data (NUL bytes) is not a spec delta and is not analysed.',
  ruleClass: 'structure',
};

/** Every rule, for documentation, configuration keys and SARIF metadata. */
export const ALL_RULES: readonly RuleInfo[] = [...RULES, DOCUMENT_TOO_LARGE, BINARY_CONTENT];

/** Every code and rule name `.spec-delta.json` may use in `rules`, with the code it stands for. */
export const RULE_KEYS: ReadonlyMap<string, string> = new Map(
  ALL_RULES.flatMap((r) => [
    [r.code, r.code],
    [r.name, r.code],
  ]),
);

export interface SpecDeltaDiagnosticData {
  readonly fixes: readonly Fix[];
}

export interface AnalysisOptions {
  /** The settings for this file; the defaults when absent. */
  readonly config?: EffectiveConfig;
  /** The other documents, for duplicate ids and unknown references; those rules are skipped without it. */
  readonly workspace?: WorkspaceView;
  /** Rules to run instead of the registry (tests inject failing rules). */
  readonly rules?: readonly Rule[];
  /** Told of a rule that threw; its findings are dropped, the other rules still report. */
  readonly onRuleError?: (rule: Rule, error: unknown) => void;
}

export const DEFAULT_EFFECTIVE_CONFIG: EffectiveConfig = resolveConfig(DEFAULT_CONFIG, '');

/** Parses a document with the id pattern of its configuration. */
export function parseDocument(
  text: string,
  uri: string,
  version: number,
  config: EffectiveConfig = DEFAULT_EFFECTIVE_CONFIG,
  blocks?: PackedBlocks,
): SpecDeltaDocument {
  return parseSpecDelta(text, uri, version, { idPattern: config.idPattern, blocks });
}

/**
 * A document's text is analysable: not over the size limit, not binary. Otherwise the one
 * diagnostic that says why.
 */
export function checkAnalysable(text: string, config: EffectiveConfig = DEFAULT_EFFECTIVE_CONFIG): Diagnostic | undefined {
  const bytes = utf8LengthOver(text, config.maxFileSize);
  if (bytes !== undefined) return sizeRefusal(bytes, config);
  const sample = text.length > 65536 ? text.slice(0, 65536) : text;
  if (sample.includes('\u0000')) {
    return diagnosticOf(BINARY_CONTENT, config, 'Draft', {
      range: lineRange(0, 0, 0),
      message: 'This file holds binary data (NUL bytes), not Markdown: it is not checked.',
    });
  }
  return undefined;
}

/** How much of a document's start is read for its title when the whole is not parsed. */
const HEAD_LENGTH = 64 * 1024;

/**
 * The first heading starts with `Spec Delta:`, judged from the head of the text only: for a text
 * that is not parsed (too large, binary), which must still be told apart from other Markdown.
 */
export function hasSpecDeltaTitleAtHead(text: string): boolean {
  return parseDocument(text.length > HEAD_LENGTH ? text.slice(0, HEAD_LENGTH) : text, '', 0).hasSpecDeltaTitle;
}

/**
 * The notice for a document of `bytes` bytes over the configured limit (undefined when SD901 is
 * off), for callers that know the size without reading the text (the CLI, from the file system).
 */
export function sizeRefusal(bytes: number, config: EffectiveConfig = DEFAULT_EFFECTIVE_CONFIG): Diagnostic | undefined {
  const [size, limit] = sizesToCompare(bytes, config.maxFileSize);
  return diagnosticOf(DOCUMENT_TOO_LARGE, config, 'Draft', {
    range: lineRange(0, 0, 0),
    message: `This document (${size}) is over the ${limit} limit and is not checked; raise "maxFileSize" in .spec-delta.json to check it.`,
  });
}

/**
 * The text's size in UTF-8 bytes (its size on disk) when that is over `limit`, else undefined.
 * Each UTF-16 unit is one to three bytes, so only texts near the limit are counted.
 */
function utf8LengthOver(text: string, limit: number): number | undefined {
  if (text.length * 3 <= limit) return undefined;
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) bytes += 1;
    else if (c < 0x800) bytes += 2;
    else if (c >= 0xd800 && c <= 0xdbff && (text.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
      bytes += 4;
      i++;
    } else bytes += 3;
  }
  return bytes > limit ? bytes : undefined;
}

/** Two sizes written so that they read as different: rounded, or to the byte when rounding would make them equal. */
function sizesToCompare(size: number, limit: number): [string, string] {
  const rounded = (n: number): string => (n < 1024 ? `${n} bytes` : n < 1024 * 1024 ? `${(n / 1024).toFixed(1)} KiB` : `${(n / 1024 / 1024).toFixed(1)} MiB`);
  if (rounded(size) !== rounded(limit)) return [rounded(size), rounded(limit)];
  const exact = (n: number): string => `${n.toLocaleString('en-US')} bytes`;
  return [exact(size), exact(limit)];
}

/**
 * Runs every rule on a parsed document and returns LSP diagnostics, severities resolved,
 * suppressions applied, in the order of their positions (at one position, in the rules' order).
 * The rules that span files run only when `workspace` is given; they run on the document's
 * cross-document input, as the CLI runs them once every file's definitions are known.
 */
export function analyze(doc: SpecDeltaDocument, options: AnalysisOptions = {}): Diagnostic[] {
  const own = analyzeDocument(doc, options);
  return options.workspace ? mergeDiagnostics(own, crossDocumentDiagnostics(crossDocumentInput(doc), options.workspace, options), options.rules) : own;
}

/** The diagnostics of the rules that judge the document alone. */
export function analyzeDocument(doc: SpecDeltaDocument, options: Omit<AnalysisOptions, 'workspace'> = {}): Diagnostic[] {
  const config = options.config ?? DEFAULT_EFFECTIVE_CONFIG;
  const status = statusOf(doc);
  const suppressions = readSuppressions(doc.comments);
  const diagnostics: Diagnostic[] = [];
  for (const rule of options.rules ?? RULES) {
    if (rule.crossDocument) continue;
    run(rule, config, status, suppressions, diagnostics, options, (report) => rule.check({ doc, status, settings: config, report }));
  }
  return sortByPosition(diagnostics);
}

/**
 * What the rules that span files need of a document, and the Status and suppressions that decide
 * their severities: plain data, a small part of the document, so that the CLI keeps it for every
 * file of a run and runs those rules at the end (cli/lint.ts).
 */
export interface CrossDocumentInput {
  readonly doc: CrossDocumentPart;
  readonly status: Status;
  /** The document's comments that switch rules off or on. */
  readonly directives: readonly Comment[];
}

/** `keep`: its strings copied, to be held after the document is gone without keeping its text alive (see detach). */
export function crossDocumentInput(doc: SpecDeltaDocument, keep = false): CrossDocumentInput {
  const input: CrossDocumentInput = {
    doc: { uri: doc.uri, title: doc.title, invariantId: doc.invariantId, idTokens: doc.idTokens },
    status: statusOf(doc),
    directives: doc.comments.filter(isDirective),
  };
  return keep ? detachAll(input) : input;
}

/** The diagnostics of the rules that span files, sorted as `analyze` sorts. */
export function crossDocumentDiagnostics(input: CrossDocumentInput, workspace: WorkspaceView, options: Omit<AnalysisOptions, 'workspace'> = {}): Diagnostic[] {
  const config = options.config ?? DEFAULT_EFFECTIVE_CONFIG;
  const { doc, status } = input;
  const suppressions = readSuppressions(input.directives);
  const diagnostics: Diagnostic[] = [];
  for (const rule of options.rules ?? RULES) {
    if (!rule.crossDocument) continue;
    run(rule, config, status, suppressions, diagnostics, options, (report) => rule.check({ doc, status, settings: config, workspace, report }));
  }
  return sortByPosition(diagnostics);
}

/**
 * A document's own diagnostics and its cross-document ones in the order `analyze` gives: by
 * position, and at one position in the order of the rules (each list is sorted so already).
 */
export function mergeDiagnostics(own: readonly Diagnostic[], cross: readonly Diagnostic[], rules: readonly Rule[] = RULES): Diagnostic[] {
  if (cross.length === 0) return own.slice();
  const order = rules === RULES ? RULE_ORDER : ruleOrder(rules);
  const compare = (a: Diagnostic, b: Diagnostic): number =>
    a.range.start.line - b.range.start.line ||
    a.range.start.character - b.range.start.character ||
    (order.get(String(a.code)) ?? 0) - (order.get(String(b.code)) ?? 0);
  const merged: Diagnostic[] = [];
  let i = 0;
  let j = 0;
  while (i < own.length && j < cross.length) merged.push(compare(own[i]!, cross[j]!) <= 0 ? own[i++]! : cross[j++]!);
  return merged.concat(own.slice(i), cross.slice(j));
}

/** Runs one rule and adds its findings that are not suppressed, with their severities, to `diagnostics`. */
function run(
  rule: Rule,
  config: EffectiveConfig,
  status: Status,
  suppressions: Suppressions,
  diagnostics: Diagnostic[],
  options: Pick<AnalysisOptions, 'onRuleError'>,
  check: (report: (finding: Finding) => void) => void,
): void {
  if (severityOf(rule.ruleClass, status, settingOf(config, rule)) === undefined) return;
  const findings: Finding[] = [];
  try {
    check((f) => findings.push(f));
  } catch (error) {
    options.onRuleError?.(rule, error);
    return;
  }
  for (const finding of findings) {
    if (suppressions.isSuppressed(rule.code, rule.name, finding.range.start.line)) continue;
    const diagnostic = diagnosticOf(rule, config, status, finding);
    if (diagnostic) diagnostics.push(diagnostic);
  }
}

// The sort is stable and the rules run in their order: at one position, the rules' order.
function sortByPosition(diagnostics: Diagnostic[]): Diagnostic[] {
  return diagnostics.sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character);
}

function ruleOrder(rules: readonly Rule[]): ReadonlyMap<string, number> {
  return new Map(rules.map((r, i) => [r.code, i]));
}

const RULE_ORDER = ruleOrder(RULES);

/** Parses and analyses a text in one call: what the CLI and most tests want. */
export function analyzeText(text: string, uri = '', options: AnalysisOptions = {}): Diagnostic[] {
  const refused = checkAnalysable(text, options.config);
  if (refused) return [refused];
  return analyze(parseDocument(text, uri, 0, options.config), options);
}

/** The fixes a diagnostic carries, if it came from this language service. */
export function fixesOf(diagnostic: Diagnostic): readonly Fix[] {
  const data = diagnostic.data as SpecDeltaDiagnosticData | undefined;
  return diagnostic.source === SOURCE && data && Array.isArray(data.fixes) ? data.fixes : [];
}

function settingOf(config: EffectiveConfig, rule: RuleInfo) {
  return config.rules[rule.code] ?? config.rules[rule.name] ?? 'default';
}

function diagnosticOf(rule: RuleInfo, config: EffectiveConfig, status: ReturnType<typeof statusOf>, finding: Finding): Diagnostic | undefined {
  const severity = severityOf(rule.ruleClass, status, settingOf(config, rule));
  if (severity === undefined) return undefined;
  const diagnostic: Diagnostic = {
    range: finding.range,
    severity,
    code: rule.code,
    codeDescription: { href: `${DOCS_BASE_URL}${rule.code}.md` },
    source: SOURCE,
    message: finding.message,
  };
  if (finding.related?.length) {
    diagnostic.relatedInformation = finding.related.map((r) => ({ location: { uri: r.uri, range: r.range }, message: r.message }));
  }
  if (finding.fixes?.length) diagnostic.data = { fixes: finding.fixes } satisfies SpecDeltaDiagnosticData;
  return diagnostic;
}
