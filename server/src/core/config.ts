import picomatch from 'picomatch';
import type { RuleSettings } from './rule';
import type { RuleSetting } from './severity';
import { findJsonSyntaxError } from './jsonSyntax';
import { exactIdPattern } from './parse/ids';
import { DEFAULT_ID_PATTERN } from './parser';
import { stripBom } from './text';
import { DEFAULT_VAGUE_WORDS } from './template';

/** `.spec-delta.json`, as validated. Paths in `files` and `overrides` are relative to the file's folder. */
export interface SpecDeltaConfig {
  readonly rules: Readonly<Record<string, RuleSetting>>;
  readonly files: readonly string[];
  readonly idPattern: string;
  readonly categories: readonly string[];
  readonly vagueWords: readonly string[];
  readonly maxFileSize: number;
  readonly overrides: readonly ConfigOverride[];
}

export interface ConfigOverride {
  readonly files: readonly string[];
  readonly rules: Readonly<Record<string, RuleSetting>>;
  readonly categories?: readonly string[];
  readonly vagueWords?: readonly string[];
}

/** The configuration that applies to one file, overrides merged. */
export interface EffectiveConfig extends RuleSettings {
  readonly rules: Readonly<Record<string, RuleSetting>>;
  readonly maxFileSize: number;
}

export const DEFAULT_FILES: readonly string[] = ['**/spec-deltas/**/*.md', '**/*.spec-delta.md'];
export const DEFAULT_MAX_FILE_SIZE = 4 * 1024 * 1024;

export const DEFAULT_CONFIG: SpecDeltaConfig = {
  rules: {},
  files: DEFAULT_FILES,
  idPattern: DEFAULT_ID_PATTERN,
  categories: [],
  vagueWords: DEFAULT_VAGUE_WORDS,
  maxFileSize: DEFAULT_MAX_FILE_SIZE,
  overrides: [],
};

/** The per-folder settings file. */
export const CONFIG_FILE_NAME = '.spec-delta.json';

export class ConfigError extends Error {
  constructor(
    readonly file: string,
    readonly key: string,
    readonly problem: string,
  ) {
    super(`${file}: ${key ? `"${key}": ` : ''}${problem}`);
  }
}

export const SETTINGS: readonly RuleSetting[] = ['off', 'error', 'warning', 'information', 'hint', 'default'];
export const TOP_KEYS = new Set(['$schema', 'rules', 'files', 'idPattern', 'categories', 'vagueWords', 'maxFileSize', 'overrides']);

/**
 * Parses and validates the text of a `.spec-delta.json`. `ruleKeys` maps every code and rule name
 * a `rules` object may use to the rule's code. Throws a ConfigError naming the file, the key and
 * the problem.
 */
export function parseConfig(text: string, file: string, ruleKeys: ReadonlyMap<string, string>): SpecDeltaConfig {
  let raw: unknown;
  const json = stripBom(text);
  try {
    raw = JSON.parse(json);
  } catch {
    throw new ConfigError(file, '', syntaxProblem(json));
  }
  if (!isObject(raw)) throw new ConfigError(file, '', 'must hold a JSON object, such as {"rules": {"SD101": "off"}}');
  for (const key of Object.keys(raw))
    if (!TOP_KEYS.has(key)) throw new ConfigError(file, key, `unknown setting; expected one of ${[...TOP_KEYS].filter((k) => k !== '$schema').join(', ')}`);
  const idPattern = raw.idPattern === undefined ? DEFAULT_ID_PATTERN : regexSource(raw.idPattern, file, 'idPattern');
  const maxFileSize = raw.maxFileSize === undefined ? DEFAULT_MAX_FILE_SIZE : positiveInteger(raw.maxFileSize, file, 'maxFileSize');
  const overrides =
    raw.overrides === undefined
      ? []
      : arrayOf(
          raw.overrides,
          file,
          'overrides',
          'an array of objects with "files" and "rules", such as [{"files": "legacy/**", "rules": {"SD101": "off"}}]',
          (item, key) => parseOverride(item, file, key, ruleKeys),
        );
  return {
    rules: raw.rules === undefined ? {} : parseRules(raw.rules, file, 'rules', ruleKeys),
    files: raw.files === undefined ? DEFAULT_FILES : globs(raw.files, file, 'files'),
    idPattern,
    categories: raw.categories === undefined ? [] : strings(raw.categories, file, 'categories', CATEGORY_EXAMPLE),
    vagueWords: raw.vagueWords === undefined ? DEFAULT_VAGUE_WORDS : strings(raw.vagueWords, file, 'vagueWords', VAGUE_EXAMPLE),
    maxFileSize,
    overrides,
  };
}

/** The settings for one file, given its path relative to the configuration file's folder. */
export function resolveConfig(config: SpecDeltaConfig, relativePath: string): EffectiveConfig {
  let rules = { ...config.rules };
  let categories = config.categories;
  let vagueWords = config.vagueWords;
  for (const override of config.overrides) {
    if (!matchesAny(override.files, relativePath)) continue;
    rules = { ...rules, ...override.rules };
    categories = override.categories ?? categories;
    vagueWords = override.vagueWords ?? vagueWords;
  }
  return { rules, categories, vagueWords, idPattern: config.idPattern, maxFileSize: config.maxFileSize };
}

