import type { FileResult } from '../lint';

/** What a lint format may need besides the results. */
export interface FormatContext {
  /** The working directory: SARIF names files relative to its repository's root. */
  readonly cwd: string;
  /** Whether to colour the text (stdout is a terminal and NO_COLOR is unset). */
  readonly color: boolean;
}

/** One `--format` of `spec-delta lint`; the table of them is formats/index.ts. */
export interface LintFormat {
  /** Shown after the name in `--help`, e.g. `(Code Quality)`. */
  readonly note?: string;
  /** Output read by a person: an empty run says on stderr that no spec delta was found. */
  readonly forPeople?: boolean;
  readonly write: (results: readonly FileResult[], context: FormatContext) => string;
}

/** `a, b or c`: the names a usage message offers. */
export function listOf(names: readonly string[]): string {
  return names.length < 2 ? names.join('') : `${names.slice(0, -1).join(', ')} or ${names[names.length - 1]}`;
}

/** The help line's list of a table's formats: the first is the default, each with its note. */
export function helpList(table: Readonly<Record<string, { readonly note?: string }>>): string {
  return listOf(Object.entries(table).map(([name, f], i) => [name, i === 0 ? '(default)' : '', f.note ?? ''].filter(Boolean).join(' ')));
}
