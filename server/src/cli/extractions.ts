import * as path from 'node:path';
import type { Diagnostic } from 'vscode-languageserver-types';
import { catalogEntry, detachOnce, documentStatus, parseDocument, type EffectiveConfig, type SpecDeltaDocument } from '../core';
import type { CatalogEntry } from '$shared/protocol';

/**
 * What lint can read from each spec delta besides its diagnostics, on its own parse and with its
 * final diagnostics, so that no caller parses a file again for it. By name: a job for a worker thread
 * names one (a function cannot be posted to a thread), and every thread has this table. Each
 * entry makes the extraction of one pass (FirstPass, Reanalysis), which may hold what its files share.
 */
export const EXTRACTIONS = { catalog };

export type ExtractionName = keyof typeof EXTRACTIONS;
export type Extracted<N extends ExtractionName> = ReturnType<ReturnType<(typeof EXTRACTIONS)[N]>>;

/** `doc` is undefined for a refused file (too large, binary); `file` is its path as lint shows it. */
export type Extract<T> = (doc: SpecDeltaDocument | undefined, diagnostics: readonly Diagnostic[], config: EffectiveConfig, file: string) => T;

let emptyDoc: SpecDeltaDocument | undefined;

/**
 * Each file's catalogue entry; a refused file's is the empty document's. The values that repeat
 * across entries are copied once for the pass (see detachOnce), and let go with it: the MCP
 * server makes a catalogue at each call and keeps none of them.
 */
function catalog(): Extract<CatalogEntry> {
  const shared = detachOnce();
  return (doc, diagnostics, config, file) => {
    const model = doc ?? (emptyDoc ??= parseDocument('', '', 0));
    // Its strings are copies (see catalogEntry): the entry is kept to the end, its document is not.
    return catalogEntry(model, documentStatus(model, diagnostics, true, config.idPattern), file.split(path.sep).join('/'), shared);
  };
}

/** The named extraction of one pass, to run on whichever thread reads the file. */
export function extraction(name: ExtractionName | undefined): Extract<unknown> | undefined {
  return name === undefined ? undefined : EXTRACTIONS[name]();
}
