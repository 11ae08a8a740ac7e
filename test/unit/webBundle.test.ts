import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { test } from 'node:test';

// The web bundles as built (esbuild.mjs also fails the build on a Node input): VS Code for the Web
// loads them where no Node built-in exists, so one that slipped in would fail only there.
const BUNDLES = ['dist/web/client.js', 'dist/web/server.js'];

/** The Node built-ins a bundle still requires (esbuild leaves `require("fs")` for an external one). */
function nodeBuiltinsRequiredBy(code: string): string[] {
  const builtins = new Set(builtinModules.flatMap((m) => [m, `node:${m}`]));
  return [...code.matchAll(/\brequire\(\s*["']([^"']+)["']\s*\)/g)].map((m) => m[1]!).filter((name) => builtins.has(name));
}

test('the scan finds a Node built-in that a bundle requires', () => {
  assert.deepEqual(nodeBuiltinsRequiredBy('var a = require("vscode"); var b = require("node:fs"); var c = require(\'path\');'), ['node:fs', 'path']);
});

for (const bundle of BUNDLES) {
  test(`${bundle} requires no Node built-in`, () => {
    assert.deepEqual(nodeBuiltinsRequiredBy(readFileSync(bundle, 'utf8')), []);
  });
}

test('the web server bundle holds the whole server and no Node adapter', () => {
  const code = readFileSync('dist/web/server.js', 'utf8');
  assert.match(code, /spec-delta-language-server/);
  assert.doesNotMatch(code, /server\/src\/node\//);
});

test('package.json points VS Code for the Web at the web client', () => {
  const pkg = JSON.parse(readFileSync('package.json', 'utf8')) as { browser?: string };
  assert.equal(pkg.browser, './dist/web/client.js');
});
