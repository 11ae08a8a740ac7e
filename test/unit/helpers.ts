import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Diagnostic } from 'vscode-languageserver-types';
import { analyzeText, AnalysisOptions } from '../../server/src/core/languageService';

/** The repository root: the nearest folder above the compiled test that holds package.json. */
export const ROOT = findRoot(__dirname);

function findRoot(from: string): string {
  for (let dir = from; ; dir = path.dirname(dir)) {
    if (fs.existsSync(path.join(dir, 'package.json'))) return dir;
    if (path.dirname(dir) === dir) throw new Error('no package.json above ' + from);
  }
}

export function readRepoFile(relative: string): string {
  return fs.readFileSync(path.join(ROOT, relative), 'utf8');
}

/** A fully filled, Approved spec delta that no rule objects to (apart from its reference to INVARIANT-017). */
export const APPROVED = readRepoFile('examples/INVARIANT-042-checkout-totals-currency.md');

/** The raw template. */
export const TEMPLATE = readRepoFile('test/fixtures/template.md');

/** Replaces exactly one occurrence of `from`; fails the test if it is not there exactly once. */
export function edit(text: string, from: string, to: string): string {
  const at = text.indexOf(from);
  if (at === -1 || text.indexOf(from, at + 1) !== -1) throw new Error(`expected exactly one '${from}' in the fixture`);
  return text.slice(0, at) + to + text.slice(at + from.length);
}

export function lint(text: string, options: AnalysisOptions = {}): Diagnostic[] {
  return analyzeText(text, 'file:///test/doc.md', options);
}

/** The diagnostics of one code. */
export function only(diagnostics: readonly Diagnostic[], code: string): Diagnostic[] {
  return diagnostics.filter((d) => d.code === code);
}
