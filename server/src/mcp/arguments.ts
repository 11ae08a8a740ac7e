/** A JSON Schema, as tools declare their inputs and outputs. */
export type Schema = { readonly type: string; readonly [keyword: string]: unknown };

/** Arguments that do not fit a tool's input schema: answered with an MCP error (invalid params). */
export class ArgumentError extends Error {}

type Kind = 'string' | 'string?';
type Read<T extends Record<string, Kind>> = { [K in keyof T]: string | undefined };

/**
 * Checks a call's arguments against the few shapes the tools take (strings, some optional) and
 * refuses anything else by name, so that a model's typo (`file` for `path`) is reported rather
 * than ignored.
 */
export function readArguments<T extends Record<string, Kind>>(args: Record<string, unknown>, kinds: T): Read<T> {
  for (const key of Object.keys(args)) {
    if (!(key in kinds)) throw new ArgumentError(`unknown argument '${key}': the arguments are ${Object.keys(kinds).join(', ')}`);
  }
  const out: Record<string, string | undefined> = {};
  for (const [key, kind] of Object.entries(kinds)) {
    const value = args[key];
    if (value === undefined) {
      if (kind === 'string') throw new ArgumentError(`missing argument '${key}' (a string)`);
      out[key] = undefined;
    } else if (typeof value !== 'string') throw new ArgumentError(`argument '${key}' must be a string, not ${value === null ? 'null' : typeof value}`);
    else out[key] = value;
  }
  return out as Read<T>;
}
