#!/usr/bin/env bash
# HTTP overhead: the same app built (a) bare, (b) with quarkus-medplum-logs, (c) with the built-in access log +
# quarkus-logging-json; driven by wrk on 127.0.0.1, variants interleaved, warm-up round discarded.
# Env: ROUNDS (measured rounds, default 6), DURATION (default 10s), CONNECTIONS (16), WARMUP_SECONDS (JIT warm-up per
# variant before round 0, default 150, see bench/lib/http-apps.sh), SKIP_BUILD=1,
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

source "$BENCH/lib/http-apps.sh"

cat >"$OUT/meta.json" <<JSON
{"rounds_measured": $ROUNDS, "duration": "$DURATION", "connections": $CONNECTIONS, "wrk_threads": 1,
 "jit_warmup_seconds_per_variant": ${WARMUP_SECONDS:-150},
 "server_cpu": "${SERVER_PIN[*]:-unpinned}", "wrk_cpu": "${WRK_PIN[*]:-unpinned}", "java_opts": "${JAVA_OPTS[*]}",
 "endpoints": {"fhir": "${PATHS[fhir]}", "rest": "${PATHS[rest]}", "rest5": "${PATHS[rest5]}"}}
JSON

run_rounds
cleanup; PIDS=()
for v in "${VARIANTS[@]}"; do
  echo "$v stdout: $(wc -l <"$OUT/$v.stdout") lines, $(du -h "$OUT/$v.stdout" | cut -f1)"
  tail -n 2 "$OUT/$v.stdout" | cut -c1-400
done | tee "$OUT/stdout-summary.txt"
BENCH_COMMAND="${BENCH_COMMAND:-MAVEN_REPO_LOCAL=${MAVEN_REPO_LOCAL:-} ROUNDS=$ROUNDS DURATION=$DURATION CONNECTIONS=$CONNECTIONS WARMUP_SECONDS=${WARMUP_SECONDS:-150} bench/http/run.sh}" \
  python3 "$BENCH/http/analyze.py" "$OUT" | tee "$OUT/summary.txt"
