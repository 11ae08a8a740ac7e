import { URI } from 'vscode-uri';
import { catalogEntry, sortedEntries, type SpecDeltaDocument } from '../core';
import type { DocumentStatus, WorkspaceCatalog, WorkspaceCatalogEntry } from '$shared/protocol';

/**
 * A document's catalogue entry as the server gives it: the same entry as `spec-delta catalog`
 * run in the document's workspace folder, plus its uri so that an editor can open it.
 */
export function workspaceCatalogEntry(doc: SpecDeltaDocument, status: DocumentStatus, folders: readonly string[]): WorkspaceCatalogEntry {
  return { ...catalogEntry(doc, status, fileIn(status.uri, folders)), uri: status.uri };
}

export function workspaceCatalog(entries: readonly WorkspaceCatalogEntry[]): WorkspaceCatalog {
  return { version: 1, invariants: sortedEntries(entries, (a, b) => (a.uri < b.uri ? -1 : a.uri > b.uri ? 1 : 0)) };
}

/** The path relative to the innermost workspace folder that holds the document, `/`-separated; else its whole path. */
function fileIn(uri: string, folders: readonly string[]): string {
  const document = URI.parse(uri);
  let best: string | undefined;
  for (const folder of folders) {
    const root = URI.parse(folder);
    if (root.scheme !== document.scheme || root.authority !== document.authority) continue;
    const relative = below(root.path, document.path);
    if (relative === undefined) continue;
    if (best === undefined || relative.length < best.length) best = relative;
  }
  return best ?? (document.scheme === 'file' ? document.fsPath.replace(/\\/g, '/') : uri);
}

/** `path` relative to the folder `root` when it lies below it; by hand, as the web worker server has no node:path. */
function below(root: string, path: string): string | undefined {
  const folder = root.endsWith('/') ? root : `${root}/`;
  return path.startsWith(folder) ? path.slice(folder.length) : undefined;
}
