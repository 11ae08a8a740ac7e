import * as fs from 'node:fs';
import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver-types';
import { DEFAULT_ID_PREFIX, localDate, renderTemplate, severityName, validateTitle } from '../core';
import { expandPaths } from '../node/files';
import { createExclusively, targetDirectory } from '../node/newSpecDeltaFile';
import { buildCatalog } from '../cli/catalog';
import { formatJson } from '../cli/formats/json';
import catalogSchema from '../../../schemas/catalog.schema.json';
import { lintFiles, type FileResult } from '../cli/lint';
import { atomicCreationFs } from './exclusiveFs';
import { ArgumentError, Schema, readArguments } from './arguments';
import { Root } from './rootPaths';
import { indexRoot, lintText } from './rootIndex';
import { rulePage } from './ruleDocs';

/** What a tool gives back: the structured result its output schema describes, and a summary to read. */
export interface ToolResult {
  readonly structured: Record<string, unknown>;
  readonly summary: string;
}

export interface Tool {
  readonly name: string;
  readonly title: string;
  /** When an assistant should call it: the description is what a model reads to choose a tool. */
  readonly description: string;
  readonly inputSchema: Schema;
  readonly outputSchema: Schema;
  run(args: Record<string, unknown>, root: Root): Promise<ToolResult> | ToolResult;
}

/** A refusal the assistant can act on (a path outside the root, a title to rewrite): a tool error, not a protocol error. */
export class ToolRefusal extends Error {}

const DIAGNOSTIC: Schema = {
  type: 'object',
  description:
    'An LSP Diagnostic: range (0-based lines, UTF-16 characters), severity (1 error, 2 warning, 3 information, 4 hint), code, source, message, codeDescription.href (the rule page).',
  properties: { range: { type: 'object' }, severity: { type: 'integer' }, code: { type: 'string' }, source: { type: 'string' }, message: { type: 'string' } },
  required: ['range', 'message'],
};
/** `spec-delta lint --format json`: one entry per spec delta, with its diagnostics. */
const FILES: Schema = {
  type: 'array',
  description: 'The `spec-delta lint --format json` result: file paths relative to the root.',
  items: { type: 'object', properties: { file: { type: 'string' }, diagnostics: { type: 'array', items: DIAGNOSTIC } }, required: ['file', 'diagnostics'] },
};
const COUNTS: Schema = {
  type: 'object',
  properties: { errors: { type: 'integer' }, warnings: { type: 'integer' }, other: { type: 'integer' } },
  required: ['errors', 'warnings', 'other'],
};

const lint: Tool = {
  name: 'lint',
  title: 'Lint spec deltas',
  description:
    'Check spec deltas (post-incident documents that turn a failure into an engineering invariant) against the Spec Delta rules, exactly as `spec-delta lint --format json` does. ' +
    'Call it after drafting or editing a spec delta and before handing it over, to learn what is missing or malformed. ' +
    'Give `path` (a file, or a folder searched for spec deltas, relative to the root) to check what is on disk, or `text` with `fileName` to check a draft before writing it. ' +
    'Each finding has a rule code; call explain_rule with it for how to satisfy the rule, and fix to insert missing sections and fields.',
  inputSchema: {
    type: 'object',
    properties: {
      path: { type: 'string', description: 'A file or folder below the root; relative paths are taken from the root.' },
      text: { type: 'string', description: 'Markdown to check instead of a file on disk.' },
      fileName: {
        type: 'string',
        description:
          'With text: the path the text stands for (its configuration and cross-file checks follow from it), e.g. docs/spec-deltas/INVARIANT-007-x.md.',
      },
    },
    additionalProperties: false,
  },
  outputSchema: {
    type: 'object',
    properties: { files: FILES, counts: COUNTS },
    required: ['files', 'counts'],
  },
  run(args, root) {
    const { path: given, text, fileName } = readArguments(args, { path: 'string?', text: 'string?', fileName: 'string?' });
    if ((given === undefined) === (text === undefined)) throw new ArgumentError('give either path, or text with fileName');
    if (text !== undefined) {
      if (fileName === undefined) throw new ArgumentError('text needs fileName: the path the text stands for, below the root');
      const file = root.resolve(fileName, 'fileName');
      return lintResult([{ file: root.relative(file), path: file, diagnostics: lintText(root.path, file, text), fixed: false }]);
    }
    if (fileName !== undefined) throw new ArgumentError('fileName goes with text; with path, leave it out');
    return lintResult(lintFiles(filesBelow(root, given!), root.path, { fix: false }));
  },
};

