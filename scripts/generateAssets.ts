/**
 * Writes the contributed assets that derive from the template definition: the snippet and the
 * TextMate injection grammar. Run by esbuild.mjs on every build; a unit test checks that the
 * committed files are what this produces.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { grammarFile, snippetFile } from '../server/src/core';

const root = process.argv[2] ?? process.cwd();
write(path.join(root, 'snippets/spec-delta.code-snippets'), JSON.stringify(snippetFile(), null, 2) + '\n');
write(path.join(root, 'syntaxes/spec-delta.injection.tmLanguage.json'), JSON.stringify(grammarFile(), null, 2) + '\n');

function write(file: string, text: string): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const current = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : undefined;
  if (current !== text) fs.writeFileSync(file, text);
}
