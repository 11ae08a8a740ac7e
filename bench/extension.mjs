// The extension as users download and start it: production bundle sizes, the .vsix size, and the
// client's activation time. Everything is built in a temporary folder, so that the working
// tree's dist/ (development bundles with source maps, which tests run) is left alone.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stageVsix, vsce } from '../scripts/packageVsix.mjs';
import { median } from './stats.mjs';

const BUNDLES = ['client.js', 'server.js', 'cli.js'];

export async function benchExtension(row, { activations = 7 } = {}) {
  const stage = mkdtempSync(join(tmpdir(), 'spec-delta-vsix-'));
  try {
    run([process.execPath, 'esbuild.mjs', '--production', `--dist=${join(stage, 'dist')}`]);
    for (const bundle of BUNDLES)
      row({ area: 'extension', measure: `dist/${bundle} (production bundle)`, ours: statSync(join(stage, 'dist', bundle)).size / 1024, unit: 'KB' });

    // The VSIX as `npm run package` makes it, with these production bundles.
    const vsixStage = join(stage, 'vsix');
    stageVsix(vsixStage, { dist: join(stage, 'dist') });
    vsce(vsixStage, ['package', '--no-dependencies', '--out', join(stage, 'spec-delta.vsix')]);
    const vsix = statSync(join(stage, 'spec-delta.vsix')).size / 1024;
    row({ area: 'extension', measure: '.vsix size', ours: vsix, unit: 'KB', target: '< 1024 KB', met: vsix < 1024 });

    // Each activation in a fresh process, as an extension host loads the extension once.
    const runs = [];
    for (let i = 0; i < activations; i++) runs.push(JSON.parse(run([process.execPath, 'bench/activate.cjs', stage]).trim().split('\n').pop()));
    row({ area: 'extension', measure: `client activation: require dist/client.js (median of ${activations})`, ours: median(runs.map((r) => r.loadMs)) });
    row({ area: 'extension', measure: 'client activation: activate() incl. server start + initialize', ours: median(runs.map((r) => r.activateMs)) });
    row({ area: 'extension', measure: 'client activation: total', ours: median(runs.map((r) => r.totalMs)) });
  } finally {
    rmSync(stage, { recursive: true, force: true });
  }
}

function run(argv, cwd = process.cwd()) {
  const result = spawnSync(argv[0], argv.slice(1), { cwd, encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`${argv.join(' ')} failed (${result.status}): ${result.stderr}${result.stdout}`);
  return result.stdout;
}
