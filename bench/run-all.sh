#!/usr/bin/env bash
# All benchmarks, in order; each merges its keys into bench/results.json and keeps raw output under bench/target/.
# Build the product first:
#   cp -r ~/.m2/repository /tmp/m2-bench   # once: a private repository, never install into ~/.m2
#   mvn -B -ntp -q -Dmaven.repo.local=/tmp/m2-bench install -DskipTests -pl contract,runtime,deployment,forwarder -am
# and run with REPO=/tmp/m2-bench (the scripts resolve the product from there).
set -euo pipefail
BENCH="$(cd "$(dirname "$0")" && pwd)"
"$BENCH/http/run.sh"
"$BENCH/formatter/run.sh"
"$BENCH/forwarder/run.sh"
"$BENCH/peers/run.sh"       # needs the peers' code: see bench/README.md "4. Peers"
cat "$BENCH/results.json"
