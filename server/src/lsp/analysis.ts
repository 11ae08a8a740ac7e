import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Diagnostic } from 'vscode-languageserver-types';
import { URI } from 'vscode-uri';
import type { EffectiveConfig } from '../core/config';
import { DEFAULT_EFFECTIVE_CONFIG, analyze, checkAnalysable, hasSpecDeltaTitleAtHead, parseDocument } from '../core/languageService';
import type { SpecDeltaDocument } from '../core/model';
import type { Rule } from '../core/rule';
import { RULES } from '../core/rules';
import { WorkspaceIndex } from '../core/workspaceIndex';

/** One version of one document, parsed once and read by every feature. */
export interface Analysis {
  readonly version: number;
  readonly doc: SpecDeltaDocument;
  readonly config: EffectiveConfig;
  readonly isSpecDelta: boolean;
  /** A spec delta too large or binary: the one diagnostic that says so, and nothing else is computed. */
  readonly refused: Diagnostic | undefined;
  diagnostics: Diagnostic[] | undefined;
}

/**
 * Where a document's settings come from: `.spec-delta.json` files on disk for the Node server,
 * the defaults in the browser, which has no file system of its own.
 */
export interface ConfigSource {
  /** The settings for one file; throws a ConfigError when its config cannot be used. */
  effective(file: string): EffectiveConfig;
  /** Whether the file's config lists it as a spec delta. */
  listsFile(file: string): boolean;
  invalidate(): void;
}

export interface AnalysisHost {
  log(message: string): void;
  /** A .spec-delta.json could not be used; said once per file and problem. */
  configError(message: string): void;
}

const EMPTY_DOC = parseDocument('', '', 0);

/**
 * Parses each open document once per version (like VS Code's languageModelCache), keeps the
 * workspace index current with it, and computes diagnostics on demand for the newest version.
 */
export class AnalysisCache {
  private readonly cache = new Map<string, Analysis>();
  private readonly reportedRuleErrors = new Set<string>();
  rules: readonly Rule[] = RULES;

  constructor(
    readonly configs: ConfigSource,
    readonly index: WorkspaceIndex,
    private readonly host: AnalysisHost,
  ) {}

  get(document: TextDocument): Analysis {
    const cached = this.cache.get(document.uri);
    if (cached && cached.version === document.version) return cached;
    const analysis = this.parse(document.uri, document.version, document.getText());
    this.cache.set(document.uri, analysis);
    this.index.set(analysis.doc, analysis.isSpecDelta, analysis.config.idPattern);
    return analysis;
  }

  /** Parses a text that is not open in the editor (workspace indexing). */
  parse(uri: string, version: number, text: string): Analysis {
    const config = this.configFor(uri);
    const refusal = checkAnalysable(text, config);
    const doc = refusal ? { ...EMPTY_DOC, uri, version } : parseDocument(text, uri, version, config);
    // Decided before the refusal is shown: other Markdown gets no diagnostics at all (SPEC section 1).
    const specDelta = this.isSpecDelta(refusal ? hasSpecDeltaTitleAtHead(text) : doc.hasSpecDeltaTitle, uri);
    return { version, doc, config, isSpecDelta: specDelta && !refusal, refused: specDelta ? refusal : undefined, diagnostics: undefined };
  }

  diagnostics(document: TextDocument): Diagnostic[] {
    const analysis = this.get(document);
    if (analysis.diagnostics) return analysis.diagnostics;
    if (analysis.refused) return (analysis.diagnostics = [analysis.refused]);
    if (!analysis.isSpecDelta) return (analysis.diagnostics = []);
    analysis.diagnostics = analyze(analysis.doc, {
      config: analysis.config,
      workspace: this.index,
      rules: this.rules,
      onRuleError: (rule, error) => this.ruleFailed(rule, document.uri, error),
    });
    return analysis.diagnostics;
  }

  /** Cross-document results (duplicate ids) may have changed: recompute diagnostics when next asked. */
  invalidateDiagnostics(): void {
    for (const analysis of this.cache.values()) analysis.diagnostics = undefined;
  }

  /** Configuration changed: parse everything again when next asked. */
  clear(): void {
    this.cache.clear();
  }

  close(uri: string): void {
    this.cache.delete(uri);
  }

  private ruleFailed(rule: Rule, uri: string, error: unknown): void {
    const key = `${rule.code}\u0000${uri}`;
    if (this.reportedRuleErrors.has(key)) return;
    this.reportedRuleErrors.add(key);
    this.host.log(`Rule ${rule.code} (${rule.name}) failed on ${uri}; its findings are left out: ${(error as Error)?.stack ?? String(error)}`);
  }

  private configFor(uri: string): EffectiveConfig {
    const file = fsPath(uri);
    if (!file) return DEFAULT_EFFECTIVE_CONFIG;
    try {
      return this.configs.effective(file);
    } catch (error) {
      this.host.configError((error as Error).message);
      return DEFAULT_EFFECTIVE_CONFIG;
    }
  }

  private isSpecDelta(hasSpecDeltaTitle: boolean, uri: string): boolean {
    if (hasSpecDeltaTitle) return true;
    const file = fsPath(uri);
    if (!file) return false;
    try {
      return this.configs.listsFile(file);
    } catch {
      return false;
    }
  }
}

/** The file path of a file: uri, else undefined (untitled documents). */
export function fsPath(uri: string): string | undefined {
  try {
    const parsed = URI.parse(uri);
    return parsed.scheme === 'file' ? parsed.fsPath : undefined;
  } catch {
    return undefined;
  }
}
