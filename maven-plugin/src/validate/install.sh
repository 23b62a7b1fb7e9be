#!/usr/bin/env bash
# Installs the validators with npm into the given folder (under target/), from the committed lock file.
# Peer dependencies (aws-cdk-lib, 200+ MB) are left out: the checks only read the packages' data and binaries.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
dir="$1"
mkdir -p "$dir"
if [ -d "$dir/node_modules" ] && cmp -s "$here/package-lock.json" "$dir/package-lock.json"; then
  exit 0
fi
cp "$here/package.json" "$here/package-lock.json" "$dir/"
cd "$dir"
npm ci --omit=peer --ignore-scripts --no-audit --no-fund
