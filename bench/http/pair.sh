#!/usr/bin/env bash
# A quick paired comparison of two app builds (or one build with two sets of JVM options) on one endpoint: both
# servers on CPU 1, wrk on CPU 0, each JIT-warmed alone, then ROUNDS alternating runs (order swapped per round).
# Prints per run req/s and the app's CPU per request (its process' user + system time over the run ÷ requests), which
# is what the extension adds to a request and is less sensitive to other load on the machine than req/s.
# Usage: bench/http/pair.sh <quarkus-app dir A> <quarkus-app dir B> [path, default /api/ping]
#        env: A_OPTS / B_OPTS (extra JVM options, e.g. B_OPTS=-Dquarkus.medplum-logs.audit.enabled=false to see what
#        one part of the per-request work costs), WARMUP_SECONDS (40), ROUNDS (4), DURATION (8, seconds)
# Not a results.json key: for "what does this part cost" and before/after checks; the headline numbers come from
# run.sh (and ab.sh) with their longer warm-up and more rounds.
set -euo pipefail
BENCH="$(cd "$(dirname "$0")/.." && pwd)"
source "$BENCH/lib/wrk.sh"
A="${1:?quarkus-app dir A}"; B="${2:?quarkus-app dir B}"; URL_PATH="${3:-/api/ping}"
WARMUP="${WARMUP_SECONDS:-40}"; ROUNDS="${ROUNDS:-4}"; DURATION="${DURATION:-8}"
OUT="$BENCH/target/http-pair"; mkdir -p "$OUT"
PIN_APP=(); PIN_WRK=()
if command -v taskset >/dev/null && [ "$(nproc)" -ge 2 ]; then PIN_APP=(taskset -c 1); PIN_WRK=(taskset -c 0); fi
declare -A APP=([a]="$A" [b]="$B") OPTS=([a]="${A_OPTS:-}" [b]="${B_OPTS:-}") PORT=([a]=18101 [b]=18102) PID=()
for v in a b; do
  "${PIN_APP[@]}" java -Xms256m -Xmx256m ${OPTS[$v]} -Dquarkus.http.port="${PORT[$v]}" \
    -jar "${APP[$v]}/quarkus-run.jar" >"$OUT/$v.stdout" 2>"$OUT/$v.stderr" &
  PID[$v]=$!
done
trap 'kill ${PID[a]} ${PID[b]} 2>/dev/null || true; rm -f "$OUT"/*.stdout' EXIT
for v in a b; do
  for _ in $(seq 1 120); do curl -sf -o /dev/null "http://127.0.0.1:${PORT[$v]}$URL_PATH" && break; sleep 0.5; done
done
for v in a b; do "${PIN_WRK[@]}" wrk -t1 -c16 -d"${WARMUP}s" "http://127.0.0.1:${PORT[$v]}$URL_PATH" >/dev/null; done
ticks() { awk '{ print $14 + $15 }' "/proc/$1/stat"; }
for r in $(seq 1 "$ROUNDS"); do
  for v in $([ $((r % 2)) = 1 ] && echo a b || echo b a); do
    t0=$(ticks "${PID[$v]}")
    out=$("${PIN_WRK[@]}" wrk -t1 -c16 -d"${DURATION}s" "http://127.0.0.1:${PORT[$v]}$URL_PATH")
    t1=$(ticks "${PID[$v]}")
    n=$(echo "$out" | awk '/requests in/ { print $1 }'); rps=$(echo "$out" | awk '/Requests\/sec/ { print $2 }')
    echo "round $r $v rps=$rps cpu_us_per_req=$(python3 -c "print(round(($t1 - $t0) * 1e6 / $(getconf CLK_TCK) / $n, 2))") load=$(cut -d' ' -f1 /proc/loadavg)"
  done
done