const fix: Tool = {
  name: 'fix',
  title: 'Insert missing parts of spec deltas',
  description:
    'Insert what the rules can add on their own (missing sections, fields and table rows from the template) into spec delta files, as `spec-delta lint --fix` does, then report what is left to write by hand. ' +
    'Call it after lint reports findings, before filling in the content yourself: it only inserts text, never changes or removes what is written, keeps line endings and a BOM, and writes each file atomically. ' +
    '`path` is a file or a folder below the root.',
  inputSchema: {
    type: 'object',
    properties: { path: { type: 'string', description: 'A spec delta file or a folder below the root.' } },
    required: ['path'],
    additionalProperties: false,
  },
  outputSchema: {
    type: 'object',
    properties: { fixed: { type: 'array', items: { type: 'string' }, description: 'The files written.' }, files: FILES, counts: COUNTS },
    required: ['fixed', 'files', 'counts'],
  },
  run(args, root) {
    const { path: given } = readArguments(args, { path: 'string' });
    const results = lintFiles(filesBelow(root, given!), root.path, { fix: true });
    const fixed = results.filter((r) => r.fixed).map((r) => r.file);
    const left = lintResult(results);
    const written = fixed.length ? `Fixed ${fixed.join(', ')}.` : 'Nothing to insert.';
    return { structured: { fixed, ...left.structured }, summary: `${written} Left: ${left.summary}` };
  },
};

const newSpecDelta: Tool = {
  name: 'new_spec_delta',
  title: 'Create a spec delta',
  description:
    "Create a new spec delta file from the template, with the next free invariant id of the root (INVARIANT-<n>), the title, today's date and, if given, the author filled in, as the editor's New Spec Delta command does. " +
    'Call it when the user asks to write up an incident, a postmortem or a new invariant and there is no file for it yet; then fill in the sections and call lint. ' +
    'It never overwrites a file: if the name is taken, the next id is used. Returns the path and the text written.',
  inputSchema: {
    type: 'object',
    properties: {
      title: { type: 'string', description: 'A brief one-line title, e.g. "Checkout totals are computed in the order currency".' },
      folder: { type: 'string', description: 'The folder below the root to create it in; default docs/spec-deltas.' },
      author: { type: 'string', description: 'The author to write in the Author field; left as a placeholder when omitted.' },
    },
    required: ['title'],
    additionalProperties: false,
  },
  outputSchema: {
    type: 'object',
    properties: { path: { type: 'string', description: 'Relative to the root.' }, id: { type: 'string' }, text: { type: 'string' } },
    required: ['path', 'id', 'text'],
  },
  async run(args, root) {
    const { title, folder, author } = readArguments(args, { title: 'string', folder: 'string?', author: 'string?' });
    const problem = validateTitle(title!);
    if (problem) throw new ToolRefusal(`the title cannot be used: ${problem}`);
    if (author !== undefined && /[\r\n]/.test(author)) throw new ToolRefusal('the author is one line');
    const setting = folder ?? 'docs/spec-deltas';
    root.resolve(setting, 'folder');
    const target = await targetDirectory(atomicCreationFs, root.path, setting);
    if ('error' in target) throw new ToolRefusal(target.error);
    const id = indexRoot(root.path).index.nextFreeId(DEFAULT_ID_PREFIX);
    const render = (invariant: string): string =>
      renderTemplate({ id: invariant, title: title!.trim(), date: localDate(), ...(author?.trim() ? { author: author.trim() } : {}) });
    const file = await createExclusively(atomicCreationFs, target.directory, id, title!, render);
    if (!file) throw new ToolRefusal('could not find a free file name; no file was written');
    const text = fs.readFileSync(file, 'utf8');
    const written = /^# .*?(\S+-\d+)/.exec(text)?.[1] ?? id;
    return {
      structured: { path: root.relative(file), id: written, text },
      summary: `Created ${root.relative(file)} (${written}). Fill in its sections, then call lint on it.\n\n${text}`,
    };
  },
};

