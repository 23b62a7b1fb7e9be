#!/usr/bin/env bash
# A/B of the extension: run.sh's three variants plus a second build of (b), e.g. main's, all four interleaved in
# one go (order rotated per round, warm-up round discarded). Prints per endpoint the paired ratios of both ext builds
# against bare and builtin (median [min-max] over rounds) and each variant's app CPU per request; writes nothing into
# results.json.
# Usage: EXT_BASELINE=<quarkus-app dir of the baseline ext build> [ROUNDS=4 DURATION=8s WARMUP_SECONDS=150 SKIP_BUILD=1]
#        [AB_ENDPOINTS="rest"] [BASE_OPTS="-D..."] [EXT_OPTS="-D..."] bench/http/ab.sh
#   WARMUP_SECONDS: the JIT warm-up of each variant before round 0, see bench/lib/http-apps.sh; AB_ENDPOINTS: a subset
#   of fhir rest rest5; BASE_OPTS / EXT_OPTS: extra JVM options of the baseline / ext variant, e.g. the same build as
#   baseline with -Dquarkus.medplum-logs.audit.enabled=false to see what one part of the per-request work costs.
# The three variants come from bench/http/*/target (built by run.sh, or here unless SKIP_BUILD=1).
set -euo pipefail
BENCH="$(cd "$(dirname "$0")/.." && pwd)"
OUT="$BENCH/target/http-ab"
ROUNDS="${ROUNDS:-4}"; DURATION="${DURATION:-8s}"; CONNECTIONS="${CONNECTIONS:-16}"
: "${EXT_BASELINE:?EXT_BASELINE=<quarkus-app dir of the baseline ext build>}"
VARIANTS=(bare base ext builtin)
ENDPOINTS=(${AB_ENDPOINTS:-fhir rest rest5})
declare -A PATHS=([fhir]=/fhir/R4/Patient/example [rest]=/api/ping [rest5]=/api/chatty)
declare -A PORTS=([bare]=18181 [base]=18182 [ext]=18183 [builtin]=18184)
declare -A APPS=([base]="$EXT_BASELINE")
declare -A VARIANT_OPTS=([base]="${BASE_OPTS:-}" [ext]="${EXT_OPTS:-}")
source "$BENCH/lib/http-apps.sh"
run_rounds
cleanup; PIDS=()
python3 - "$OUT" <<'PY' | tee "$OUT/summary.txt"
import glob, os, re, statistics, sys
out = sys.argv[1]; UNIT = {'us': 0.001, 'ms': 1.0, 's': 1000.0}
data = {}
for path in glob.glob(os.path.join(out, 'r*-*-*.txt')):
    r, v, e = re.match(r'r(\d+)-(\w+)-(\w+)\.txt', os.path.basename(path)).groups()
    if r == '0':
        continue
    text = open(path).read()
    m = re.search(r'^\s+99%\s+([\d.]+)(us|ms|s)\s*$', text, re.M)
    cpu = re.search(r'app_cpu_ms: (\d+)', text)
    data.setdefault(e, {}).setdefault(int(r), {})[v] = (float(re.search(r'Requests/sec:\s+([\d.]+)', text).group(1)),
        float(m.group(1)) * UNIT[m.group(2)], float(re.search(r'loadavg: ([\d.]+)', text).group(1)),
        # the app's CPU per request in us (its process' user + system time over wrk's run / requests completed)
        int(cpu.group(1)) * 1000 / int(re.search(r'(\d+) requests in', text).group(1)) if cpu else None)
def spread(xs):
    return f"{statistics.median(xs):.3f} [{min(xs):.3f}-{max(xs):.3f}]"
for e in sorted(data):
    rounds = [data[e][r] for r in sorted(data[e]) if len(data[e][r]) == 4]
    print(f"{e}: {len(rounds)} rounds, load {min(x['bare'][2] for x in rounds):.1f}-{max(x['bare'][2] for x in rounds):.1f}")
    for v in ('bare', 'base', 'ext', 'builtin'):
        cpu = [x[v][3] for x in rounds if x[v][3] is not None]
        print(f"  {v:8} req/s {statistics.median(x[v][0] for x in rounds):9.0f}  p99 ms {statistics.median(x[v][1] for x in rounds):7.2f}"
              + (f"  app CPU us/req {spread(cpu)}" if cpu else ""))
    for v in ('base', 'ext'):
        print(f"  {v:4} / bare {spread([x[v][0] / x['bare'][0] for x in rounds])}   "
              f"/ builtin {spread([x[v][0] / x['builtin'][0] for x in rounds])}")
    print(f"  ext / base {spread([x['ext'][0] / x['base'][0] for x in rounds])}")
PY
