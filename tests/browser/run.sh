#!/usr/bin/env bash
# Runs the real-browser tests against an already built playground:
#   tests/browser/run.sh [DIST_DIR]      (or LAYERLAB_DIST=DIST_DIR)
# Installs the pinned npm dependencies first when node_modules is missing or older than
# package-lock.json, and builds the native CLI (for the terminal-vs-CLI test) unless
# LAYERLAB_BIN names one.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
dist="${1:-${LAYERLAB_DIST:-$here/../../dist}}"
export LAYERLAB_DIST="$(cd "$dist" && pwd)"
# The terminal test compares the page with the native CLI: build it unless one is given.
if [ -z "${LAYERLAB_BIN:-}" ]; then
  (cd "$here/../.." && cargo build --quiet --bin layerlab)
  export LAYERLAB_BIN="$(cd "$here/../.." && cargo metadata --format-version 1 --no-deps | python3 -c 'import json,sys; print(json.load(sys.stdin)["target_directory"])')/debug/layerlab"
fi
cd "$here"
marker=node_modules/.package-lock.json
if [ ! -f "$marker" ] || [ package-lock.json -nt "$marker" ]; then
  npm ci --no-audit --no-fund --silent
fi
exec node --test --test-concurrency=1 ./*.test.mjs