/** The catalogue's published schema (SPEC section 7), without the draft and id keywords that an MCP client's validator may not know. */
const { $schema: _draft, $id: _id, ...CATALOG_SCHEMA } = catalogSchema as Schema;

const catalog: Tool = {
  name: 'catalog',
  title: 'List the invariants',
  description:
    'The invariant catalogue, as `spec-delta catalog --format json` prints it: one entry per spec delta with its id, title, file, status, severity, rule statement, implementation PR, approvals, references, completeness and problem counts. ' +
    'Call it to learn which invariants exist before writing a new one (to reference related ids, or to avoid a duplicate), or to answer questions about them (which are approved, which lack an implementation). ' +
    '`path` (optional, default the whole root) is a file or folder below the root.',
  inputSchema: {
    type: 'object',
    properties: { path: { type: 'string', description: 'A file or folder below the root; default the root.' } },
    additionalProperties: false,
  },
  outputSchema: CATALOG_SCHEMA,
  run(args, root) {
    const { path: given } = readArguments(args, { path: 'string?' });
    const result = buildCatalog(filesBelow(root, given ?? '.'), root.path);
    const lines = result.invariants.map((i) => `${i.id ?? '(no id)'}  ${i.status ?? '-'}  ${i.severity ?? '-'}  ${i.title ?? ''}  (${i.file})`);
    return { structured: result as unknown as Record<string, unknown>, summary: [`${result.invariants.length} invariant(s)`, ...lines].join('\n') };
  },
};

const explainRule: Tool = {
  name: 'explain_rule',
  title: 'Explain a Spec Delta rule',
  description:
    'The documentation page of a Spec Delta rule: what it checks, why, and examples that pass and fail. ' +
    'Call it with the code of a lint finding (e.g. SD104) when the message alone does not say how to satisfy the rule.',
  inputSchema: {
    type: 'object',
    properties: { code: { type: 'string', description: 'A rule code such as SD001, or a rule name such as missing-section.' } },
    required: ['code'],
    additionalProperties: false,
  },
  outputSchema: {
    type: 'object',
    properties: { code: { type: 'string' }, name: { type: 'string' }, text: { type: 'string', description: 'The page, in Markdown.' } },
    required: ['code', 'name', 'text'],
  },
  run(args) {
    const { code } = readArguments(args, { code: 'string' });
    const page = rulePage(code!.trim());
    if (!page) throw new ToolRefusal(`there is no rule '${code}': codes look like SD001 (see the rule resources)`);
    return { structured: { ...page }, summary: page.text };
  },
};

export const TOOLS: readonly Tool[] = [lint, fix, newSpecDelta, catalog, explainRule];

/** The files a path stands for, each checked to be inside the root (a folder may hold links out; globs are not taken). */
function filesBelow(root: Root, given: string): ReturnType<typeof expandPaths> {
  const absolute = root.resolve(given);
  if (/[*?[\]{}]/.test(given) && !fs.existsSync(absolute))
    throw new ToolRefusal(`'${given}' does not exist (globs are not expanded here: name a file or a folder)`);
  const files = expandPaths([absolute], root.path);
  for (const file of files) root.resolve(file.path);
  return files;
}

function lintResult(results: readonly FileResult[]): ToolResult {
  const files = JSON.parse(formatJson(results)) as { file: string; diagnostics: Diagnostic[] }[];
  const all = files.flatMap((f) => f.diagnostics);
  const counts = {
    errors: all.filter((d) => d.severity === DiagnosticSeverity.Error).length,
    warnings: all.filter((d) => d.severity === DiagnosticSeverity.Warning).length,
    other: all.filter((d) => d.severity !== DiagnosticSeverity.Error && d.severity !== DiagnosticSeverity.Warning).length,
  };
  const head =
    files.length === 0 ? 'no spec deltas found' : `${counts.errors} errors, ${counts.warnings} warnings, ${counts.other} other in ${files.length} file(s)`;
  const lines = files.flatMap((f) =>
    f.diagnostics.map(
      (d) =>
        `${f.file}:${d.range.start.line + 1}:${d.range.start.character + 1} ${severityName(d.severity ?? DiagnosticSeverity.Error)} ${d.code ?? ''} ${d.message}`,
    ),
  );
  return { structured: { files, counts }, summary: [head, ...lines].join('\n') };
}
