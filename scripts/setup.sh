#!/usr/bin/env bash
# Installs what layerlab's build and tests need, skipping whatever is already present.
# Sourced by scripts/serve and scripts/test; safe to run again (a second run is fast).
# Everything comes from package registries: crates.io, Debian, npm.
set -euo pipefail

TRUNK_VERSION=0.21.14
BINARYEN_VERSION=132
TOOLS_DIR="${LAYERLAB_TOOLS:-$HOME/.cache/layerlab-tools}"
REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"

log() { printf '[setup] %s\n' "$*" >&2; }

# Runs a command as root (directly, or through sudo when not root).
as_root() {
  if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi
}

# The wasm-bindgen version Cargo.lock pins; the CLI must match it exactly.
wasm_bindgen_version() {
  awk '/^name = "wasm-bindgen"$/ { getline; gsub(/"/, "", $3); print $3; exit }' "$REPO_ROOT/Cargo.lock"
}

ensure_apt() {
  local missing=()
  for pkg in "$@"; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q 'install ok installed' || missing+=("$pkg")
  done
  if [ ${#missing[@]} -gt 0 ]; then
    log "installing Debian packages: ${missing[*]}"
    as_root apt-get update -qq
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
  fi
}

ensure_wasm_target() {
  if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
    log "adding the wasm32-unknown-unknown target"
    rustup target add wasm32-unknown-unknown
  fi
}

ensure_trunk() {
  if ! trunk --version 2>/dev/null | grep -q " $TRUNK_VERSION\$"; then
    log "installing trunk $TRUNK_VERSION"
    cargo install --locked "trunk@$TRUNK_VERSION"
  fi
}

ensure_wasm_bindgen() {
  local v; v="$(wasm_bindgen_version)"
  if ! wasm-bindgen --version 2>/dev/null | grep -q " $v\$"; then
    log "installing wasm-bindgen-cli $v"
    # Not --locked: the lock file of wasm-bindgen-cli pins a crate the registry no longer has.
    cargo install --force "wasm-bindgen-cli@$v"
  fi
}

ensure_wasm_opt() {
  if ! "$TOOLS_DIR/node_modules/.bin/wasm-opt" --version 2>/dev/null | grep -q "version_$BINARYEN_VERSION"; then
    ensure_apt nodejs npm
    log "installing binaryen@$BINARYEN_VERSION (wasm-opt) from npm"
    mkdir -p "$TOOLS_DIR"
    (cd "$TOOLS_DIR" && npm install --silent --no-audit --no-fund "binaryen@$BINARYEN_VERSION" >/dev/null)
  fi
  export PATH="$TOOLS_DIR/node_modules/.bin:$PATH"
}

# The toolchain for building the playground.
setup_web() {
  export PATH="$HOME/.cargo/bin:$PATH"
  ensure_wasm_target
  ensure_trunk
  ensure_wasm_bindgen
  ensure_wasm_opt
}

# Everything the full test suite needs: the web toolchain, a browser, and the
# reference tools layerlab's output is checked against.
setup_test() {
  setup_web
  ensure_apt chromium chromium-driver skopeo umoci busybox-static buildah
}
