// Packages the extension (spec-delta.vsix) from a staging folder that holds only what the
// extension uses. vsce refuses a .vscodeignore next to package.json's `files`, and `files` is the
// npm package's list (CLI and server, no client), so the VSIX gets its own list here.
//   node scripts/packageVsix.mjs [--out spec-delta.vsix]   (after `node esbuild.mjs --production`)
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(fileURLToPath(new URL('..', import.meta.url)));

/** What the VSIX carries besides package.json: each entry a file, or a folder and a file-name ending. */
export const VSIX_CONTENTS = [
  'README.md', // the Marketplace page; vsce points its relative images at the repository
  'CHANGELOG.md',
  'LICENSE',
  'dist/client.js',
  'dist/server.js', // also the server's analysis thread, which analyses large documents
  'dist/web/client.js', // VS Code for the Web: the package.json `browser` entry
  'dist/web/server.js', // the web client's server, run in a web worker
  'dist/web/analysisWorker.js', // the web server analyses large documents in this worker of its own
  'media/spec-delta.svg', // activity bar and views
  'media/icon.png', // Marketplace and Open VSX icon
  'snippets/spec-delta.code-snippets',
  'syntaxes/spec-delta.injection.tmLanguage.json',
  'schemas/spec-delta.schema.json', // .spec-delta.json completion and validation (contributes.jsonValidation)
  ['docs/rules', '.md'], // rule pages the diagnostics open offline (client/src/ruleLinks.ts)
];

/** Copies the VSIX contents into `stage`, bundles from `dist`, with package.json cut to the extension's part. */
export function stageVsix(stage, { dist = join(root, 'dist') } = {}) {
  const files = VSIX_CONTENTS.flatMap((entry) =>
    typeof entry === 'string'
      ? [entry]
      : readdirSync(join(root, entry[0]))
          .filter((f) => f.endsWith(entry[1]))
          .sort()
          .map((f) => `${entry[0]}/${f}`),
  );
  for (const file of files) {
    const from = file.startsWith('dist/') ? join(dist, file.slice('dist/'.length)) : join(root, file);
    mkdirSync(dirname(join(stage, file)), { recursive: true });
    copyFileSync(from, join(stage, file));
  }
  // npm's fields mean nothing to VS Code; `files` next to an ignore file is an error to vsce.
  const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
  for (const npmOnly of ['files', 'bin', 'scripts', 'devDependencies']) delete manifest[npmOnly];
  writeFileSync(join(stage, 'package.json'), JSON.stringify(manifest, null, 2) + '\n');
  // Everything in the stage ships; the ignore file only tells vsce that the contents were chosen.
  writeFileSync(join(stage, '.vscodeignore'), '.vscodeignore\n');
  return files;
}

/** Runs vsce in `stage`; returns its combined output. */
export function vsce(stage, args) {
  const result = spawnSync(process.execPath, [join(root, 'node_modules/@vscode/vsce/vsce'), ...args], { cwd: stage, encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`vsce ${args.join(' ')} failed (${result.status}): ${result.stderr}${result.stdout}`);
  return `${result.stdout}${result.stderr}`;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const at = process.argv.indexOf('--out');
  const out = resolve(at === -1 ? 'spec-delta.vsix' : process.argv[at + 1]);
  const stage = mkdtempSync(join(tmpdir(), 'spec-delta-vsix-'));
  try {
    stageVsix(stage);
    process.stdout.write(vsce(stage, ['package', '--no-dependencies', '--out', out]));
    console.log(`${out}: ${(statSync(out).size / 1024).toFixed(1)} KB`);
  } finally {
    rmSync(stage, { recursive: true, force: true });
  }
}
