#!/usr/bin/env bash
# Installs what layerlab's build and tests need, skipping whatever is already present.
# Sourced by scripts/serve and scripts/test; safe to run again (a second run is fast).
# Everything comes from package registries: crates.io, Debian, npm.
#
# Every step checks for the *command* it needs (not a package name): a machine whose
# `node` already bundles `npm` installs nothing for npm. A package is installed only for
# a command that is missing, and a failed install names the command and what it tried.
set -euo pipefail

TRUNK_VERSION=0.21.14
BINARYEN_VERSION=132
TOOLS_DIR="${LAYERLAB_TOOLS:-$HOME/.cache/layerlab-tools}"
REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"

log() { printf '[setup] %s\n' "$*" >&2; }
die() { printf '[setup] error: %s\n' "$*" >&2; exit 1; }

# Runs a command as root (directly, or through sudo when not root).
as_root() {
  if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi
}

# The wasm-bindgen version Cargo.lock pins; the CLI must match it exactly.
wasm_bindgen_version() {
  awk '/^name = "wasm-bindgen"$/ { getline; gsub(/"/, "", $3); print $3; exit }' "$REPO_ROOT/Cargo.lock"
}

APT_UPDATED=""
# apt_install CMD PKG...: installs Debian packages because command CMD is missing.
apt_install() {
  local cmd="$1"; shift
  log "'$cmd' is missing: installing Debian packages: $*"
  if [ -z "$APT_UPDATED" ]; then
    as_root apt-get update -qq || die "'$cmd' is missing and 'apt-get update' failed"
    APT_UPDATED=1
  fi
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null \
    || die "'$cmd' is missing and 'apt-get install $*' failed"
}

# ensure_cmd CMD PKG...: makes sure command CMD exists, installing PKG... when it does not.
ensure_cmd() {
  local cmd="$1"; shift
  command -v "$cmd" >/dev/null 2>&1 && return 0
  apt_install "$cmd" "$@"
  command -v "$cmd" >/dev/null 2>&1 || die "'$cmd' is still missing after installing: $*"
}

ensure_wasm_target() {
  if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
    log "adding the wasm32-unknown-unknown target"
    rustup target add wasm32-unknown-unknown || die "'rustup target add wasm32-unknown-unknown' failed"
  fi
}

# rustfmt and clippy for the test command's formatting and lint gates.
ensure_rust_components() {
  local cmd comp
  for cmd in fmt:rustfmt clippy:clippy; do
    comp="${cmd#*:}"; cmd="${cmd%%:*}"
    if ! cargo "$cmd" --version >/dev/null 2>&1; then
      log "'cargo $cmd' is missing: rustup component add $comp"
      rustup component add "$comp" || die "'cargo $cmd' is missing and 'rustup component add $comp' failed"
    fi
  done
}

ensure_trunk() {
  if ! trunk --version 2>/dev/null | grep -q " $TRUNK_VERSION\$"; then
    log "'trunk' $TRUNK_VERSION is missing: cargo install --locked trunk@$TRUNK_VERSION"
    cargo install --locked "trunk@$TRUNK_VERSION" || die "'trunk' is missing and 'cargo install trunk@$TRUNK_VERSION' failed"
  fi
}

ensure_wasm_bindgen() {
  local v; v="$(wasm_bindgen_version)"
  if ! wasm-bindgen --version 2>/dev/null | grep -q " $v\$"; then
    log "'wasm-bindgen' $v is missing: cargo install wasm-bindgen-cli@$v"
    # Not --locked: the lock file of wasm-bindgen-cli pins a crate the registry no longer has.
    cargo install --force "wasm-bindgen-cli@$v" || die "'wasm-bindgen' is missing and 'cargo install wasm-bindgen-cli@$v' failed"
  fi
}

# node and npm: Debian's `nodejs`, and Debian's `npm` only where node does not bundle it.
ensure_node() {
  ensure_cmd node nodejs
  ensure_cmd npm npm
}

ensure_wasm_opt() {
  if ! "$TOOLS_DIR/node_modules/.bin/wasm-opt" --version 2>/dev/null | grep -q "version_$BINARYEN_VERSION"; then
    ensure_node
    log "'wasm-opt' version_$BINARYEN_VERSION is missing: npm install binaryen@$BINARYEN_VERSION in $TOOLS_DIR"
    mkdir -p "$TOOLS_DIR"
    (cd "$TOOLS_DIR" && npm install --silent --no-audit --no-fund "binaryen@$BINARYEN_VERSION" >/dev/null) \
      || die "'wasm-opt' is missing and 'npm install binaryen@$BINARYEN_VERSION' failed"
  fi
  export PATH="$TOOLS_DIR/node_modules/.bin:$PATH"
  wasm-opt --version 2>/dev/null | grep -q "version_$BINARYEN_VERSION" \
    || die "'wasm-opt' on PATH is not version_$BINARYEN_VERSION"
}

# The browser and its driver for the wasm and page tests.
ensure_browser() {
  ensure_cmd chromium chromium
  ensure_cmd chromedriver chromium-driver
}

# The reference tools layerlab's output is checked against.
ensure_reference_tools() {
  ensure_cmd skopeo skopeo
  ensure_cmd umoci umoci
  ensure_cmd buildah buildah
  # The differential tests run Debian's static busybox at this path.
  if [ ! -x /usr/bin/busybox ]; then apt_install busybox busybox-static; fi
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
  ensure_rust_components
  ensure_browser
  ensure_reference_tools
}
