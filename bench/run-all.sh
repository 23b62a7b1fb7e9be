#!/usr/bin/env bash
# All benchmarks, in order; each merges its keys into bench/results.json and keeps raw output under bench/target/.
# Build the product first:
#   mvn -B -ntp -q install -DskipTests -pl contract,runtime,deployment,forwarder -am
set -euo pipefail
BENCH="$(cd "$(dirname "$0")" && pwd)"
"$BENCH/http/run.sh"
"$BENCH/formatter/run.sh"
"$BENCH/forwarder/run.sh"
"$BENCH/peers/run.sh"       # needs the peers' code: see bench/README.md "4. Peers"
cat "$BENCH/results.json"
