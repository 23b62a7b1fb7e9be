#!/usr/bin/env python3
"""Reads bench/target/http/r<round>-<variant>-<endpoint>.txt (wrk --latency output), prints a table and writes the
HTTP keys of bench/results.json. Round 0 is the warm-up and is discarded. Table: median over the measured rounds per
variant and endpoint. Ratios are paired: within each round the three variants run back to back, so b/a and b/c are
computed per round and the median over rounds is taken (this cancels slow drifts in machine load); the headline ratio
is the worse (lower) of fhir and rest, each also judged against its own goal (GOAL_VS_BARE); rest5 (an app that logs
five lines per request) is reported alongside, not part of the headline."""
import glob, json, os, re, statistics, sys, datetime

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', 'lib'))
import results  # noqa: E402

out_dir = sys.argv[1]
meta = json.load(open(os.path.join(out_dir, 'meta.json')))
UNIT = {'us': 0.001, 'ms': 1.0, 's': 1000.0}
# issue #12: ext/bare per endpoint, and ext/builtin on both; the headline keys cover these endpoints only
GOAL_VS_BARE = {'fhir': 0.97, 'rest': 0.90}
GOAL_VS_BUILTIN = 1.10


def parse(path):
    text = open(path).read()
    rps = float(re.search(r'Requests/sec:\s+([\d.]+)', text).group(1))
    m = re.search(r'^\s+99%\s+([\d.]+)(us|ms|s)\s*$', text, re.M)
    p99 = float(m.group(1)) * UNIT[m.group(2)]
    load = re.search(r'loadavg: ([\d.]+)', text)
    errors = re.search(r'Non-2xx or 3xx responses: (\d+)', text)
    sock = re.search(r'Socket errors: (.*)', text)
    return rps, p99, int(errors.group(1)) if errors else 0, sock.group(1) if sock else '', float(load.group(1)) if load else None


runs = {}
by_round = {}
for path in glob.glob(os.path.join(out_dir, 'r*-*-*.txt')):
    r, variant, endpoint = re.match(r'r(\d+)-(\w+)-(\w+)\.txt', os.path.basename(path)).groups()
    if int(r) == 0:
        continue
    parsed = parse(path)
    runs.setdefault((variant, endpoint), []).append(parsed)
    by_round.setdefault((endpoint, int(r)), {})[variant] = parsed[0]

variants = ['bare', 'ext', 'builtin']
endpoints = sorted({e for (_, e) in runs})
summary = {}
print(f"{'variant':8} {'endpoint':6} {'req/s (median)':>15} {'p99 ms (median)':>16} {'rounds':>6} non2xx/socket")
for v in variants:
    for e in endpoints:
        rows = runs[(v, e)]
        rps = statistics.median(r[0] for r in rows)
        p99 = statistics.median(r[1] for r in rows)
        summary.setdefault(v, {})[e] = {'req_per_s': round(rps, 1), 'p99_ms': round(p99, 2),
                                        'req_per_s_rounds': [round(r[0], 1) for r in rows],
                                        'non_2xx': sum(r[2] for r in rows)}
        print(f"{v:8} {e:6} {rps:15.1f} {p99:16.2f} {len(rows):6} {sum(r[2] for r in rows)} {set(r[3] for r in rows)}")

ratios = {}
for e in endpoints:
    rounds = [v for (ep, _), v in sorted(by_round.items()) if ep == e]
    ratios[e] = {'ext_vs_bare': statistics.median(x['ext'] / x['bare'] for x in rounds),
                 'ext_vs_builtin': statistics.median(x['ext'] / x['builtin'] for x in rounds),
                 'ext_vs_bare_per_round': [round(x['ext'] / x['bare'], 3) for x in rounds],
                 'ext_vs_builtin_per_round': [round(x['ext'] / x['builtin'], 3) for x in rounds]}
    print(f"{e}: b/a = {ratios[e]['ext_vs_bare']:.3f}   b/c = {ratios[e]['ext_vs_builtin']:.3f}")
headline = [e for e in endpoints if e in GOAL_VS_BARE]
vs_bare = min(ratios[e]['ext_vs_bare'] for e in headline)
vs_builtin = min(ratios[e]['ext_vs_builtin'] for e in headline)
goals = {e: {'vs_bare_goal': GOAL_VS_BARE[e], 'vs_bare_met': ratios[e]['ext_vs_bare'] >= GOAL_VS_BARE[e],
             'vs_builtin_goal': GOAL_VS_BUILTIN, 'vs_builtin_met': ratios[e]['ext_vs_builtin'] >= GOAL_VS_BUILTIN}
         for e in headline}
for e, g in goals.items():
    print(f"{e}: vs bare goal {g['vs_bare_goal']} met={g['vs_bare_met']}; vs builtin goal {GOAL_VS_BUILTIN} "
          f"met={g['vs_builtin_met']}")
print(f"headline (worse endpoint): http_ratio_vs_bare={vs_bare:.3f} http_ratio_vs_builtin_access_log={vs_builtin:.3f}")
command = os.environ.get('BENCH_COMMAND', 'bench/http/run.sh')
results.merge({
    'http_ratio_vs_bare': round(vs_bare, 3),
    'http_ratio_vs_bare_command': command,
    'http_ratio_vs_builtin_access_log': round(vs_builtin, 3),
    'http_ratio_vs_builtin_access_log_command': command,
    'http_details': {
        'date': datetime.datetime.now(datetime.timezone.utc).strftime('%Y-%m-%dT%H:%MZ'),
        'method': 'JIT warm-up per variant (WARMUP_SECONDS under load, endpoints cycled), then a warm-up round '
                  '(discarded); table: median req/s and p99 over measured rounds; ratios: median over '
                  'rounds of the per-round ratio (variants back to back in each round), per endpoint; headline = '
                  'worse endpoint',
        'loadavg_1min_during_runs': sorted(r[4] for rows in runs.values() for r in rows if r[4] is not None),
        'command': command,
        **meta,
        'jit_warmup': (open(os.path.join(out_dir, 'warmup.txt')).read().splitlines()
                       if os.path.exists(os.path.join(out_dir, 'warmup.txt')) else None),
        'headline_endpoints': headline,
        'goals': goals,
        'ratios_per_endpoint': {e: {k: (round(x, 3) if isinstance(x, float) else x) for k, x in r.items()} for e, r in ratios.items()},
        'variants': summary,
    },
})
