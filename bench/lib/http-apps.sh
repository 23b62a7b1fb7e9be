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
declare -p VARIANT_OPTS >/dev/null 2>&1 || declare -A VARIANT_OPTS=()

rm -rf "$OUT"; mkdir -p "$OUT"
PIDS=(); declare -A APP_PID=()
cleanup() { for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done; wait 2>/dev/null || true; }
trap cleanup EXIT
for v in "${VARIANTS[@]}"; do
  # VARIANT_OPTS[v]: extra JVM options of one variant (ab.sh: BASE_OPTS / EXT_OPTS, e.g. a runtime setting)
  "${SERVER_PIN[@]}" java "${JAVA_OPTS[@]}" ${VARIANT_OPTS[$v]:-} -Dquarkus.http.port="${PORTS[$v]}" \
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

# JIT warm-up before round 0: each variant alone under wrk, cycling its endpoints in 5 s runs, for WARMUP_SECONDS
# (default 150; 0 skips it). Why: all servers share one CPU, and under load HotSpot's C2 queue took about 60 s to drain
# (`jcmd <pid> Compiler.queue`: 74-187 methods waiting for the first minute of load on the FHIR read), and the same
# variant's FHIR req/s rose 3x over the first rounds (bare 3,653 -> 10,358) while C2 caught up; a variant still
# compiling, or an idle variant compiling during another's run, made the paired ratios swing +-30 %. After the
# warm-up each variant's C2 queue length is written to warmup.txt (jcmd, when the JDK has it).
warm_up() {
  local v e s=0 queue
  [ "${WARMUP_SECONDS:-150}" -gt 0 ] || return 0
  : >"$OUT/warmup.txt"
  for v in "${VARIANTS[@]}"; do
    s=$SECONDS
    while [ $((SECONDS - s)) -lt "${WARMUP_SECONDS:-150}" ]; do
      for e in "${ENDPOINTS[@]}"; do
        "${WRK_PIN[@]}" wrk -t1 -c"$CONNECTIONS" -d5s "http://127.0.0.1:${PORTS[$v]}${PATHS[$e]}" >/dev/null
      done
    done
    queue=$(jcmd "${APP_PID[$v]}" Compiler.queue 2>/dev/null | awk '/C2 compile queue/ { f = 1; next } f && NF' | wc -l)
    echo "warm-up $v: $((SECONDS - s)) s under load, C2 queue after it: $queue" | tee -a "$OUT/warmup.txt"
  done
}

# One warm-up round (0) and ROUNDS measured ones; in each, every variant runs every endpoint back to back, in an
# order rotated per round so no variant always runs first/last. Needs ENDPOINTS, PATHS, ROUNDS, DURATION, CONNECTIONS.
run_rounds() {
  local round v e url n=${#VARIANTS[@]}
  warm_up
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
