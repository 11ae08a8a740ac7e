// Run in a fresh process by bench/extension.mjs: loads an extension folder's dist/client.js with
// the `vscode` stand-in and times activate() until its promise settles, which includes starting
// the real language server (Node IPC) and the LSP initialize handshake. Prints one JSON line.
'use strict';
const Module = require('node:module');
const path = require('node:path');

const extensionPath = path.resolve(process.argv[2]);
const stub = path.join(__dirname, 'vscodeStub.cjs');
const resolve = Module._resolveFilename;
Module._resolveFilename = function (request, ...rest) {
  return request === 'vscode' ? stub : resolve.call(this, request, ...rest);
};

const vscode = require(stub);
const context = {
  subscriptions: [],
  extensionPath,
  extensionUri: vscode.Uri.file(extensionPath),
  extension: { id: 'spec-delta.spec-delta' },
  asAbsolutePath: (relative) => path.join(extensionPath, relative),
  globalState: { get: () => undefined, update: async () => {}, keys: () => [] },
  workspaceState: { get: () => undefined, update: async () => {}, keys: () => [] },
};

(async () => {
  const start = performance.now();
  const extension = require(path.join(extensionPath, 'dist/client.js'));
  const loaded = performance.now();
  await extension.activate(context);
  const activated = performance.now();
  await extension.deactivate();
  for (const d of context.subscriptions) d.dispose?.();
  console.log(JSON.stringify({ loadMs: loaded - start, activateMs: activated - loaded, totalMs: activated - start }));
  process.exit(0);
})().catch((error) => {
  console.error(error?.stack ?? String(error));
  process.exit(1);
});
