import type { SpecDeltaDocument } from './model';
import { readBlocks } from './parse/blocks';
import { type PackedBlocks, unpackBlocks } from './parse/packedBlocks';
import { blankComments } from './parse/comments';
import { readFields } from './parse/fields';
import { DEFAULT_ID_PATTERN, compileIdPattern, exactIdPattern, readIdTokens, readInvariantId, readLinks } from './parse/ids';
import { DocumentLines } from './parse/lines';
import { readCheckboxGroups, readNumberedLists } from './parse/lists';
import { readRuleStatement } from './parse/ruleStatement';
import { placeIndex, readSections, readTitle } from './parse/sections';
import { readTables } from './parse/tables';
import { INVARIANT_ID_SECTION, RULE_STATEMENT_SECTION, findSection } from './query/sections';
import { TITLE_PREFIX } from './template';
import { detectEol, splitLines } from './text';

export { DEFAULT_ID_PATTERN };

export interface ParseOptions {
  /** The invariant id pattern (a regular expression source without anchors). */
  readonly idPattern?: string;
  /** The text's block structure, found by another thread (`readPackedBlocks`): markdown-it is not run again. */
  readonly blocks?: PackedBlocks;
}

/**
 * Builds the document model of one version of a document. Never throws on any input.
 * markdown-it gives the block structure (`parse/blocks.ts`); each part of the model is read from
 * it by its own reader in `parse/`.
 */
export function parseSpecDelta(text: string, uri = '', version = 0, options: ParseOptions = {}): SpecDeltaDocument {
  const lines = splitLines(text);
  const blocks = options.blocks ? unpackBlocks(options.blocks) : readBlocks(text, lines);
  const doc = new DocumentLines(lines, blocks.kinds, blankComments(lines, blocks.comments));
  const idSource = options.idPattern ?? DEFAULT_ID_PATTERN;
  const idPattern = compileIdPattern(idSource);
  const exactId = exactIdPattern(idSource);
  const { headings, codeBlocks, comments } = blocks;
  const title = readTitle(lines, headings, (t) => exactId.test(t));
  const sections = readSections(doc, headings);
  const places = placeIndex(lines.length, sections);
  const fields = readFields(doc, places);
  const ruleStatementSection = findSection({ sections }, RULE_STATEMENT_SECTION);
  const idSection = findSection({ sections }, INVARIANT_ID_SECTION);
  const invariantId = idSection ? readInvariantId(doc, idSection) : undefined;
  return {
    uri,
    version,
    lines,
    eol: detectEol(text),
    frontMatterLines: blocks.frontMatterLines,
    lineKinds: blocks.kinds,
    hasSpecDeltaTitle: headings.length > 0 && headings[0]!.name.text.toLowerCase().startsWith(TITLE_PREFIX.toLowerCase()),
    title,
    headings,
    fields,
    sections,
    tables: readTables(lines, blocks.tables, places),
    numberedLists: readNumberedLists(lines, blocks.orderedLists, places, fields),
    checkboxGroups: readCheckboxGroups(doc, blocks.bulletItemLines, places),
    codeBlocks,
    references: blocks.references,
    ruleStatement: ruleStatementSection ? readRuleStatement(doc, ruleStatementSection, codeBlocks) : undefined,
    invariantId,
    idTokens: readIdTokens(text, idPattern, comments, blocks.frontMatterLines, title, invariantId),
    links: readLinks(doc, places),
    comments,
  };
}
