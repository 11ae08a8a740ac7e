import * as fs from 'node:fs';
import * as path from 'node:path';

/** Reading our own TypeScript sources: the security tests check what they import and call. */

/** Every .ts file below a folder, in a stable order. */
export function* tsFiles(dir: string): Generator<string> {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) yield* tsFiles(full);
    else if (entry.name.endsWith('.ts')) yield full;
  }
}

export interface Specifier {
  readonly name: string;
  /** `import type` / `export type`: erased from the JavaScript, no dependency at run time. */
  readonly typeOnly: boolean;
}

/** Every module specifier a file names: static and dynamic imports, re-exports and require calls. */
function specifiersOf(source: string): Specifier[] {
  const code = withoutComments(source);
  const found: Specifier[] = [];
  const patterns = [
    /\bimport\s+(type\s+)?(?:[\w*{}\s,]+?\s+from\s+)?['"]([^'"]+)['"]/g,
    /\bexport\s+(type\s+)?(?:\*|\{[^}]*\})(?:\s+as\s+\w+)?\s+from\s+['"]([^'"]+)['"]/g,
    /\bimport\s*\(()\s*['"]([^'"]+)['"]\s*\)/g,
    /\brequire\s*\(()\s*['"]([^'"]+)['"]\s*\)/g,
  ];
  for (const pattern of patterns) for (const m of code.matchAll(pattern)) found.push({ name: m[2]!, typeOnly: Boolean(m[1]) });
  return found;
}

export function specifiers(source: string): string[] {
  return specifiersOf(source).map((s) => s.name);
}

/** The source with its comments removed (a `//` after a colon is kept: it is a URL). */
export function withoutComments(source: string): string {
  return source.replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|[^:])\/\/.*$/gm, '$1');
}
