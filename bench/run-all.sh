#!/usr/bin/env bash
# All benchmarks, in order; each merges its keys into bench/results.json and keeps raw output under bench/target/.
# Build the product first (see README.md; on a shared machine into a private repository, passed as MAVEN_REPO_LOCAL):
#   mvn -B -ntp -q install -DskipTests -pl contract,runtime,deployment,forwarder -am
set -euo pipefail
BENCH="$(cd "$(dirname "$0")" && pwd)"
"$BENCH/http/run.sh"
SKIP_BUILD=1 "$BENCH/http/crash-window.sh"
"$BENCH/formatter/run.sh"
"$BENCH/forwarder/run.sh"
"$BENCH/peers/run.sh"       # needs the peers' code: see bench/README.md "4. Peers"
cat "$BENCH/results.json"