/** Whether a path (relative, with forward slashes) matches one of the globs. */
export function matchesAny(patterns: readonly string[], relativePath: string): boolean {
  const path = relativePath.replace(/\\/g, '/');
  return patterns.some((p) => matcher(p)(path));
}

const matchers = new Map<string, (path: string) => boolean>();
function matcher(pattern: string): (path: string) => boolean {
  let m = matchers.get(pattern);
  if (!m) matchers.set(pattern, (m = picomatch(pattern, { dot: true })));
  return m;
}

function parseOverride(item: unknown, file: string, key: string, ruleKeys: ReadonlyMap<string, string>): ConfigOverride {
  if (!isObject(item))
    throw new ConfigError(file, key, 'must be an object with "files" and "rules", such as {"files": "legacy/**", "rules": {"SD101": "off"}}');
  for (const k of Object.keys(item)) {
    if (!['files', 'rules', 'categories', 'vagueWords'].includes(k))
      throw new ConfigError(file, `${key}.${k}`, 'unknown setting; expected files, rules, categories or vagueWords');
  }
  if (item.files === undefined) throw new ConfigError(file, `${key}.files`, 'is required: the globs this override applies to');
  return {
    files: globs(item.files, file, `${key}.files`),
    rules: item.rules === undefined ? {} : parseRules(item.rules, file, `${key}.rules`, ruleKeys),
    ...(item.categories === undefined ? {} : { categories: strings(item.categories, file, `${key}.categories`, CATEGORY_EXAMPLE) }),
    ...(item.vagueWords === undefined ? {} : { vagueWords: strings(item.vagueWords, file, `${key}.vagueWords`, VAGUE_EXAMPLE) }),
  };
}

/**
 * Settings are kept by code, whether written by code or by name, so that an override replaces
 * the top level's setting of a rule whichever way either of them names it.
 */
function parseRules(value: unknown, file: string, key: string, ruleKeys: ReadonlyMap<string, string>): Record<string, RuleSetting> {
  if (!isObject(value)) throw new ConfigError(file, key, 'must be an object mapping rule codes to a severity or "off", such as {"SD101": "off"}');
  const out: Record<string, RuleSetting> = {};
  for (const [written, setting] of Object.entries(value)) {
    const code = ruleKeys.get(written);
    if (code === undefined) throw new ConfigError(file, `${key}.${written}`, 'unknown rule; use a code such as SD101 or a rule name (see docs/rules)');
    if (typeof setting !== 'string' || !SETTINGS.includes(setting as RuleSetting)) {
      throw new ConfigError(file, `${key}.${written}`, `must be one of ${SETTINGS.map((s) => `"${s}"`).join(', ')}`);
    }
    out[code] = setting as RuleSetting;
  }
  return out;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

const CATEGORY_EXAMPLE = 'an array of strings, such as ["Billing"]';
const VAGUE_EXAMPLE = 'an array of strings, such as ["properly", "as needed"]';

/** Where the JSON stops being JSON, as a line and column, and what to write there. */
function syntaxProblem(json: string): string {
  const error = findJsonSyntaxError(json);
  const offset = error?.offset ?? json.length;
  const before = json.slice(0, offset);
  const line = before.split(/\r\n|\r|\n/).length;
  const column = offset - Math.max(before.lastIndexOf('\n'), before.lastIndexOf('\r'));
  return `not valid JSON at line ${line}, column ${column}: expected ${error?.expected ?? 'a JSON object'}`;
}

function arrayOf<T>(value: unknown, file: string, key: string, expected: string, each: (item: unknown, key: string) => T): T[] {
  if (!Array.isArray(value)) throw new ConfigError(file, key, `must be ${expected}`);
  return value.map((item, i) => each(item, `${key}[${i}]`));
}

function strings(value: unknown, file: string, key: string, expected: string): string[] {
  return arrayOf(value, file, key, expected, (item, k) => {
    if (typeof item !== 'string' || item.trim() === '') throw new ConfigError(file, k, 'must be a non-empty string');
    return item.trim();
  });
}

function globs(value: unknown, file: string, key: string): string[] {
  const list =
    typeof value === 'string'
      ? [value]
      : strings(value, file, key, 'a glob string or an array of glob strings, such as "docs/spec-deltas/**/*.md" or ["docs/**/*.md", "rfcs/*.md"]');
  for (const [i, glob] of list.entries()) {
    try {
      picomatch(glob);
    } catch (error) {
      throw new ConfigError(file, `${key}[${i}]`, `not a valid glob (${(error as Error).message})`);
    }
  }
  return list;
}

function regexSource(value: unknown, file: string, key: string): string {
  if (typeof value !== 'string' || value === '')
    throw new ConfigError(file, key, 'must be a regular expression as a non-empty string, such as "INVARIANT-\\\\d+"');
  try {
    new RegExp(value);
  } catch (error) {
    throw new ConfigError(file, key, `not a valid regular expression (${(error as Error).message})`);
  }
  if (exactIdPattern(value).test('')) throw new ConfigError(file, key, 'must not match the empty string');
  return value;
}

function positiveInteger(value: unknown, file: string, key: string): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value <= 0) throw new ConfigError(file, key, 'must be a positive whole number of bytes');
  return value;
}
