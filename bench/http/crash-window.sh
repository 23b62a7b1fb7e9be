#!/usr/bin/env bash
# Crash window of the background console writer: the (b) ext app under load on /api/chatty (five app lines and one
# Request served line per request), then SIGKILL; for comparison SIGTERM, and SIGKILL with the writer off. The app
# keeps the number of app lines whose log call returned in a memory-mapped file (kept by the kernel after SIGKILL);
# lost = that count - the app lines on stdout.
# Env: RUNS (per case, default 3), LOAD_SECONDS (default 5), CONNECTIONS (16), SKIP_BUILD=1, MAVEN_REPO_LOCAL.
set -euo pipefail
BENCH="$(cd "$(dirname "$0")/.." && pwd)"
OUT="$BENCH/target/crash-window"
RUNS="${RUNS:-3}"
LOAD_SECONDS="${LOAD_SECONDS:-5}"
CONNECTIONS="${CONNECTIONS:-16}"
PORT=18090
source "$BENCH/lib/wrk.sh"
source "$BENCH/lib/maven.sh"
JAR="$BENCH/http/ext/target/quarkus-app/quarkus-run.jar"
if [ "${SKIP_BUILD:-0}" != 1 ] || [ ! -f "$JAR" ]; then
  mvn "${MVN_ARGS[@]}" -f "$BENCH/http/pom.xml" package -DskipTests
fi
rm -rf "$OUT"; mkdir -p "$OUT"
APP=""; LOAD=""
cleanup() { for p in $APP $LOAD; do kill -9 "$p" 2>/dev/null || true; done; }
trap cleanup EXIT

declare -A SIGNAL=([kill]=KILL [term]=TERM [kill-sync]=KILL)
declare -A OPTS=([kill]="" [term]="" [kill-sync]="-Dquarkus.medplum-logs.console-writer.background=false")
for run in $(seq 1 "$RUNS"); do
  for case in kill term kill-sync; do
    name="$case-$run"
    java -Xms256m -Xmx256m ${OPTS[$case]} -Dbench.app-lines="$OUT/$name.count" -Dquarkus.http.port=$PORT \
      -jar "$JAR" >"$OUT/$name.stdout" 2>"$OUT/$name.stderr" &
    APP=$!
    for i in $(seq 1 120); do curl -sf -o /dev/null "http://127.0.0.1:$PORT/api/ping" && break; sleep 0.5; done
    wrk -t1 -c"$CONNECTIONS" -d"$((LOAD_SECONDS + 30))s" "http://127.0.0.1:$PORT/api/chatty" >"$OUT/$name.wrk" 2>&1 &
    LOAD=$!
    sleep "$LOAD_SECONDS"
    kill -"${SIGNAL[$case]}" "$APP"
    wait "$APP" 2>/dev/null || true
    kill "$LOAD" 2>/dev/null || true; wait "$LOAD" 2>/dev/null || true
    APP=""; LOAD=""
    echo "$name: loadavg $(cut -d' ' -f1 /proc/loadavg)" | tee "$OUT/$name.load"
  done
done
BENCH_COMMAND="${BENCH_COMMAND:-MAVEN_REPO_LOCAL=${MAVEN_REPO_LOCAL:-} RUNS=$RUNS LOAD_SECONDS=$LOAD_SECONDS bench/http/crash-window.sh}" \
  python3 "$BENCH/http/crash_window.py" "$OUT" "$LOAD_SECONDS" | tee "$OUT/summary.txt"
