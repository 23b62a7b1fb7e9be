#!/usr/bin/env bash
# HTTP overhead: the same app built (a) bare, (b) with quarkus-medplum-logs, (c) with the built-in access log +
# quarkus-logging-json; driven by wrk on 127.0.0.1, variants interleaved, warm-up round discarded.
# Env: ROUNDS (measured rounds, default 6), DURATION (default 10s), CONNECTIONS (16), SKIP_BUILD=1,
# MAVEN_REPO_LOCAL (a private local repository holding the installed product; default: Maven's own).
set -euo pipefail
BENCH="$(cd "$(dirname "$0")/.." && pwd)"
OUT="$BENCH/target/http"
ROUNDS="${ROUNDS:-6}"
DURATION="${DURATION:-10s}"
CONNECTIONS="${CONNECTIONS:-16}"
VARIANTS=(bare ext builtin)
ENDPOINTS=(fhir rest rest5)
declare -A PATHS=([fhir]=/fhir/R4/Patient/example [rest]=/api/ping [rest5]=/api/chatty)
declare -A PORTS=([bare]=18081 [ext]=18082 [builtin]=18083)

source "$BENCH/lib/wrk.sh"

source "$BENCH/lib/maven.sh"
if [ "${SKIP_BUILD:-0}" != 1 ]; then
  mvn "${MVN_ARGS[@]}" -f "$BENCH/http/pom.xml" package -DskipTests
fi

# 2 cores: servers on CPU 1, wrk on CPU 0 (when taskset exists and there are >= 2 CPUs).
SERVER_PIN=(); WRK_PIN=()
if command -v taskset >/dev/null && [ "$(nproc)" -ge 2 ]; then
  SERVER_PIN=(taskset -c 1); WRK_PIN=(taskset -c 0)
fi
JAVA_OPTS=(${HTTP_JAVA_OPTS:--Xms256m -Xmx256m})

rm -rf "$OUT"; mkdir -p "$OUT"
PIDS=()
cleanup() { for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done; wait 2>/dev/null || true; }
trap cleanup EXIT
for v in "${VARIANTS[@]}"; do
  # stdout to a file, as the awslogs driver on ECS would consume it
  "${SERVER_PIN[@]}" java "${JAVA_OPTS[@]}" -Dquarkus.http.port="${PORTS[$v]}" \
    -jar "$BENCH/http/$v/target/quarkus-app/quarkus-run.jar" >"$OUT/$v.stdout" 2>"$OUT/$v.stderr" &
  PIDS+=($!)
done
for v in "${VARIANTS[@]}"; do
  for i in $(seq 1 120); do
    curl -sf -o /dev/null "http://127.0.0.1:${PORTS[$v]}/api/ping" && break
    sleep 0.5
  done
  curl -sf -o /dev/null "http://127.0.0.1:${PORTS[$v]}/fhir/R4/Patient/example" || { echo "$v did not start"; exit 1; }
done

cat >"$OUT/meta.json" <<JSON
{"rounds_measured": $ROUNDS, "duration": "$DURATION", "connections": $CONNECTIONS, "wrk_threads": 1,
 "server_cpu": "${SERVER_PIN[*]:-unpinned}", "wrk_cpu": "${WRK_PIN[*]:-unpinned}", "java_opts": "${JAVA_OPTS[*]}",
 "endpoints": {"fhir": "${PATHS[fhir]}", "rest": "${PATHS[rest]}", "rest5": "${PATHS[rest5]}"}}
JSON

for round in $(seq 0 "$ROUNDS"); do
  # rotate the order every round so no variant always runs first/last
  order=("${VARIANTS[@]:$((round % 3))}" "${VARIANTS[@]:0:$((round % 3))}")
  for v in "${order[@]}"; do
    for e in "${ENDPOINTS[@]}"; do
      url="http://127.0.0.1:${PORTS[$v]}${PATHS[$e]}"
      echo "round $round ($([ "$round" = 0 ] && echo warm-up || echo measured)): $v $e"
      "${WRK_PIN[@]}" wrk -t1 -c"$CONNECTIONS" -d"$DURATION" --latency "$url" >"$OUT/r$round-$v-$e.txt"
      echo "loadavg: $(cat /proc/loadavg)" >>"$OUT/r$round-$v-$e.txt"
      sleep 1
    done
  done
done
cleanup; PIDS=()
for v in "${VARIANTS[@]}"; do
  echo "$v stdout: $(wc -l <"$OUT/$v.stdout") lines, $(du -h "$OUT/$v.stdout" | cut -f1)"
  tail -n 2 "$OUT/$v.stdout" | cut -c1-400
done | tee "$OUT/stdout-summary.txt"
BENCH_COMMAND="${BENCH_COMMAND:-MAVEN_REPO_LOCAL=${MAVEN_REPO_LOCAL:-} ROUNDS=$ROUNDS DURATION=$DURATION CONNECTIONS=$CONNECTIONS bench/http/run.sh}" \
  python3 "$BENCH/http/analyze.py" "$OUT" | tee "$OUT/summary.txt"
