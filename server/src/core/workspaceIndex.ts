import type { Range } from 'vscode-languageserver-types';
import type { SpecDeltaDocument } from './model';
import type { IdDefinition, WorkspaceView } from './rule';
import { definedId } from './query/ids';
import { detach } from './text';
import { metadataField, statusOf } from './values';

/** What the index keeps of one document: enough for navigation and the cross-document rules. */
export interface IndexEntry {
  readonly uri: string;
  readonly isSpecDelta: boolean;
  readonly definition: IdDefinition | undefined;
  readonly status: string;
  readonly severity: string;
  /** The rule statement's text, for hovers. */
  readonly ruleStatement: string | undefined;
  readonly references: readonly IdReference[];
}

/** One place an id is written; the title and the Invariant ID section of a spec delta declare it. */
export interface IdReference {
  readonly id: string;
  readonly range: Range;
  readonly declaration: boolean;
}

/**
 * Every document's defined id and references, by uri. Pure: callers feed it parsed documents
 * (the CLI all at once, the server as files open, change and disappear).
 */
export class WorkspaceIndex implements WorkspaceView {
  private readonly entries = new Map<string, IndexEntry>();
  private readonly byId = new Map<string, Set<string>>();
  private definitionsChanges = 0;

  constructor(private readonly idPattern: string) {}

  /** Indexes a document; `idPattern` is the one its own configuration sets, which may differ per folder. */
  set(doc: SpecDeltaDocument, isSpecDelta: boolean, idPattern = this.idPattern): IndexEntry {
    return this.put(indexEntryOf(doc, isSpecDelta, idPattern));
  }

  /** Indexes an entry made elsewhere (the server's analysis thread makes them beside the diagnostics). */
  put(entry: IndexEntry): IndexEntry {
    const before = this.definitionsChanges;
    const oldId = this.entries.get(entry.uri)?.definition?.id;
    this.delete(entry.uri);
    this.entries.set(entry.uri, entry);
    if (entry.definition) {
      let uris = this.byId.get(entry.definition.id);
      if (!uris) this.byId.set(entry.definition.id, (uris = new Set()));
      uris.add(entry.uri);
    }
    // Re-indexing a file that still defines the same id changes nothing for the cross-document rules.
    this.definitionsChanges = oldId === entry.definition?.id ? before : before + 1;
    return entry;
  }

  delete(uri: string): void {
    const old = this.entries.get(uri);
    if (!old) return;
    this.entries.delete(uri);
    if (old.definition) {
      this.definitionsChanges++;
      const uris = this.byId.get(old.definition.id);
      uris?.delete(uri);
      if (uris?.size === 0) this.byId.delete(old.definition.id);
    }
  }

  get(uri: string): IndexEntry | undefined {
    return this.entries.get(uri);
  }

  /**
   * Changes whenever a document starts or stops defining an id: then cross-document findings
   * (duplicate ids, unknown references) may differ. Cheap to compare on every keystroke, unlike
   * the definitions themselves in a workspace of thousands of files.
   */
  get definitionsVersion(): number {
    return this.definitionsChanges;
  }

  get size(): number {
    return this.entries.size;
  }

  all(): IterableIterator<IndexEntry> {
    return this.entries.values();
  }

  definitions(id: string): IdDefinition[] {
    const uris = this.byId.get(id);
    if (!uris) return [];
    return [...uris].map((u) => this.entries.get(u)!.definition!).sort((a, b) => (a.uri < b.uri ? -1 : 1));
  }

  /** Every place an id is written, declarations included. */
  references(id: string): { uri: string; range: Range; declaration: boolean }[] {
    const out: { uri: string; range: Range; declaration: boolean }[] = [];
    for (const entry of this.entries.values()) {
      for (const ref of entry.references) if (ref.id === id) out.push({ uri: entry.uri, range: ref.range, declaration: ref.declaration });
    }
    return out;
  }

  /**
   * The id after the highest one defined, numbered like the others (INVARIANT-043 after
   * INVARIANT-042). With an id pattern of its own (`INV-\\d{4}`), the prefix the workspace's ids
   * use most is continued; `prefix` when none is defined yet.
   */
  nextFreeId(prefix = 'INVARIANT-'): string {
    const numbered = new Map<string, { count: number; max: number; width: number }>();
    for (const id of this.byId.keys()) {
      const m = /^(.*?)(\d+)$/.exec(id);
      if (!m) continue;
      const seen = numbered.get(m[1]!) ?? { count: 0, max: 0, width: 3 };
      numbered.set(m[1]!, { count: seen.count + 1, max: Math.max(seen.max, Number(m[2])), width: Math.max(seen.width, m[2]!.length) });
    }
    let chosen = prefix;
    for (const [p, n] of numbered) {
      const best = numbered.get(chosen);
      if (!best || n.count > best.count || (n.count === best.count && chosen !== prefix && p < chosen)) chosen = p;
    }
    const { max, width } = numbered.get(chosen) ?? { max: 0, width: 3 };
    return chosen + String(max + 1).padStart(width, '0');
  }
}

/** What a spec delta defines, its strings copied (see detach). */
export function idDefinitionOf(doc: SpecDeltaDocument, idPattern: string): IdDefinition | undefined {
  const id = definedId(doc, idPattern);
  return id && { id: detach(id.text), uri: doc.uri, range: id.range, title: detach(doc.title?.text?.text ?? '') };
}

/** What the index keeps of a parsed document. */
export function indexEntryOf(doc: SpecDeltaDocument, isSpecDelta: boolean, idPattern: string): IndexEntry {
  // Every string kept is copied: a substring of the document's text keeps the whole text alive.
  return {
    uri: doc.uri,
    isSpecDelta,
    definition: isSpecDelta ? idDefinitionOf(doc, idPattern) : undefined,
    status: detach(statusOf(doc)),
    severity: detach(metadataField(doc, 'Severity')?.value.text ?? ''),
    ruleStatement: doc.ruleStatement && detach(doc.ruleStatement.text),
    references: doc.idTokens.filter((t) => t.valid).map((t) => ({ id: detach(t.text), range: t.range, declaration: isSpecDelta && t.role !== 'reference' })),
  };
}
