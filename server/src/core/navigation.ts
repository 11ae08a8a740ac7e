import { Location, Position, Range, TextEdit, WorkspaceEdit } from 'vscode-languageserver-types';
import type { IdToken, SpecDeltaDocument } from './model';
import { containsPosition } from './text';
import { exactIdPattern } from './parse/ids';
import type { WorkspaceIndex } from './workspaceIndex';

/** The valid invariant id under the cursor. */
export function idAt(doc: SpecDeltaDocument, position: Position): IdToken | undefined {
  return doc.idTokens.find((t) => t.valid && containsPosition(t.range, position));
}

export function getDefinition(doc: SpecDeltaDocument, position: Position, index: WorkspaceIndex): Location[] {
  const token = idAt(doc, position);
  if (!token) return [];
  return index.definitions(token.text).map((d) => ({ uri: d.uri, range: d.range }));
}

/** Every place the id is written; without declarations, the titles and Invariant ID sections that declare it are left out. */
export function getReferences(doc: SpecDeltaDocument, position: Position, index: WorkspaceIndex, includeDeclaration: boolean): Location[] {
  const token = idAt(doc, position);
  if (!token) return [];
  return index
    .references(token.text)
    .filter((r) => includeDeclaration || !r.declaration)
    .map((r) => ({ uri: r.uri, range: r.range }));
}

export function prepareRename(doc: SpecDeltaDocument, position: Position): { range: Range; placeholder: string } | null {
  const token = idAt(doc, position);
  return token ? { range: token.range, placeholder: token.text } : null;
}

/** Renames an id everywhere it is written. Throws when the new name is not a valid id. */
export function rename(doc: SpecDeltaDocument, position: Position, newName: string, index: WorkspaceIndex, idPattern: string): WorkspaceEdit | null {
  const token = idAt(doc, position);
  if (!token) return null;
  if (!exactIdPattern(idPattern).test(newName)) throw new Error(`'${newName}' is not a valid invariant id (pattern ${idPattern}).`);
  const changes: Record<string, TextEdit[]> = {};
  for (const ref of index.references(token.text)) (changes[ref.uri] ??= []).push({ range: ref.range, newText: newName });
  return { changes };
}
