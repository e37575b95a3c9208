#!/usr/bin/env bash
# Installs code-server (a real VS Code in the browser) into a project-local
# prefix for the end-to-end tests, plus the Debian packages the tests need
# (chromium, ripgrep, and libkrb5-dev to build the kerberos native module).
#
# code-server's own npm postinstall downloads things from GitHub, which this
# environment cannot reach, so we replicate its non-download parts by hand:
#   1. npm install --ignore-scripts code-server@VERSION into $PREFIX
#   2. npm install --ignore-scripts --omit=dev in lib/vscode and lib/vscode/extensions
#      (what postinstall.sh's vscode_install does, minus the install scripts)
#   3. build the native modules with node-gyp against the local Node headers
#   4. link Debian's /usr/bin/rg where @vscode/ripgrep would have downloaded it
#   5. symlink node_modules.asar -> node_modules and the bin helper scripts
#
# Idempotent: a stamp file records a finished install; re-runs only check it
# (and the Debian packages) and exit within a second or so.
#
# Usage: scripts/install-code-server.sh [--force]
# Env:   CODE_SERVER_VERSION (default 4.100.3)
#        CODE_SERVER_PREFIX  (default <repo>/.code-server)
#        SKIP_APT=1          do not apt-get install anything
# Prints nothing on stdout but progress; the binary ends up at
#   $CODE_SERVER_PREFIX/node_modules/.bin/code-server
set -euo pipefail

VERSION="${CODE_SERVER_VERSION:-4.100.3}"
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
PREFIX="${CODE_SERVER_PREFIX:-$ROOT/.code-server}"
PKG="$PREFIX/node_modules/code-server"
VSCODE="$PKG/lib/vscode"
STAMP="$PREFIX/.installed-$VERSION"
FORCE=0
[ "${1:-}" = "--force" ] && FORCE=1

log() { printf '[install-code-server] %s\n' "$*" >&2; }
t0=$(date +%s)

# ---------------------------------------------------------------- apt packages
apt_missing=()
have_cmd() { command -v "$1" >/dev/null 2>&1; }
have_deb() { dpkg -s "$1" >/dev/null 2>&1; }
[ -x /usr/bin/chromium ] || apt_missing+=(chromium)
have_cmd rg || apt_missing+=(ripgrep)
have_deb libkrb5-dev || apt_missing+=(libkrb5-dev)
have_cmd make || apt_missing+=(make)
have_cmd g++ || apt_missing+=(g++)
have_cmd python3 || apt_missing+=(python3)
if [ "${#apt_missing[@]}" -gt 0 ]; then
  if [ "${SKIP_APT:-0}" = 1 ]; then
    log "missing Debian packages (SKIP_APT=1, not installing): ${apt_missing[*]}"
  else
    log "apt-get install ${apt_missing[*]}"
    SUDO=""
    [ "$(id -u)" = 0 ] || SUDO="sudo"
    export DEBIAN_FRONTEND=noninteractive
    mkdir -p "$PREFIX"
    { $SUDO apt-get update -qq && $SUDO apt-get install -y -qq --no-install-recommends "${apt_missing[@]}"; } \
      >"$PREFIX/apt.log" 2>&1 || { tail -30 "$PREFIX/apt.log" >&2; log "apt-get failed"; exit 1; }
  fi
fi

# ------------------------------------------------------------------ fast path
if [ "$FORCE" = 0 ] && [ -f "$STAMP" ] && [ -x "$PREFIX/node_modules/.bin/code-server" ] \
   && [ -e "$VSCODE/node_modules.asar" ]; then
  log "code-server $VERSION already installed in $PREFIX ($(( $(date +%s) - t0 ))s)"
  exit 0
fi
rm -f "$PREFIX"/.installed-*

# --------------------------------------------------------- 1. the npm package
log "npm install code-server@$VERSION --ignore-scripts into $PREFIX"
mkdir -p "$PREFIX"
[ -f "$PREFIX/package.json" ] || printf '{ "private": true }\n' >"$PREFIX/package.json"
(cd "$PREFIX" && npm install --ignore-scripts --no-audit --no-fund --loglevel=error \
  "code-server@$VERSION" >&2)

