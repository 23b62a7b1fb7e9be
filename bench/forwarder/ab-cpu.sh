#!/usr/bin/env bash
# CPU per 1 MiB batch, two forwarder builds in one JVM (ForwarderCpuAb): BASELINE=<forwarder jar or classes dir of the
# other build, e.g. main's> [NEW=<default: forwarder/target/classes>] bench/forwarder/ab-cpu.sh. Knobs: ROUNDS,
# ITERATIONS, WARMUP. Prints per build and vendor: process/thread CPU ms per batch and ratio to the floor. Writes no
# results.json key.
set -euo pipefail
BENCH="$(cd "$(dirname "$0")/.." && pwd)"
ROOT="$(cd "$BENCH/.." && pwd)"
CP="$("$BENCH/lib/jmh-build.sh")"
# the parent class path: everything but the forwarder's main classes (each build brings its own)
PARENT="$(echo "$CP" | tr ':' '\n' | grep -v 'medplum-logs-forwarder-[^/]*-SNAPSHOT\.jar$' | paste -sd:)"
exec java -Xmx1g -XX:+UseSerialGC -cp "$PARENT" io.medplumlogs.bench.ab.ForwarderCpuAb "$BENCH/jmh/target/classes" \
  "baseline=${BASELINE:?BASELINE=<forwarder jar or classes dir>}" "new=${NEW:-$ROOT/forwarder/target/classes}"
