/**
 * Writes the reference documents derived from the rule registry (see referenceDocs.ts): the rule
 * index page, the README's rule list and the JSON Schema of `.spec-delta.json`. Run by esbuild.mjs
 * on every build and by `npm run docs`; a unit test checks that the committed files are what this
 * produces.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { README_FILE, referenceDocs } from './referenceDocs';

const root = process.argv[2] ?? process.cwd();
for (const [file, text] of referenceDocs(fs.readFileSync(path.join(root, README_FILE), 'utf8'))) write(path.join(root, file), text);

function write(file: string, text: string): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const current = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : undefined;
  if (current !== text) fs.writeFileSync(file, text);
}
