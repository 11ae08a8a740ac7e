// Bundles the extension client, the language server and the CLI; `--tests` also transpiles the
// sources and tests file by file into out/ for node's test runner. Type checking is tsc's job.
import * as esbuild from 'esbuild';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { spawnSync } from 'node:child_process';

const pkg = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8'));
const production = process.argv.includes('--production');
// Where the bundles go: `dist` unless `--dist=<dir>` (the benchmark measures production bundles elsewhere).
const dist = process.argv.find((a) => a.startsWith('--dist='))?.slice('--dist='.length) ?? 'dist';
const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: production ? false : 'linked',
  minify: production,
  legalComments: 'none',
  logLevel: 'warning',
  define: { SPEC_DELTA_VERSION: JSON.stringify(pkg.version), 'import.meta.url': '__importMetaUrl' },
  // Some dependencies ship ES modules that read import.meta.url; give the CommonJS bundle one.
  banner: { js: "const __importMetaUrl = require('url').pathToFileURL(__filename).href;" },
};

/**
 * The MCP SDK's server loads ajv only as its default validator of elicitation answers; spec-delta
 * mcp elicits nothing and passes a validator of its own (server/src/mcp/server.ts), so dist/mcp.js
 * gets a stand-in that fails if it is ever constructed (130 KB less, 45 KB packed).
 */
const withoutAjv = {
  name: 'without-ajv',
  setup(build) {
    build.onResolve({ filter: /\/validation\/ajv-provider\.js$/ }, (args) =>
      args.importer.includes('@modelcontextprotocol') ? { path: 'ajv-provider', namespace: 'without-ajv' } : undefined,
    );
    build.onLoad({ filter: /.*/, namespace: 'without-ajv' }, () => ({
      contents: "exports.AjvJsonSchemaValidator = class { constructor() { throw new Error('ajv is left out of this bundle: pass jsonSchemaValidator'); } };",
      loader: 'js',
    }));
  },
};

// `--docs` (npm run docs): only the reference docs generated from the rule registry. Not part of
// the build, so that the unit test that compares them with the registry can fail in CI.
if (process.argv.includes('--docs')) {
  await generate('generateDocs');
  process.exit(0);
}

// VS Code for the Web: the client in the web extension host and the server in a web worker. No
// Node built-in may reach them; esbuild would quietly stub one that a package's `browser` field
// disables, so the inputs are checked and the build fails on one.
const web = {
  ...common,
  platform: 'browser',
  target: 'es2022',
  banner: {},
  define: { SPEC_DELTA_VERSION: common.define.SPEC_DELTA_VERSION },
  metafile: true,
};
const builds = await Promise.all([
  esbuild.build({ ...common, entryPoints: { client: 'client/src/extension.ts' }, outdir: dist, external: ['vscode'] }),
  esbuild.build({
    ...common,
    entryPoints: {
      server: 'server/src/server.ts',
      cli: 'server/src/cli/main.ts',
      mcp: 'server/src/mcp/main.ts',
    },
    outdir: dist,
    // The CLI's worker threads run dist/cli.js again (server/src/cli/threads.ts), from cli.js and mcp.js
    // alike; the server's analysis thread runs dist/server.js again (server/src/lsp/nodeAnalysisWorker.ts).
    define: { ...common.define, SPEC_DELTA_CLI_BUNDLE: JSON.stringify('cli.js'), SPEC_DELTA_SERVER_BUNDLE: JSON.stringify('server.js') },
    external: ['./mcp.js'],
    plugins: [withoutAjv],
  }),
  esbuild.build({ ...web, format: 'cjs', entryPoints: { client: 'client/src/web/extension.ts' }, outdir: `${dist}/web`, external: ['vscode'] }),
  esbuild.build({
    ...web,
    format: 'iife',
    entryPoints: { server: 'server/src/web/server.ts', analysisWorker: 'server/src/web/analysisWorker.ts' },
    outdir: `${dist}/web`,
  }),
]);
const nodeOnly = builds
  .slice(2)
  .flatMap((b) => Object.keys(b.metafile.inputs))
  .filter((input) => /^(node:|\(disabled\):)/.test(input) || /(^|\/)server\/src\/node\//.test(input));
if (nodeOnly.length > 0) {
  console.error(`The web bundles must not use Node built-ins or the Node adapters; they include: ${nodeOnly.join(', ')}`);
  process.exit(1);
}

// Contributed assets generated from the template definition.
await generate('generateAssets');

if (process.argv.includes('--tests')) {
  const files = [...walk('shared'), ...walk('server/src'), ...walk('client/src'), ...walk('test'), ...walk('bench'), ...walk('scripts')].filter((f) =>
    f.endsWith('.ts'),
  );
  await esbuild.build({
    entryPoints: files,
    outdir: process.argv.find((a) => a.startsWith('--outdir='))?.slice('--outdir='.length) ?? 'out',
    outbase: '.',
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    sourcemap: 'inline',
    logLevel: 'warning',
    define: { SPEC_DELTA_VERSION: common.define.SPEC_DELTA_VERSION },
    // Each file on its own: every import stays an import. Bundling mode only so that the plugin
    // can rewrite `$shared/...` and `$core` (esbuild applies tsconfig paths only when it resolves).
    bundle: true,
    plugins: [fileByFile()],
  });
}

/**
 * For the `--tests` build: leaves every import to Node at run time, except the `$shared/` and `$core`
 * aliases of tsconfig.base.json, which Node does not know: each becomes the relative path to the same file,
 * which out/ keeps in the same place as the sources.
 */
function fileByFile() {
  return {
    name: 'file-by-file',
    setup(build) {
      build.onResolve({ filter: /^\$(shared\/|core$)/ }, (args) => {
        const file = args.path === '$core' ? resolve('server/src/core') : resolve('shared', args.path.slice('$shared/'.length));
        const target = relative(dirname(args.importer), file).replaceAll('\\', '/');
        return { path: target.startsWith('.') ? target : `./${target}`, external: true };
      });
      build.onResolve({ filter: /.*/ }, (args) => (args.kind === 'entry-point' ? undefined : { path: args.path, external: true }));
    },
  };
}

/** Bundles scripts/<script>.ts and runs it on the repository; exits when it fails. */
async function generate(script) {
  await esbuild.build({ ...common, sourcemap: false, minify: false, entryPoints: [`scripts/${script}.ts`], outfile: `out/${script}.js` });
  const generated = spawnSync(process.execPath, [`out/${script}.js`, process.cwd()], { stdio: 'inherit' });
  if (generated.status !== 0) process.exit(generated.status ?? 1);
}

function* walk(dir) {
  let entries;
  try {
    entries = readdirSync(dir);
  } catch {
    return;
  }
  for (const name of entries) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) yield* walk(path);
    else yield path;
  }
}
