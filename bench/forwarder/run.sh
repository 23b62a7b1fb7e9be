#!/usr/bin/env bash
# Forwarder: (1) JMH, ~1 MiB subscription event -> gzipped vendor bodies per vendor vs the floor (CPU path);
# (1b) the same path in process CPU time, floor and vendors interleaved per round (robust on a shared machine);
# (2) warm end to end: the packaged handler in a child JVM, the batch again and again against the fake intake;
# (3) fresh child JVMs on the unpacked Lambda zip: cold start, peak heap (-Xmx128m), smallest heap that works.
# Needs the product built first (forwarder/target/medplum-logs-forwarder-*-lambda.zip, and installed into REPO, a
# private local repository: see bench/README.md). Knobs: JMH_ARGS, ROUNDS/RUNS/WARMUP (warm), WARM_JIT="deployed default",
# SKIP_HARNESS=1, HEAP_ONLY=1.
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
"${PIN[@]}" java -Xmx1g -XX:+UseSerialGC -cp "$CP" io.medplumlogs.bench.forwarder.ForwarderCpuRatio "$OUT" \
  | tee "$OUT/cpu-ratio.txt"
for jit in ${WARM_JIT:-deployed default}; do
  JIT=$jit java -cp "$CP" io.medplumlogs.bench.forwarder.ForwarderWarm "$OUT/zip" "$BENCH/jmh/target/classes" "$OUT" \
    | tee "$OUT/warm-$jit.txt"
done
if [ "${SKIP_HARNESS:-0}" != 1 ]; then  # HEAP_ONLY=1: peak heap only (no cold starts)
  java -cp "$CP" io.medplumlogs.bench.forwarder.ForwarderHarness "$OUT/zip" "$BENCH/jmh/target/classes" "$OUT" \
    | tee "$OUT/harness.txt"
fi
python3 "$BENCH/forwarder/analyze.py" "$OUT" | tee "$OUT/summary.txt"
