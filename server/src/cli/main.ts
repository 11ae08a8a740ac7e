import { ConfigError, list } from '../core';
import { DiagnosticSeverity } from 'vscode-languageserver-types';
import { PathError, expandPaths } from '../node/files';
import { LintFormat, UsageError, formatNamed, helpList } from './formats/format';
import { DEFAULT_LINT_FORMAT, LINT_FORMATS } from './formats/index';
import { LintIoError, lintFiles } from './lint';
import { isLintWorker, serveMainThread } from './lintWorker';
import { runCatalog } from './catalog';

declare const SPEC_DELTA_VERSION: string;

/** Computed when asked, from the format table as it is then. */
const help = (): string => `Usage: spec-delta lint [options] [paths...]
       spec-delta mcp [--root <folder>]   (an MCP server for AI assistants: spec-delta mcp --help)

Checks spec deltas (post-incident documents that propose an engineering invariant).
Paths may be files, folders (searched recursively for spec deltas) or globs; default: .

Options:
  -f, --format <name>  ${helpList(LINT_FORMATS)}
      --fix            insert missing sections, fields and table rows, then report the rest
  -h, --help           show this help
  -v, --version        show the version

Exit status: 0 no errors, 1 errors found, 2 usage, configuration or I/O failure.
Configuration: .spec-delta.json, found upward from each file. Rules: docs/rules/.
The invariant catalogue: spec-delta catalog --help.
`;

interface Options {
  readonly format: LintFormat;
  readonly fix: boolean;
  readonly paths: string[];
}

function parseArgs(argv: readonly string[]): Options | 'help' | 'version' {
  const args = [...argv];
  if (args.includes('-h') || args.includes('--help')) return 'help';
  if (args.includes('-v') || args.includes('--version')) return 'version';
  const command = args.shift();
  if (command === undefined) throw new UsageError('missing command: try spec-delta lint');
  if (command !== 'lint') throw new UsageError(`unknown command '${command}': the commands are lint, catalog and mcp`);
  let format = LINT_FORMATS[DEFAULT_LINT_FORMAT]!;
  let fix = false;
  const paths: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (arg === '--fix') fix = true;
    else if (arg === '-f' || arg === '--format' || arg.startsWith('--format=')) {
      const value = arg.startsWith('--format=') ? arg.slice('--format='.length) : args[++i];
      if (value === undefined) throw new UsageError(`${arg} needs a value: ${list(Object.keys(LINT_FORMATS))}`);
      format = formatNamed(LINT_FORMATS, value, 'format');
    } else if (arg === '--') {
      paths.push(...args.slice(i + 1));
      break;
    } else if (arg.startsWith('-') && arg !== '-') throw new UsageError(`unknown option '${arg}': see spec-delta --help`);
    else paths.push(arg);
  }
  return { format, fix, paths: paths.length ? paths : ['.'] };
}

/** How `run` is called, beyond its arguments and writers. */
export interface RunContext {
  /** Colour the text formats (a terminal). */
  readonly color?: boolean;
  /** `spec-delta` as a command: the process ends with this run (see LintOptions.ownsProcess). */
  readonly ownsProcess?: boolean;
}

/** Runs the CLI and returns its exit status; output goes through the given writers. */
export function run(argv: readonly string[], cwd: string, out: (s: string) => void, err: (s: string) => void, context: RunContext = {}): number {
  const { color = false, ownsProcess = false } = context;
  if (argv[0] === 'catalog') return runCatalog(argv.slice(1), cwd, out, err, ownsProcess);
  // dist/mcp.js, a bundle of its own beside this one (external in esbuild.mjs), so that lint never loads the MCP SDK.
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded only for this command
  if (argv[0] === 'mcp') return (require('./mcp.js') as typeof import('../mcp/main')).runMcp(argv.slice(1), cwd, out, err);
  let options: ReturnType<typeof parseArgs>;
  try {
    options = parseArgs(argv);
  } catch (error) {
    err(`spec-delta: ${(error as Error).message}\n`);
    return 2;
  }
  if (options === 'help') return (out(help()), 0);
  if (options === 'version') return (out(`${typeof SPEC_DELTA_VERSION === 'string' ? SPEC_DELTA_VERSION : '0.0.0'}\n`), 0);
  try {
    const files = expandPaths(options.paths, cwd);
    const results = lintFiles(files, cwd, { fix: options.fix, ownsProcess });
    const text = options.format.write(results, { cwd, color });
    out(text);
    if (results.length === 0 && options.format.forPeople) err('spec-delta: no spec deltas found in the given paths\n');
    return results.some((r) => r.diagnostics.some((d) => d.severity === DiagnosticSeverity.Error)) ? 1 : 0;
  } catch (error) {
    if (error instanceof ConfigError || error instanceof PathError || error instanceof LintIoError) {
      err(`spec-delta: ${error.message}\n`);
      return 2;
    }
    err(`spec-delta: internal error: ${(error as Error).stack ?? String(error)}\n`);
    return 2;
  }
}

/**
 * `spec-delta` as a command: the process's arguments, folder and streams, colour on a terminal
 * unless NO_COLOR is set. bin/spec-delta.js calls it, and so does `node dist/cli.js`.
 */
export function runFromCommandLine(): void {
  const color = process.stdout.isTTY === true && !process.env.NO_COLOR;
  // A reader that stops early (`spec-delta lint | head`) closes the pipe; that is not a crash.
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EPIPE') throw error;
    process.exit();
  });
  process.exitCode = run(
    process.argv.slice(2),
    process.cwd(),
    (s) => process.stdout.write(s),
    (s) => process.stderr.write(s),
    // The MCP server, which serves many runs in this process, is never given ownsProcess.
    { color, ownsProcess: true },
  );
}

// dist/cli.js is also the lint workers' script (threads.ts): started as a worker it serves jobs.
if (require.main === module && isLintWorker()) serveMainThread();
else if (require.main === module) runFromCommandLine();
