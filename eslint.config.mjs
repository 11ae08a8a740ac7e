// ESLint (flat config): the recommended rules of ESLint and typescript-eslint, and the layer
// boundaries of ARCHITECTURE.md as `no-restricted-imports` rules, so that an import running the
// wrong way fails `npm run lint` with the reason.
import { builtinModules } from 'node:module';
import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

// Bare names (`fs`) as well as `node:fs`: both reach the same built-in.
const NODE_BUILTINS = builtinModules.filter((name) => !name.startsWith('_'));

/**
 * The core (server/src/core) is a pure language service: no editor, no connection, no file system
 * or other Node built-in. At run time it needs only its own modules, markdown-it, picomatch and
 * the LSP types; type-only imports of the LSP packages are fine (they are erased).
 */
const CORE_RUNTIME_PACKAGES = ['markdown-it', 'picomatch', 'vscode-languageserver-types', 'vscode-languageserver-textdocument'];
const corePaths = [
  { name: 'vscode', message: 'The core never imports the editor API: the client adapts the core to VS Code.' },
  ...NODE_BUILTINS.map((name) => ({ name, message: 'The core imports no Node built-in: the CLI, the server and the tests inject what it needs.' })),
];
const corePatterns = (depth) => [
  { regex: '^node:', message: 'The core imports no Node built-in: the CLI, the server and the tests inject what it needs.' },
  {
    regex: '^vscode-languageserver(/|$)',
    message: 'The core never imports the language-server runtime (a connection): use vscode-languageserver-types.',
  },
  {
    // Any other package (those above have their own message), at run time; `import type` is allowed.
    regex: `^(?!\\.|\\$shared/|node:|vscode(-languageserver)?(/|$)|(${[...CORE_RUNTIME_PACKAGES, ...NODE_BUILTINS].join('|')})$)`,
    allowTypeImports: true,
    message: `At run time the core needs only its own modules and ${CORE_RUNTIME_PACKAGES.join(', ')}.`,
  },
  {
    // A relative path that climbs out of server/src/core from a file `depth` folders below it.
    regex: `^(\\.\\./){${depth + 1}}`,
    message: 'The core imports nothing outside server/src/core (not the server, the CLI or the client).',
  },
  {
    // status.ts answers in the protocol's types (a hidden coupling: ARCHITECTURE.md); erased at run time.
    regex: '^\\$shared/',
    allowTypeImports: true,
    message: "The core may name the protocol's types (import type), never import it at run time.",
  },
];
// One block per folder depth below the core, so that the climb-out pattern counts the right number of `../`.
const coreBlocks = [0, 1, 2, 3].map((depth) => ({
  files: [`server/src/core/${'*/'.repeat(depth)}*.ts`],
  rules: {
    '@typescript-eslint/no-restricted-imports': ['error', { paths: corePaths, patterns: corePatterns(depth) }],
    // no-restricted-imports sees import and export declarations; require() is @typescript-eslint/no-require-imports'.
    'no-restricted-syntax': ['error', { selector: 'ImportExpression', message: 'The core loads no module at run time: import it statically.' }],
  },
}));

// A rule file imports no other rule: what two rules share lives in core/query/, core/fixes.ts or
// core/text.ts, so that a rule can be read, moved or deleted on its own (the registry, rules/index.ts, imports them all).
const rulesBlock = {
  files: ['server/src/core/rules/*.ts'],
  ignores: ['server/src/core/rules/index.ts'],
  rules: {
    '@typescript-eslint/no-restricted-imports': [
      'error',
      {
        paths: corePaths,
        patterns: [
          ...corePatterns(1),
          { regex: '^\\./', message: 'A rule imports no other rule: move what they share to core/query/, core/fixes.ts or core/text.ts.' },
        ],
      },
    ],
  },
};

/**
 * The client reaches the server through the shared protocol (`$shared/protocol`, shared/protocol.ts)
 * and, until the core has one entry point (issue 17), the pure core modules whose values it shows
 * or writes (template, templateText, values, newSpecDeltaText: see ARCHITECTURE.md, "Hidden
 * couplings"). Never the server's runtime, the CLI or the Node adapters: they would be bundled
 * into the extension.
 */
const clientBlock = {
  files: ['client/src/**/*.ts'],
  rules: {
    '@typescript-eslint/no-restricted-imports': [
      'error',
      {
        patterns: [
          {
            // node/newSpecDeltaFile takes its file system as a parameter (only node:path of its own), so
            // New Spec Delta and the MCP server's new_spec_delta create files one way.
            regex: '/server/src/(?!node/newSpecDeltaFile$)',
            message: "The client imports the server only through $shared/protocol and $core (the core's entry point, server/src/core/index.ts).",
          },
          { regex: '(^|/)shared/', message: 'Import the shared protocol by its alias, $shared/protocol, as the server does.' },
          { regex: '^vscode-languageserver(/|$)', message: 'The client speaks to the server through vscode-languageclient, never its runtime.' },
        ],
      },
    ],
  },
};

