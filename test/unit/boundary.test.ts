import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { ROOT } from './helpers';
import { specifiers, specifiersOf, tsFiles } from './sources';

/**
 * The core is a pure language service (STYLE.md, habit 1): it imports markdown-it, picomatch and
 * LSP *types*, never the editor, a connection, the file system or any other Node built-in. The
 * CLI, the server and the tests inject what it needs.
 */

const CORE = path.join(ROOT, 'server', 'src', 'core');

const FORBIDDEN: readonly { readonly test: (specifier: string) => boolean; readonly why: string }[] = [
  { test: (s) => s === 'vscode', why: 'the editor API' },
  { test: (s) => s === 'vscode-languageserver' || s.startsWith('vscode-languageserver/'), why: 'the language-server runtime (use vscode-languageserver-types)' },
  { test: (s) => s.startsWith('node:'), why: 'a Node built-in' },
  {
    test: (s) => ['fs', 'fs/promises', 'path', 'child_process', 'os', 'net', 'http', 'https', 'worker_threads', 'url', 'process'].includes(s),
    why: 'a Node built-in',
  },
];

test('the specifier scanner sees every form of import', () => {
  const source = [
    "import * as fs from 'fs';",
    "import type { Range } from 'vscode-languageserver-types';",
    "import {\n  a,\n  b,\n} from 'node:path';",
    "import 'vscode';",
    "export { x } from './x';",
    "export * from 'vscode-languageserver/node';",
    "const cp = require('child_process');",
    "const os = await import('os');",
    "// import 'http';",
    "/* import 'https'; */",
  ].join('\n');
  assert.deepEqual(specifiers(source).sort(), ['./x', 'child_process', 'fs', 'node:path', 'os', 'vscode', 'vscode-languageserver-types', 'vscode-languageserver/node'].sort());
  assert.deepEqual(specifiersOf(source).filter((s) => s.typeOnly).map((s) => s.name), ['vscode-languageserver-types']);
});

test('no file of the core imports vscode, the server runtime or a Node built-in', () => {
  const files = [...tsFiles(CORE)];
  assert.ok(files.length >= 20, `the core is found at ${CORE}`);
  const violations: string[] = [];
  for (const file of files) {
    for (const specifier of specifiers(fs.readFileSync(file, 'utf8'))) {
      const rule = FORBIDDEN.find((f) => f.test(specifier));
      if (rule) violations.push(`${path.relative(ROOT, file)} imports '${specifier}' (${rule.why})`);
    }
  }
  assert.deepEqual(violations, []);
});

test('at run time the core needs only its own modules, markdown-it, picomatch and the LSP types', () => {
  const allowed = new Set(['markdown-it', 'picomatch', 'vscode-languageserver-types']);
  const outside: string[] = [];
  for (const file of tsFiles(CORE)) {
    for (const { name, typeOnly } of specifiersOf(fs.readFileSync(file, 'utf8'))) {
      if (typeOnly) continue;
      if (name.startsWith('.')) {
        const target = path.resolve(path.dirname(file), name);
        if (!target.startsWith(CORE + path.sep)) outside.push(`${path.relative(ROOT, file)} reaches out of the core: '${name}'`);
      } else if (!allowed.has(name)) outside.push(`${path.relative(ROOT, file)} imports '${name}'`);
    }
  }
  assert.deepEqual(outside, []);
});
