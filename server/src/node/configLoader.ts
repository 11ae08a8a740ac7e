import * as fs from 'node:fs';
import * as path from 'node:path';
import { CONFIG_FILE_NAME, ConfigError, DEFAULT_CONFIG, EffectiveConfig, matchesAny, parseConfig, resolveConfig, RULE_KEYS, SpecDeltaConfig } from '../core';
import { describe } from './files';

export interface LoadedConfig {
  readonly config: SpecDeltaConfig;
  /** The folder globs are relative to: the config file's folder, else the fallback root. */
  readonly root: string;
  /** The config file, when one was found. */
  readonly file: string | undefined;
}

/**
 * Finds `.spec-delta.json` upward from a document's folder and caches what it found per folder,
 * so that linting thousands of files reads each config once. A bad config throws a ConfigError.
 */
export class ConfigLoader {
  private readonly byDirectory = new Map<string, LoadedConfig>();
  private readonly withoutOverrides = new WeakMap<LoadedConfig, EffectiveConfig>();

  constructor(private readonly fallbackRoot: string) {}

  forFile(file: string): LoadedConfig {
    return this.forDirectory(path.dirname(path.resolve(file)));
  }

  /** The settings for one file, overrides applied. */
  effective(file: string): EffectiveConfig {
    const loaded = this.forFile(file);
    if (loaded.config.overrides.length > 0) return resolveConfig(loaded.config, relativePath(loaded.root, file));
    // Without overrides every file under that config has the same settings: one object for all of them.
    let same = this.withoutOverrides.get(loaded);
    if (!same) this.withoutOverrides.set(loaded, (same = resolveConfig(loaded.config, '')));
    return same;
  }

  /** Whether the `files` globs of the file's config list it (a spec delta without its title). */
  listsFile(file: string): boolean {
    const loaded = this.forFile(file);
    return matchesAny(loaded.config.files, relativePath(loaded.root, file));
  }

  /** Forget cached results, for a folder and everything below it, or all. */
  invalidate(directory?: string): void {
    if (directory === undefined) return this.byDirectory.clear();
    const prefix = path.resolve(directory);
    for (const key of this.byDirectory.keys()) if (key === prefix || key.startsWith(prefix + path.sep)) this.byDirectory.delete(key);
  }

  private forDirectory(directory: string): LoadedConfig {
    const cached = this.byDirectory.get(directory);
    if (cached) return cached;
    const candidate = path.join(directory, CONFIG_FILE_NAME);
    let loaded: LoadedConfig;
    const text = readConfigText(candidate);
    if (text !== undefined) {
      loaded = { config: parseConfig(text, candidate, RULE_KEYS), root: directory, file: candidate };
    } else {
      const parent = path.dirname(directory);
      loaded = parent === directory ? { config: DEFAULT_CONFIG, root: this.fallbackRoot, file: undefined } : this.forDirectory(parent);
    }
    this.byDirectory.set(directory, loaded);
    return loaded;
  }
}

/**
 * The text of a config file, or undefined when there is none. One that is there but cannot be
 * used (a folder of that name, a pipe that would block the read, no permission) is an error,
 * never silently the defaults.
 */
function readConfigText(candidate: string): string | undefined {
  const unusable = (problem: string): ConfigError => new ConfigError(candidate, '', problem);
  try {
    const stat = fs.statSync(candidate);
    if (stat.isDirectory())
      throw unusable(`is a folder; ${CONFIG_FILE_NAME} must be a file holding a JSON object such as {"rules": {}}: remove or rename the folder`);
    if (!stat.isFile())
      throw unusable(`is not a regular file; ${CONFIG_FILE_NAME} must be a file holding a JSON object such as {"rules": {}}: replace it with one`);
    return fs.readFileSync(candidate, 'utf8');
  } catch (error) {
    if (error instanceof ConfigError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return undefined;
    throw unusable(`cannot be read (${describe(error)}): make it readable or remove it`);
  }
}

/**
 * A path relative to a folder, with forward slashes, as globs expect. A file outside the folder
 * (no config file above it, linted from elsewhere) gives its whole path instead, so that the
 * default globs still find `/tmp/x/spec-deltas/a.md`, which `../../tmp/x/...` would never match.
 */
function relativePath(root: string, file: string): string {
  const absolute = path.resolve(file);
  const relative = path.relative(root, absolute);
  const outside = relative === '..' || relative.startsWith(`..${path.sep}`) || path.isAbsolute(relative);
  return (outside ? absolute.slice(path.parse(absolute).root.length) : relative).split(path.sep).join('/');
}
