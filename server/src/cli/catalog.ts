import * as fs from 'node:fs';
import * as path from 'node:path';
import { catalogOf, ConfigError } from '../core';
import { PathError, describe, expandPaths } from '../node/files';
import type { Catalog } from '$shared/protocol';
import { CATALOG_FORMATS, CatalogFormat, DEFAULT_CATALOG_FORMAT } from './catalogFormats';
import { UsageError, formatNamed, helpList } from './formats/format';
import { CATALOG_END, CATALOG_START } from './catalogMarkdown';
import { LintIoError, lintFiles } from './lint';
import { writeFileAtomic } from './writeFile';

/** Computed when asked, from the format table as it is then. */
const catalogHelp = (): string => `Usage: spec-delta catalog [options] [paths...]

Lists the invariants of the spec deltas found in the paths (as lint finds them; default: .).

Options:
  -f, --format <name>  ${helpList(CATALOG_FORMATS)}
  -o, --output <file>  write to the file instead of stdout; an existing file must hold
                       ${CATALOG_START} and ${CATALOG_END}:
                       only the text between them is replaced
      --check          write nothing; exit 1 when --output's file is not up to date
  -h, --help           show this help

Exit status: 0 done (or up to date), 1 not up to date (--check), 2 usage, configuration or I/O failure.
`;

interface CatalogOptions {
  readonly format: CatalogFormat;
  readonly output: string | undefined;
  readonly check: boolean;
  readonly paths: string[];
}

/** `spec-delta catalog`: returns the exit status; output goes through the given writers. `ownsProcess`: see LintOptions. */
export function runCatalog(argv: readonly string[], cwd: string, out: (s: string) => void, err: (s: string) => void, ownsProcess = false): number {
  let options: CatalogOptions | 'help';
  try {
    options = parseCatalogArgs(argv);
  } catch (error) {
    err(`spec-delta: ${(error as Error).message}\n`);
    return 2;
  }
  if (options === 'help') return (out(catalogHelp()), 0);
  try {
    const output = options.output === undefined ? undefined : path.resolve(cwd, options.output);
    // The index written into a spec-deltas folder would otherwise list itself.
    const files = expandPaths(options.paths, cwd).filter((f) => f.path !== output);
    const catalog = buildCatalog(files, cwd, ownsProcess);
    const text = render(catalog, options.format, output, cwd);
    if (output === undefined) return (out(text), 0);
    return writeOutput(output, options, text, err);
  } catch (error) {
    if (error instanceof ConfigError || error instanceof PathError || error instanceof LintIoError || error instanceof UsageError) {
      err(`spec-delta: ${error.message}\n`);
      return 2;
    }
    err(`spec-delta: internal error: ${(error as Error).stack ?? String(error)}\n`);
    return 2;
  }
}

/** The catalogue from lint's own single pass: each entry is read on the parse lint makes anyway. */
export function buildCatalog(files: ReturnType<typeof expandPaths>, cwd: string, ownsProcess = false): Catalog {
  const results = lintFiles(files, cwd, { fix: false, extract: 'catalog', ownsProcess });
  return catalogOf(results.map((r) => r.extracted!));
}

function render(catalog: Catalog, format: CatalogFormat, output: string | undefined, cwd: string): string {
  const base = output === undefined ? cwd : path.dirname(output);
  return format.write(catalog, (file) => path.relative(base, path.resolve(cwd, file)).split(path.sep).join('/'));
}

function writeOutput(output: string, options: CatalogOptions, text: string, err: (s: string) => void): number {
  const shown = options.output!;
  let existing: string | undefined;
  try {
    existing = fs.readFileSync(output, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw new LintIoError(`cannot read '${shown}': ${describe(error)}`);
  }
  const wanted = options.format.intoFile(existing, text, shown);
  if (typeof wanted !== 'string') throw new UsageError(wanted.refused);
  if (options.check) {
    if (existing === undefined) return (err(`spec-delta: '${shown}' does not exist; run the same command without --check to write it\n`), 1);
    if (existing !== wanted) return (err(`spec-delta: '${shown}' is not up to date with the spec deltas; run the same command without --check\n`), 1);
    return 0;
  }
  if (existing === wanted) return 0;
  try {
    fs.mkdirSync(path.dirname(output), { recursive: true });
    writeFileAtomic(output, wanted);
  } catch (error) {
    throw new LintIoError(`cannot write '${shown}': ${describe(error)}`);
  }
  return 0;
}

function parseCatalogArgs(argv: readonly string[]): CatalogOptions | 'help' {
  if (argv.includes('-h') || argv.includes('--help')) return 'help';
  let format = CATALOG_FORMATS[DEFAULT_CATALOG_FORMAT]!;
  let output: string | undefined;
  let check = false;
  const paths: string[] = [];
  const valueOf = (arg: string, name: string, next: () => string | undefined): string => {
    const value = arg.startsWith(`${name}=`) ? arg.slice(name.length + 1) : next();
    if (value === undefined || value === '') throw new UsageError(`${arg} needs a value`);
    return value;
  };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const next = (): string | undefined => argv[++i];
    if (arg === '--check') check = true;
    else if (arg === '-f' || arg === '--format' || arg.startsWith('--format=')) {
      const value = valueOf(arg, '--format', next);
      format = formatNamed(CATALOG_FORMATS, value, 'catalog format');
    } else if (arg === '-o' || arg === '--output' || arg.startsWith('--output=')) output = valueOf(arg, '--output', next);
    else if (arg === '--') {
      paths.push(...argv.slice(i + 1));
      break;
    } else if (arg.startsWith('-') && arg !== '-') throw new UsageError(`unknown option '${arg}' for catalog: see spec-delta catalog --help`);
    else paths.push(arg);
  }
  if (check && output === undefined) throw new UsageError('--check needs --output <file>: the file to compare with');
  return { format, output, check, paths: paths.length ? paths : ['.'] };
}
