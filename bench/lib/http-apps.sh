# Sourced by bench/http/run.sh and ab.sh (needs BENCH, OUT, VARIANTS, PORTS; APPS optional): builds the app variants
# unless SKIP_BUILD=1, pins the servers to CPU 1 and wrk to CPU 0 (when taskset exists and there are >= 2 CPUs),
# starts every variant on PORTS[v] from APPS[v] (default bench/http/<v>/target/quarkus-app) with stdout to a file, as
# the awslogs driver on ECS would consume it, and waits until each serves both endpoints. Stops them on exit.
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
declare -p APPS >/dev/null 2>&1 || declare -A APPS=()

rm -rf "$OUT"; mkdir -p "$OUT"
PIDS=(); declare -A APP_PID=()
cleanup() { for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done; wait 2>/dev/null || true; }
trap cleanup EXIT
for v in "${VARIANTS[@]}"; do
  "${SERVER_PIN[@]}" java "${JAVA_OPTS[@]}" -Dquarkus.http.port="${PORTS[$v]}" \
    -jar "${APPS[$v]:-$BENCH/http/$v/target/quarkus-app}/quarkus-run.jar" >"$OUT/$v.stdout" 2>"$OUT/$v.stderr" &
  PIDS+=($!); APP_PID[$v]=$!   # taskset execs java: the same process
done
for v in "${VARIANTS[@]}"; do
  for i in $(seq 1 120); do
    curl -sf -o /dev/null "http://127.0.0.1:${PORTS[$v]}/api/ping" && break
    sleep 0.5
  done
  curl -sf -o /dev/null "http://127.0.0.1:${PORTS[$v]}/fhir/R4/Patient/example" || { echo "$v did not start"; exit 1; }
done

# CPU time (user + system, in clock ticks) the app's process has used so far.
cpu_ticks() { awk '{ print $14 + $15 }' "/proc/$1/stat"; }

# One warm-up round (0) and ROUNDS measured ones; in each, every variant runs every endpoint back to back, in an
# order rotated per round so no variant always runs first/last. Needs ENDPOINTS, PATHS, ROUNDS, DURATION, CONNECTIONS.
run_rounds() {
  local round v e url n=${#VARIANTS[@]}
  for round in $(seq 0 "$ROUNDS"); do
    local order=("${VARIANTS[@]:$((round % n))}" "${VARIANTS[@]:0:$((round % n))}")
    for v in "${order[@]}"; do
      for e in "${ENDPOINTS[@]}"; do
        url="http://127.0.0.1:${PORTS[$v]}${PATHS[$e]}"
        echo "round $round ($([ "$round" = 0 ] && echo warm-up || echo measured)): $v $e"
        local ticks; ticks=$(cpu_ticks "${APP_PID[$v]}")
        "${WRK_PIN[@]}" wrk -t1 -c"$CONNECTIONS" -d"$DURATION" --latency "$url" >"$OUT/r$round-$v-$e.txt"
        echo "app_cpu_ms: $(( ($(cpu_ticks "${APP_PID[$v]}") - ticks) * 1000 / $(getconf CLK_TCK) ))" >>"$OUT/r$round-$v-$e.txt"
        echo "loadavg: $(cat /proc/loadavg)" >>"$OUT/r$round-$v-$e.txt"
        sleep 1
      done
    done
  done
}
