#!/usr/bin/env python3
"""Reads bench/target/http/r<round>-<variant>-<endpoint>.txt (wrk --latency output), prints a table and writes the
HTTP keys of bench/results.json. Round 0 is the warm-up and is discarded. Per variant and endpoint the median over the
measured rounds is used; a ratio is computed per endpoint and the headline ratio is the worse (lower) endpoint."""
import glob, json, os, re, statistics, sys, datetime

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', 'lib'))
import results  # noqa: E402

out_dir = sys.argv[1]
meta = json.load(open(os.path.join(out_dir, 'meta.json')))
UNIT = {'us': 0.001, 'ms': 1.0, 's': 1000.0}


def parse(path):
    text = open(path).read()
    rps = float(re.search(r'Requests/sec:\s+([\d.]+)', text).group(1))
    m = re.search(r'^\s+99%\s+([\d.]+)(us|ms|s)\s*$', text, re.M)
    p99 = float(m.group(1)) * UNIT[m.group(2)]
    errors = re.search(r'Non-2xx or 3xx responses: (\d+)', text)
    sock = re.search(r'Socket errors: (.*)', text)
    return rps, p99, int(errors.group(1)) if errors else 0, sock.group(1) if sock else ''


runs = {}
for path in glob.glob(os.path.join(out_dir, 'r*-*-*.txt')):
    r, variant, endpoint = re.match(r'r(\d+)-(\w+)-(\w+)\.txt', os.path.basename(path)).groups()
    if int(r) == 0:
        continue
    runs.setdefault((variant, endpoint), []).append(parse(path))

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
    ratios[e] = {'ext_vs_bare': summary['ext'][e]['req_per_s'] / summary['bare'][e]['req_per_s'],
                 'ext_vs_builtin': summary['ext'][e]['req_per_s'] / summary['builtin'][e]['req_per_s']}
    print(f"{e}: b/a = {ratios[e]['ext_vs_bare']:.3f}   b/c = {ratios[e]['ext_vs_builtin']:.3f}")
vs_bare = min(r['ext_vs_bare'] for r in ratios.values())
vs_builtin = min(r['ext_vs_builtin'] for r in ratios.values())
print(f"headline (worse endpoint): http_ratio_vs_bare={vs_bare:.3f} http_ratio_vs_builtin_access_log={vs_builtin:.3f}")
results.merge({
    'http_ratio_vs_bare': round(vs_bare, 3),
    'http_ratio_vs_builtin_access_log': round(vs_builtin, 3),
    'http_details': {
        'date': datetime.datetime.now(datetime.timezone.utc).strftime('%Y-%m-%dT%H:%MZ'),
        'method': 'median req/s over measured rounds (warm-up round discarded); ratio per endpoint; headline = '
                  'worse endpoint',
        **meta,
        'ratios_per_endpoint': {e: {k: round(x, 3) for k, x in r.items()} for e, r in ratios.items()},
        'variants': summary,
    },
})
