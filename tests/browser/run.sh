#!/usr/bin/env bash
# Runs the real-browser tests against an already built playground:
#   tests/browser/run.sh [DIST_DIR]      (or LAYERLAB_DIST=DIST_DIR)
# Installs the pinned npm dependencies first when node_modules is missing or older than
# package-lock.json.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
dist="${1:-${LAYERLAB_DIST:-$here/../../dist}}"
export LAYERLAB_DIST="$(cd "$dist" && pwd)"
cd "$here"
marker=node_modules/.package-lock.json
if [ ! -f "$marker" ] || [ package-lock.json -nt "$marker" ]; then
  npm ci --no-audit --no-fund --silent
fi
exec node --test --test-concurrency=1 ./*.test.mjs
