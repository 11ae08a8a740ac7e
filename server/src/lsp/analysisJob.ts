import type { Diagnostic } from 'vscode-languageserver-types';
import {
  analyze,
  checkAnalysable,
  documentStatus,
  hasSpecDeltaTitleAtHead,
  indexEntryOf,
  parseDocument,
  type EffectiveConfig,
  type IdDefinition,
  type IndexEntry,
  type WorkspaceView,
} from '../core';
import type { DocumentStatus } from '$shared/protocol';
import { type TransferModel, toTransfer } from './modelTransfer';

/**
 * One document's analysis as plain data in and out, so that it can run on any thread: Node's
 * worker_threads in Node, a nested web worker in the browser build. Nothing here reads files or
 * talks to a connection; what needs the file system (the configuration, the `files` globs) is
 * decided by the caller and sent along.
 */
export interface AnalysisRequest {
  readonly uri: string;
  readonly version: number;
  readonly text: string;
  readonly config: EffectiveConfig;
  /** The document's path matches the configuration's `files`: a spec delta even without its title. */
  readonly matchesFiles: boolean;
  /** Which state of the definitions below the result depends on (the index's definitionsVersion). */
  readonly definitionsVersion: number;
  /** Every id defined in the workspace, sent only when it changed since the last request. */
  readonly definitions?: readonly IdDefinition[];
}

export interface AnalysisResult {
  readonly uri: string;
  readonly version: number;
  readonly definitionsVersion: number;
  readonly isSpecDelta: boolean;
  /** With their fix data: the code actions of the main thread look fixes up there. */
  readonly diagnostics: Diagnostic[];
  readonly entry: IndexEntry;
  readonly status: DocumentStatus;
  /** What requests on the document read of its model, so that the main thread never parses it for them. */
  readonly model: TransferModel;
  /** The text was refused (too large, binary): the model is of an empty text. */
  readonly refused: boolean;
  /** Rules that threw: their findings are left out, the main thread logs them. */
  readonly ruleErrors: readonly { code: string; name: string; error: string }[];
}

/** The definitions an analysis thread was last sent, by id. */
export class Definitions {
  private readonly byId = new Map<string, IdDefinition[]>();

  constructor(definitions: readonly IdDefinition[] = []) {
    for (const d of definitions) {
      const list = this.byId.get(d.id);
      if (list) list.push(d);
      else this.byId.set(d.id, [d]);
    }
  }

  /** The workspace as the document sees it: its own definition replaces the one indexed from an older version. */
  viewFor(uri: string, own: IdDefinition | undefined): WorkspaceView {
    return {
      definitions: (id) => {
        const others = (this.byId.get(id) ?? []).filter((d) => d.uri !== uri);
        return (own?.id === id ? [...others, own] : others).sort((a, b) => (a.uri < b.uri ? -1 : 1));
      },
    };
  }
}

/** Parses and analyses one version of one document exactly as the main thread would. */
export function runAnalysis(request: AnalysisRequest, definitions: Definitions): AnalysisResult {
  const { uri, version, text, config } = request;
  const refused = checkAnalysable(text, config);
  const doc = refused ? parseDocument('', uri, version) : parseDocument(text, uri, version, config);
  // Decided before the refusal is shown: other Markdown gets no diagnostics at all (SPEC section 1).
  const specDelta = (refused ? hasSpecDeltaTitleAtHead(text) : doc.hasSpecDeltaTitle) || request.matchesFiles;
  const isSpecDelta = specDelta && !refused;
  const entry = indexEntryOf(doc, isSpecDelta, config.idPattern);
  const ruleErrors: { code: string; name: string; error: string }[] = [];
  let diagnostics: Diagnostic[] = [];
  if (refused) diagnostics = specDelta ? [refused] : [];
  else if (isSpecDelta) {
    diagnostics = analyze(doc, {
      config,
      workspace: definitions.viewFor(uri, entry.definition),
      onRuleError: (rule, error) => ruleErrors.push({ code: rule.code, name: rule.name, error: (error as Error)?.stack ?? String(error) }),
    });
  }
  const status = documentStatus(doc, diagnostics.map(withoutData), isSpecDelta, config.idPattern);
  return {
    uri,
    version,
    definitionsVersion: request.definitionsVersion,
    isSpecDelta,
    diagnostics,
    entry,
    status,
    model: toTransfer(doc),
    refused: !!refused,
    ruleErrors,
  };
}

/** A diagnostic as published: its fix data is the server's own. */
export function withoutData(diagnostic: Diagnostic): Diagnostic {
  if (diagnostic.data === undefined) return diagnostic;
  const { data: _data, ...rest } = diagnostic;
  return rest;
}

/** One job as it is posted to the analysis worker, and its answer. */
export interface AnalysisMessage {
  readonly id: number;
  readonly request: AnalysisRequest;
}
export interface AnalysisReply {
  readonly id: number;
  readonly result?: AnalysisResult;
  readonly error?: string;
}

/** The worker's side: answers each message, keeping the definitions it was last sent. Only the transport differs between Node and a browser. */
export function analysisServer(): (message: AnalysisMessage) => AnalysisReply {
  let definitions = new Definitions();
  return ({ id, request }) => {
    try {
      if (request.definitions) definitions = new Definitions(request.definitions);
      return { id, result: runAnalysis(request, definitions) };
    } catch (error) {
      return { id, error: (error as Error)?.stack ?? String(error) };
    }
  };
}

/** The thread went away (crashed, ran out of memory) before answering: the job may be sent again. */
export class AnalysisThreadLost extends Error {}
