#!/usr/bin/env bash
# Forwarder cold start only: fresh child JVMs on the unpacked Lambda zip, rounds of a plain cold start and of the
# SnapStart proxy (primed init + afterRestore hook), interleaved; init, first and second 1 MiB invocation, spawn to
# first batch answered. Writes bench/target/forwarder-cold/cold.json and forwarder_details.cold_start in results.json.
# ZIP=<other lambda zip> measures another build (e.g. a baseline); ROUNDS (default 5); REPO=<private local repo>.
set -euo pipefail
BENCH="$(cd "$(dirname "$0")/.." && pwd)"
ROOT="$(cd "$BENCH/.." && pwd)"
OUT="${OUT:-$BENCH/target/forwarder-cold}"
rm -rf "$OUT"; mkdir -p "$OUT/zip"
ZIP="${ZIP:-$(ls "$ROOT"/forwarder/target/medplum-logs-forwarder-*-lambda.zip | head -1)}"
unzip -q "$ZIP" -d "$OUT/zip"
CP="$("$BENCH/lib/jmh-build.sh")"
java -cp "$CP" io.medplumlogs.bench.forwarder.ColdStartHarness "$OUT/zip" "$BENCH/jmh/target/classes" "$OUT" \
  "${ROUNDS:-5}" | tee "$OUT/harness.txt"
python3 "$BENCH/forwarder/analyze_cold.py" "$OUT" "$ZIP" ${NO_MERGE:+--no-merge} | tee "$OUT/summary.txt"
