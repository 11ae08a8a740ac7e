/**
 * The custom messages between the VS Code client and the server, declared once and imported by
 * both sides. Any LSP client may use them; none is needed for the standard features.
 */
import { NotificationType, NotificationType0, RequestType, RequestType0 } from 'vscode-languageserver-protocol';
import type { Diagnostic } from 'vscode-languageserver-protocol';

/** workspace/executeCommand: inserts every missing section, subsection, field and approval row. Arguments: [uri]. */
export const INSERT_MISSING_SECTIONS_COMMAND = 'specDelta.server.insertMissingSections';

/** What Insert Missing Sections answers: whether the editor applied the edit, and how many insertions it held (0: nothing was missing). */
export interface InsertMissingSectionsResult {
  readonly applied: boolean;
  readonly inserted: number;
}
/**
 * `workspace/executeCommand` of Insert Missing Sections, typed: the standard request's method with
 * this command's arguments and result, so that neither side casts what the other sends.
 */
export const InsertMissingSectionsRequest = new RequestType<
  { readonly command: typeof INSERT_MISSING_SECTIONS_COMMAND; readonly arguments: [uri: string] },
  InsertMissingSectionsResult | null,
  void
>('workspace/executeCommand');

/**
 * What a client may ask for in `initializationOptions`. `notifications`: send the specDelta/*
 * notifications below (editors that know nothing of them only log them).
 */
export interface InitializationOptions {
  readonly notifications?: boolean;
  /** The web worker server: the address of dist/web/analysisWorker.js, where it analyses large documents. */
  readonly analysisWorker?: string;
}

export interface NextFreeIdParams {
  /** A folder or document uri; the id is free across the whole workspace. */
  readonly uri?: string;
}
export interface NextFreeIdResult {
  readonly id: string;
}
/** The id the next spec delta should take. */
export const NextFreeIdRequest = new RequestType<NextFreeIdParams, NextFreeIdResult, void>('specDelta/nextFreeId');

export type SectionState = 'done' | 'guidance' | 'missing';

export interface SectionSummary {
  readonly name: string;
  readonly level: 2 | 3;
  readonly state: SectionState;
  /** The heading's line when present. */
  readonly line: number | undefined;
}

export interface ApprovalSummary {
  readonly role: string;
  readonly name: string;
  readonly date: string;
  readonly decision: string;
}

export interface RuleStatementSummary {
  readonly text: string;
  readonly component: string | undefined;
  readonly modal: string | undefined;
  readonly requirement: string | undefined;
  readonly when: string | undefined;
  readonly condition: string | undefined;
}

/** Where one spec delta stands: what the status panel, the tree and the status bar show. */
export interface DocumentStatus {
  readonly uri: string;
  readonly version: number;
  readonly isSpecDelta: boolean;
  readonly id: string | undefined;
  readonly title: string | undefined;
  /** The Status the document counts as (a missing or unknown one counts as Draft). */
  readonly status: string;
  /** The Status as written ('' when there is no Status field), to show an unknown one as it is. */
  readonly writtenStatus: string;
  readonly severity: string;
  readonly sections: readonly SectionSummary[];
  readonly completeness: { readonly done: number; readonly total: number };
  readonly categories: readonly string[];
  readonly enforcement: readonly string[];
  readonly ruleStatement: RuleStatementSummary | undefined;
  readonly checklist: { readonly checked: number; readonly total: number };
  readonly approvals: readonly ApprovalSummary[];
  readonly problems: readonly Diagnostic[];
}

export interface DocumentStatusParams {
  readonly uri: string;
}
/** The status of one document (open or not); null when it is not Markdown the server knows. */
export const DocumentStatusRequest = new RequestType<DocumentStatusParams, DocumentStatus | null, void>('specDelta/documentStatus');

/** Sent after a document's diagnostics are published, so that views follow typing. */
export const DocumentStatusChangedNotification = new NotificationType<DocumentStatus>('specDelta/documentStatusChanged');

export interface WorkspaceEntry {
  readonly uri: string;
  readonly id: string | undefined;
  readonly title: string | undefined;
  readonly status: string;
  readonly severity: string;
  readonly problems: number;
  readonly errors: number;
  readonly completeness: { readonly done: number; readonly total: number };
}
/** Every spec delta of the workspace, for the Workspace tree. */
export const WorkspaceStatusRequest = new RequestType0<readonly WorkspaceEntry[], void>('specDelta/workspaceStatus');
/** The workspace index changed (a spec delta appeared, changed or went away). */
export const WorkspaceChangedNotification = new NotificationType0('specDelta/workspaceChanged');

/** A file the web client read through `vscode.workspace.fs` for a server without a file system. */
export interface WorkspaceFile {
  uri: string;
  text: string;
}

/** The web client's spec deltas, read (or read again after a change); sent in batches while indexing. */
export const WorkspaceFilesNotification = new NotificationType<{ files: WorkspaceFile[] }>('specDelta/workspaceFiles');

/** Spec deltas the web client saw deleted. */
export const WorkspaceFilesDeletedNotification = new NotificationType<{ uris: string[] }>('specDelta/workspaceFilesDeleted');

/** One invariant of the catalogue (SPEC section 7): values as written, null where missing or a placeholder. */
export interface CatalogEntry {
  readonly id: string | null;
  readonly title: string | null;
  /** Relative to the folder the catalogue was made for, with `/` separators. */
  readonly file: string;
  readonly status: string | null;
  readonly severity: string | null;
  readonly date: string | null;
  readonly author: string | null;
  readonly categories: readonly string[];
  readonly enforcement: string | null;
  readonly complexity: readonly string[];
  readonly rule: CatalogRule | null;
  readonly implementationPr: string | null;
  readonly approvals: readonly CatalogApproval[];
  readonly references: readonly string[];
  readonly completeness: { readonly done: number; readonly total: number };
  readonly problems: { readonly errors: number; readonly warnings: number; readonly information: number };
}

export interface CatalogRule {
  readonly text: string;
  readonly component: string | null;
  readonly modal: string | null;
  readonly requirement: string | null;
  readonly condition: string | null;
}

export interface CatalogApproval {
  readonly role: string | null;
  readonly name: string | null;
  readonly date: string | null;
  readonly decision: string | null;
}

/** `spec-delta catalog --format json`, exactly. */
export interface Catalog {
  readonly version: 1;
  readonly invariants: readonly CatalogEntry[];
}

/** A catalogue entry as the server gives it: with the document's uri, so that an editor can open it. */
export interface WorkspaceCatalogEntry extends CatalogEntry {
  readonly uri: string;
}
export interface WorkspaceCatalog {
  readonly version: 1;
  readonly invariants: readonly WorkspaceCatalogEntry[];
}
/** The catalogue of every spec delta in the workspace; `file` is relative to the entry's workspace folder. */
export const CatalogRequest = new RequestType0<WorkspaceCatalog, void>('specDelta/catalog');
