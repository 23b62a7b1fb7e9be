#!/usr/bin/env bash
# Forwarder: (1) JMH, ~1 MiB subscription event -> gzipped vendor bodies per vendor vs the floor;
# (2) fresh child JVMs on the unpacked Lambda zip: cold start, peak heap (-Xmx128m), smallest heap that works.
# Needs the product built first (forwarder/target/medplum-logs-forwarder-*-lambda.zip).
set -euo pipefail
BENCH="$(cd "$(dirname "$0")/.." && pwd)"
ROOT="$(cd "$BENCH/.." && pwd)"
OUT="$BENCH/target/forwarder"
rm -rf "$OUT"; mkdir -p "$OUT/zip"
ZIP="$(ls "$ROOT"/forwarder/target/medplum-logs-forwarder-*-lambda.zip | head -1)"
unzip -q "$ZIP" -d "$OUT/zip"
CP="$("$BENCH/lib/jmh-build.sh")"
PIN=(); if command -v taskset >/dev/null && [ "$(nproc)" -ge 2 ]; then PIN=(taskset -c 1); fi
"${PIN[@]}" java -cp "$CP" org.openjdk.jmh.Main 'ForwarderBenchmark' -rf json -rff "$OUT/jmh.json" \
  ${JMH_ARGS:-} | tee "$OUT/jmh.txt"
java -cp "$CP" io.medplumlogs.bench.forwarder.ForwarderHarness "$OUT/zip" "$BENCH/jmh/target/classes" "$OUT" \
  | tee "$OUT/harness.txt"
python3 "$BENCH/forwarder/analyze.py" "$OUT" | tee "$OUT/summary.txt"
