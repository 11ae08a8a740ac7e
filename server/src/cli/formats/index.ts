import type { LintFormat } from './format';
import { github } from './github';
import { gitlab } from './gitlab';
import { json } from './json';
import { junit } from './junit';
import { sarif } from './sarif';
import { stylish } from './stylish';

/**
 * The formats of `spec-delta lint --format`, by name; the first is the default. `--help` and the
 * unknown-format message list them from here, so a new format is its file and one line here.
 */
export const LINT_FORMATS: Readonly<Record<string, LintFormat>> = { stylish, json, sarif, github, gitlab, junit };

export const DEFAULT_LINT_FORMAT = Object.keys(LINT_FORMATS)[0]!;
