#!/usr/bin/env bash
# Formatter: JMH, our JsonLineFormatter vs quarkus-logging-json's JsonFormatter (default settings), same records.
# Env: JMH_ARGS (extra JMH options), SKIP_BUILD=1, MAVEN_REPO_LOCAL (private local repository with the product).
set -euo pipefail
BENCH="$(cd "$(dirname "$0")/.." && pwd)"
OUT="$BENCH/target/formatter"
rm -rf "$OUT"; mkdir -p "$OUT"
CP="$("$BENCH/lib/jmh-build.sh")"
PIN=(); if command -v taskset >/dev/null && [ "$(nproc)" -ge 2 ]; then PIN=(taskset -c 1); fi
java -cp "$CP" io.medplumlogs.bench.formatter.SampleLines >"$OUT/sizes.json" 2>"$OUT/sample-lines.txt"
"${PIN[@]}" java -cp "$CP" org.openjdk.jmh.Main 'FormatterBenchmark' -rf json -rff "$OUT/jmh.json" \
  ${JMH_ARGS:-} | tee "$OUT/jmh.txt"
BENCH_COMMAND="${BENCH_COMMAND:-MAVEN_REPO_LOCAL=${MAVEN_REPO_LOCAL:-} JMH_ARGS=\"${JMH_ARGS:-}\" bench/formatter/run.sh}" \
  python3 "$BENCH/formatter/analyze.py" "$OUT" | tee "$OUT/summary.txt"
