import * as path from 'node:path';
import type { Diagnostic } from 'vscode-languageserver-types';
import { catalogEntry, detachOnce, documentStatus, parseDocument, type EffectiveConfig, type SpecDeltaDocument } from '../core';
import type { CatalogEntry } from '$shared/protocol';

/**
 * What lint can read from each spec delta besides its diagnostics, on its own parse and with its
 * final diagnostics, so that no caller parses a file again for it. By name: a job for a worker thread
 * names one (a function cannot be posted to a thread), and every thread has this table.
 */
export const EXTRACTIONS = { catalog };

export type ExtractionName = keyof typeof EXTRACTIONS;
export type Extracted<N extends ExtractionName> = ReturnType<(typeof EXTRACTIONS)[N]>;

/** `doc` is undefined for a refused file (too large, binary); `file` is its path as lint shows it. */
export type Extract<T> = (doc: SpecDeltaDocument | undefined, diagnostics: readonly Diagnostic[], config: EffectiveConfig, file: string) => T;

let emptyDoc: SpecDeltaDocument | undefined;
/** The catalogue's strings, one copy of each value for every entry of the run (see detachOnce). */
const own = detachOnce();

/** The file's catalogue entry; a refused file's is the empty document's. */
function catalog(doc: SpecDeltaDocument | undefined, diagnostics: readonly Diagnostic[], config: EffectiveConfig, file: string): CatalogEntry {
  const model = doc ?? (emptyDoc ??= parseDocument('', '', 0));
  // Its strings are copies (see catalogEntry): the entry is kept to the end, its document is not.
  return catalogEntry(model, documentStatus(model, diagnostics, true, config.idPattern), file.split(path.sep).join('/'), own);
}

/** The named extraction, to run on whichever thread reads the file. */
export function extraction(name: ExtractionName | undefined): Extract<unknown> | undefined {
  return name === undefined ? undefined : EXTRACTIONS[name];
}
