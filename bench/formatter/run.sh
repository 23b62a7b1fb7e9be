#!/usr/bin/env bash
# Formatter: JMH, our JsonLineFormatter vs quarkus-logging-json's JsonFormatter (default settings), same records.
set -euo pipefail
BENCH="$(cd "$(dirname "$0")/.." && pwd)"
OUT="$BENCH/target/formatter"
rm -rf "$OUT"; mkdir -p "$OUT"
CP="$("$BENCH/lib/jmh-build.sh")"
PIN=(); if command -v taskset >/dev/null && [ "$(nproc)" -ge 2 ]; then PIN=(taskset -c 1); fi
java -cp "$CP" io.medplumlogs.bench.formatter.SampleLines >"$OUT/sizes.json" 2>"$OUT/sample-lines.txt"
"${PIN[@]}" java -cp "$CP" org.openjdk.jmh.Main 'FormatterBenchmark' -rf json -rff "$OUT/jmh.json" \
  ${JMH_ARGS:-} | tee "$OUT/jmh.txt"
python3 "$BENCH/formatter/analyze.py" "$OUT" | tee "$OUT/summary.txt"