/** shared/: the messages both sides speak. It stands on the LSP protocol package alone, so that importing it pulls neither side into the other's bundle. */
const sharedBlock = {
  files: ['shared/**/*.ts'],
  rules: {
    '@typescript-eslint/no-restricted-imports': [
      'error',
      {
        patterns: [
          {
            regex: '^(?!vscode-languageserver-protocol$|\\./)',
            message: 'shared/ imports only vscode-languageserver-protocol and its own files: not the server, the core, the client or Node.',
          },
        ],
      },
    ],
  },
};

const noClient = { regex: '(^|/)client/', message: 'The server, the CLI and the Node adapters never import the VS Code client.' };
/** Every layer above the core reaches it through server/src/core/index.ts, so that the core's modules can move or split freely (tests may reach inside). */
const coreEntryOnly = {
  regex: '(^|/)core/.',
  message: 'Import the core through its entry point (server/src/core, i.e. core/index.ts); export what you need there.',
};
/** The server side: the LSP layer, the CLI and the Node adapters under server/src, each kept to its own dependencies. */
const serverBlocks = [
  {
    files: ['server/src/lsp/**/*.ts', 'server/src/server.ts', 'server/src/web/**/*.ts'],
    patterns: [
      noClient,
      coreEntryOnly,
      { regex: '^vscode$', message: 'The server runs in any editor: no VS Code API.' },
      { regex: '(^|/)cli/', message: 'The server does not import the CLI.' },
    ],
  },
  {
    files: ['server/src/cli/**/*.ts'],
    patterns: [
      noClient,
      coreEntryOnly,
      { regex: '^vscode$', message: 'The CLI runs without an editor: no VS Code API.' },
      { regex: '^vscode-languageserver(/|$)', message: 'The CLI runs without a connection: use the core and vscode-languageserver-types.' },
      { regex: '(^|/)lsp/', message: 'The CLI does not import the language server.' },
    ],
  },
  {
    files: ['server/src/mcp/**/*.ts'],
    patterns: [
      noClient,
      coreEntryOnly,
      { regex: '^vscode$', message: 'The MCP server runs without an editor: no VS Code API.' },
      { regex: '^vscode-languageserver(/|$)', message: 'The MCP server runs without an LSP connection: use the core and vscode-languageserver-types.' },
      { regex: '(^|/)lsp/', message: 'The MCP server reuses the CLI and the core, not the language server.' },
    ],
  },
  // The generators of the snippet, the grammar and the reference docs are outside callers too.
  { files: ['scripts/**/*.ts'], patterns: [coreEntryOnly] },
  {
    files: ['server/src/node/**/*.ts'],
    patterns: [
      noClient,
      coreEntryOnly,
      { regex: '^vscode$', message: 'The Node adapters run without an editor: no VS Code API.' },
      { regex: '(^|/)(lsp|cli)/', message: 'The Node adapters serve the server and the CLI; they import neither.' },
    ],
  },
].map(({ files, patterns }) => ({ files, rules: { '@typescript-eslint/no-restricted-imports': ['error', { patterns }] } }));

export default tseslint.config(
  { ignores: ['node_modules/', 'dist/', 'out/', '.cache/', '.vscode-test/', '.test-output/', 'test/e2e/fixtures/', '**/*.d.ts'] },
  js.configs.recommended,
  {
    files: ['**/*.ts'],
    extends: [tseslint.configs.recommended],
    rules: {
      // `_`-prefixed parameters are kept for a signature's sake (tsc's noUnusedParameters agrees).
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
      'no-restricted-imports': 'off',
    },
  },
  {
    files: ['**/*.{js,mjs,cjs}'],
    languageOptions: { globals: { ...globals.node } },
    rules: { 'no-unused-vars': ['error', { argsIgnorePattern: '^_', caughtErrors: 'none' }] },
  },
  { files: ['bin/*.js'], languageOptions: { sourceType: 'commonjs' } },
  // The end-to-end checks pass functions to the browser page (page.evaluate).
  { files: ['test/e2e/**/*.mjs', 'test/web/**/*.mjs'], languageOptions: { globals: { ...globals.node, ...globals.browser } } },
  ...coreBlocks,
  rulesBlock,
  clientBlock,
  sharedBlock,
  ...serverBlocks,
);
