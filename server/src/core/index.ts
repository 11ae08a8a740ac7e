/**
 * What the core offers the layers above it (the language server, the CLI, the MCP server, the
 * Node adapters, the VS Code client, the scripts): they import the core from here and nowhere
 * else (eslint.config.mjs), so that a module inside the core can move or split without them
 * noticing. Tests may reach inside.
 */

// Parse a text, run the rules, read the fixes back (languageService.ts runs the steps).
export {
  ALL_RULES,
  DEFAULT_EFFECTIVE_CONFIG,
  DOCS_BASE_URL,
  RULE_KEYS,
  analyze,
  analyzeDocument,
  checkAnalysable,
  crossDocumentDiagnostics,
  crossDocumentInput,
  type CrossDocumentInput,
  fixesOf,
  hasSpecDeltaTitleAtHead,
  mergeDiagnostics,
  parseDocument,
  sizeRefusal,
} from './languageService';
export { RULES } from './rules';
export type { IdDefinition, Rule, RuleClass, RuleInfo, Status, WorkspaceView } from './rule';
export type { CheckboxGroup, Field, Section, SpecDeltaDocument } from './model';
export { DEFAULT_ID_PATTERN } from './parser';
export { type PackedBlocks, readPackedBlocks } from './parse/packedBlocks';
export { severityName, severityOf } from './severity';
export { applyEdits, mergeInsertions } from './fixes';

// Configuration (.spec-delta.json), read from disk by server/src/node.
export {
  CONFIG_FILE_NAME,
  ConfigError,
  DEFAULT_CONFIG,
  DEFAULT_FILES,
  DEFAULT_MAX_FILE_SIZE,
  type EffectiveConfig,
  SETTINGS,
  type SpecDeltaConfig,
  TOP_KEYS,
  matchesAny,
  parseConfig,
  resolveConfig,
} from './config';

// The editor features.
export { getCompletions } from './completions';
export { FIX_ALL_KIND, getCodeActions, missingSectionEdits } from './codeActions';
export { getHover } from './hover';
export { getDefinition, getReferences, prepareRename, rename } from './navigation';

// The workspace: ids across documents, the Status panel, the catalogue.
export { type IndexEntry, WorkspaceIndex, idDefinitionOf, indexEntryOf } from './workspaceIndex';
export { documentStatus, workspaceEntry } from './status';
export { holdsTable, implementationPrLinks } from './query/sections';
export { catalogEntry, catalogOf, sortedEntries } from './catalog';

// The template and its values: New Spec Delta, the Dashboard, the generated assets.
export {
  APPROVAL_TABLE,
  CATEGORY_GROUP,
  CHECKBOX_GROUPS,
  DEFAULT_ID_PREFIX,
  DEFAULT_VAGUE_WORDS,
  ENFORCEMENT_GROUP,
  METADATA_FIELDS,
  SECTIONS,
  SEVERITY_VALUES,
  STATUS_VALUES,
  type SectionDef,
} from './template';
export { renderTemplate } from './templateText';
export { candidateIds, slugify, validateTitle } from './newSpecDeltaText';
export { countedStatus, isOptionList, isValidDate, localDate } from './values';
export { escapeMarkdown, statusLine } from './markdown';
export { detachOnce, list, splitLines, stripBom } from './text';
export { grammarFile, snippetFile } from './assets';
