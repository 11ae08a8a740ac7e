import { list } from '../../core';
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

/** The help line's list of a table's formats: the first is the default, each with its note. */
export function helpList(table: Readonly<Record<string, { readonly note?: string }>>): string {
  return list(Object.entries(table).map(([name, f], i) => [name, i === 0 ? '(default)' : '', f.note ?? ''].filter(Boolean).join(' ')));
}

/** A command line the CLI cannot run: one line that says what to write instead, exit 2. */
export class UsageError extends Error {}

/** The format of `table` named `value` (`what` names the table in the message); a UsageError that lists the table otherwise. */
export function formatNamed<F>(table: Readonly<Record<string, F>>, value: string, what: string): F {
  if (!Object.hasOwn(table, value)) throw new UsageError(`unknown ${what} '${value}': use ${list(Object.keys(table))}`);
  return table[value]!;
}
