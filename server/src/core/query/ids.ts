import type { Span, SpecDeltaDocument } from '../model';
import { exactIdPattern } from '../parse/ids';

/**
 * The id a spec delta defines: the title's when it is valid, else the Invariant ID section's.
 * Both the cross-document rules and the workspace index read it from here.
 */
export function definedId(doc: Pick<SpecDeltaDocument, 'title' | 'invariantId'>, idPattern: string): Span | undefined {
  const exact = exactIdPattern(idPattern);
  if (doc.title?.id && exact.test(doc.title.id.text)) return doc.title.id;
  if (doc.invariantId && exact.test(doc.invariantId.text)) return doc.invariantId;
  return undefined;
}
