#!/usr/bin/env bash
# JFR profile of one HTTP variant under wrk: the app on CPU 1, wrk on CPU 0 (as run.sh), execution samples every
# 1 ms (JFR's "profile" settings sample every 10 ms), recorded after a warm-up so that the JIT has settled; then
# bench/lib/jfr_summary.py prints the top frames by self time and the inclusive share of the extension's methods.
# Usage: bench/http/profile.sh <variant: bare|ext|builtin> [path, default /api/ping]
# Env: WARMUP_SECONDS (90), RECORD_SECONDS (30), CONNECTIONS (16), APP (quarkus-app folder, default the variant's
# build), PATTERN (regex of methods to show inclusively, default the extension's and Vert.x' header code).
set -euo pipefail
BENCH="$(cd "$(dirname "$0")/.." && pwd)"
VARIANT="${1:?variant: bare, ext or builtin}"
URL_PATH="${2:-/api/ping}"
APP="${APP:-$BENCH/http/$VARIANT/target/quarkus-app}"
OUT="$BENCH/target/profile"; mkdir -p "$OUT"
PORT=18199
JFC="$OUT/1ms.jfc"
sed '/<event name="jdk.ExecutionSample">/,/<\/event>/ s/[0-9]\+ ms/1 ms/' \
  "$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")/lib/jfr/profile.jfc" >"$JFC"
PIN_APP=(); PIN_WRK=()
if command -v taskset >/dev/null && [ "$(nproc)" -ge 2 ]; then PIN_APP=(taskset -c 1); PIN_WRK=(taskset -c 0); fi
"${PIN_APP[@]}" java -Xms256m -Xmx256m -Dquarkus.http.port=$PORT -jar "$APP/quarkus-run.jar" \
  >"$OUT/$VARIANT.stdout" 2>"$OUT/$VARIANT.stderr" &
PID=$!
trap 'kill $PID 2>/dev/null || true' EXIT
for _ in $(seq 1 120); do curl -sf -o /dev/null "http://127.0.0.1:$PORT$URL_PATH" && break; sleep 0.5; done
"${PIN_WRK[@]}" wrk -t1 -c"${CONNECTIONS:-16}" -d"${WARMUP_SECONDS:-90}s" "http://127.0.0.1:$PORT$URL_PATH" >/dev/null
JFR="$OUT/$VARIANT$(echo "$URL_PATH" | tr '/?' '__').jfr"
jcmd $PID JFR.start name=bench settings="$JFC" filename="$JFR" >/dev/null
"${PIN_WRK[@]}" wrk -t1 -c"${CONNECTIONS:-16}" -d"${RECORD_SECONDS:-30}s" "http://127.0.0.1:$PORT$URL_PATH" \
  | grep -E 'Requests/sec|requests in'
jcmd $PID JFR.stop name=bench >/dev/null
python3 "$BENCH/lib/jfr_summary.py" "$JFR" \
  "${PATTERN:-medplumlogs|encodeHeaders|AsciiString.hashCode|HeadersMultiMap.get0|jboss.logmanager.Logger.log$}"