# ------------------------------------------- 2. lib/vscode and its extensions
# (npm ci refuses: the shipped npm-shrinkwrap.json is slightly out of sync.)
log "npm install --ignore-scripts --omit=dev in lib/vscode"
(cd "$VSCODE" && npm install --ignore-scripts --omit=dev --no-audit --no-fund --loglevel=error >&2)
log "npm install --ignore-scripts --omit=dev in lib/vscode/extensions"
(cd "$VSCODE/extensions" && npm install --ignore-scripts --omit=dev --no-audit --no-fund --loglevel=error >&2 \
  && node ./postinstall.mjs >/dev/null)

# ------------------------------------------------------- 3. native modules
NODE_GYP="$(dirname "$(readlink -f "$(command -v npm)")")/../node_modules/node-gyp/bin/node-gyp.js"
[ -f "$NODE_GYP" ] || NODE_GYP="$(npm root -g)/npm/node_modules/node-gyp/bin/node-gyp.js"
# node-gyp must build against local headers (it cannot download them here):
# npm's configured nodedir, else the prefix of the running node if it ships headers.
NODEDIR="$(npm config get nodedir 2>/dev/null || true)"
if [ -z "$NODEDIR" ] || [ "$NODEDIR" = "undefined" ] || [ ! -f "$NODEDIR/include/node/node.h" ]; then
  NODEDIR="$(dirname "$(dirname "$(readlink -f "$(command -v node)")")")"
fi
gyp_args=()
if [ -f "$NODEDIR/include/node/node.h" ]; then
  gyp_args+=(--nodedir="$NODEDIR")
else
  log "warning: no local Node headers found; node-gyp will try to download them"
fi
export JOBS=max
export npm_config_node_gyp="$NODE_GYP"

resolve_pkg() { # from-dir package -> directory of the package as node resolves it
  node -e 'const p=require("path");console.log(p.dirname(require.resolve(process.argv[2]+"/package.json",{paths:[process.argv[1]]})))' "$1" "$2"
}

build_gyp() { # dir
  log "node-gyp rebuild ${1#"$PREFIX"/}"
  (cd "$1" && node "$NODE_GYP" rebuild "${gyp_args[@]}" --loglevel=error >"$PREFIX/build-$(basename "$1").log" 2>&1) \
    || { cat "$PREFIX/build-$(basename "$1").log" >&2; log "FAILED to build $1"; exit 1; }
}

# argon2 (code-server's password hashing) uses node-pre-gyp; `rebuild` builds
# from source and puts the .node where argon2's package.json "binary" expects it.
log "node-pre-gyp rebuild argon2"
ARGON2="$(resolve_pkg "$PKG" argon2)"
PRE_GYP="$(resolve_pkg "$ARGON2" @mapbox/node-pre-gyp)/bin/node-pre-gyp"
(cd "$ARGON2" && node "$PRE_GYP" rebuild "${gyp_args[@]}" \
  >"$PREFIX/build-argon2.log" 2>&1) \
  || { cat "$PREFIX/build-argon2.log" >&2; log "FAILED to build argon2"; exit 1; }

for m in node-pty kerberos @vscode/spdlog native-watchdog @parcel/watcher; do
  build_gyp "$(resolve_pkg "$VSCODE" "$m")"
done

# ----------------------------------------------------------- 4. ripgrep
RG_DIR="$VSCODE/node_modules/@vscode/ripgrep/bin"
mkdir -p "$RG_DIR"
ln -sfn "$(command -v rg || echo /usr/bin/rg)" "$RG_DIR/rg"

# ------------------------------------------- 5. the symlinks postinstall.sh makes
ln -sfn node_modules "$VSCODE/node_modules.asar"
(cd "$VSCODE/bin/remote-cli" && ln -sfn code-linux.sh code-server)
(cd "$VSCODE/bin/helpers" && ln -sfn browser-linux.sh browser.sh)

# ---------------------------------------------------------------- verify
log "verifying native modules load"
(cd "$VSCODE" && node --input-type=module -e '
import { createRequire } from "node:module";
const require = createRequire(process.cwd() + "/");
for (const m of ["node-pty", "kerberos", "@vscode/spdlog", "native-watchdog", "@parcel/watcher"]) require(m);
') >&2
(cd "$PKG" && node -e 'require("argon2")') >&2
XDG_CONFIG_HOME="$PREFIX/.config" XDG_DATA_HOME="$PREFIX/.local" "$PREFIX/node_modules/.bin/code-server" --version >&2

date -u +%FT%TZ >"$STAMP"
log "done in $(( $(date +%s) - t0 ))s; binary: $PREFIX/node_modules/.bin/code-server"
