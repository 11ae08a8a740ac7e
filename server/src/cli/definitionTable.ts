import type { IdDefinition, WorkspaceView } from '../core';

/**
 * Every file's defined id, as the cross-file rules ask for it. The CLI builds it from each file's
 * definition alone, so that files analysed on other threads can contribute without their parsed
 * documents; it answers exactly as `WorkspaceIndex.definitions` does (sorted by uri).
 */
export class DefinitionTable {
  private readonly byId = new Map<string, Map<string, IdDefinition>>();
  private readonly idOfUri = new Map<string, string>();

  /** Sets what a file defines now (`undefined`: nothing), replacing what it defined before. */
  put(uri: string, definition: IdDefinition | undefined): void {
    const old = this.idOfUri.get(uri);
    if (old !== undefined) {
      const uris = this.byId.get(old)!;
      uris.delete(uri);
      if (uris.size === 0) this.byId.delete(old);
      this.idOfUri.delete(uri);
    }
    if (!definition) return;
    let uris = this.byId.get(definition.id);
    if (!uris) this.byId.set(definition.id, (uris = new Map()));
    uris.set(uri, definition);
    this.idOfUri.set(uri, definition.id);
  }

  definitions(id: string): IdDefinition[] {
    const uris = this.byId.get(id);
    if (!uris) return [];
    if (uris.size === 1) return [...uris.values()];
    return [...uris.values()].sort((a, b) => (a.uri < b.uri ? -1 : 1));
  }
}

/** Answers the rules' questions from a table, naming files as the CLI does. */
export function tableView(table: DefinitionTable, pathOf: (uri: string) => string): WorkspaceView {
  return { definitions: (id) => table.definitions(id), pathOf };
}
