import type { Range, TextEdit } from 'vscode-languageserver-types';
import type { SpecDeltaDocument } from './model';

/** The severity classes of the status-aware model (SPEC section 3). */
export type RuleClass = 'structure' | 'incompleteness' | 'approval' | 'quality' | 'order' | 'hint';

export type Status = 'Draft' | 'Under Review' | 'Approved' | 'Rejected';

/**
 * A fix is data a rule reports beside its finding; code actions, Insert Missing Sections and the
 * CLI's `--fix` all apply these edits and never compute a fix of their own.
 */
export interface Fix {
  readonly title: string;
  readonly edits: readonly TextEdit[];
  readonly preferred?: boolean;
  /** Every edit only inserts text: safe to apply without asking (`lint --fix`, Insert Missing Sections). */
  readonly insertOnly: boolean;
  /** Inserts a whole subsection or section: merged after fields and rows inserted at the same place (see mergeInsertions). */
  readonly inserts?: 'subsection' | 'section';
}

export interface RelatedLocation {
  readonly uri: string;
  readonly range: Range;
  readonly message: string;
}

export interface Finding {
  readonly range: Range;
  readonly message: string;
  readonly fixes?: readonly Fix[];
  readonly related?: readonly RelatedLocation[];
}

/** Where an invariant id is defined (a title or an Invariant ID section). */
export interface IdDefinition {
  readonly id: string;
  readonly uri: string;
  readonly range: Range;
  readonly title: string;
}

/** What rules that span files may ask of the other documents. */
export interface WorkspaceView {
  definitions(id: string): readonly IdDefinition[];
  /** How a message names another file (the CLI: relative to the working directory); else relative to the document. */
  pathOf?(uri: string): string;
}

/** Settings rules may read; severity is not among them (see severity.ts). */
export interface RuleSettings {
  readonly categories: readonly string[];
  readonly vagueWords: readonly string[];
  readonly idPattern: string;
}

export interface RuleContext {
  readonly doc: SpecDeltaDocument;
  /** The document's Status; a missing, invalid or templated Status counts as Draft. */
  readonly status: Status;
  readonly settings: RuleSettings;
  report(finding: Finding): void;
}

/**
 * What a rule that spans files reads of its document: all it may read, so that the CLI can keep
 * this part of every file (instead of every parsed document) and run these rules once every
 * file's definitions are known (languageService.ts, `crossDocumentInput`).
 */
export type CrossDocumentPart = Pick<SpecDeltaDocument, 'uri' | 'title' | 'invariantId' | 'idTokens'>;

export interface CrossDocumentContext {
  readonly doc: CrossDocumentPart;
  readonly status: Status;
  readonly settings: RuleSettings;
  /** The other documents. */
  readonly workspace: WorkspaceView;
  report(finding: Finding): void;
}

/** What the docs, the configuration keys and SARIF know of a rule; SD901 and SD902, which judge a text before it is parsed, are only this. */
export interface RuleInfo {
  /** Stable and public: never renumbered, never reused. */
  readonly code: string;
  readonly name: string;
  readonly description: string;
  /** Gives the severity with the document's Status (SPEC section 3); 'incompleteness' also marks a section unfinished in the status panel. */
  readonly ruleClass: RuleClass;
  /**
   * What the fixes of its findings do, for the rule index: 'insert' only inserts template text
   * (`lint --fix` and Insert Missing Sections apply it), 'edit' replaces text (offered in the editor).
   */
  readonly fix?: 'insert' | 'edit';
}

/** A rule that judges one document alone. */
export interface DocumentRule extends RuleInfo {
  readonly crossDocument?: false;
  check(context: RuleContext): void;
}

/** A rule that needs the other documents (`workspace`): skipped when the caller gives none. */
export interface CrossDocumentRule extends RuleInfo {
  readonly crossDocument: true;
  check(context: CrossDocumentContext): void;
}

export type Rule = DocumentRule | CrossDocumentRule;
