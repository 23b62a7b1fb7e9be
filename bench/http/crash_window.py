#!/usr/bin/env python3
"""Reads bench/target/crash-window/<case>-<run>.{count,stdout,load}: per run, app lines logged (the 8-byte
big-endian count the app kept in a memory-mapped file) vs app lines on stdout (msg starting "chatty: ", and the
readiness probe's "ping handled", which the app counts too). The window in
ms is lost lines / the run's average rate of logged app lines (count / load seconds). Writes http_crash_window into
bench/results.json."""
import glob, json, os, re, statistics, struct, sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', 'lib'))
import results  # noqa: E402

out_dir, load_seconds = sys.argv[1], float(sys.argv[2])
cases = {}
for count_file in sorted(glob.glob(os.path.join(out_dir, '*.count'))):
    name = os.path.basename(count_file)[:-len('.count')]
    case = name.rsplit('-', 1)[0]
    with open(count_file, 'rb') as f:
        logged = struct.unpack('>q', f.read(8))[0]
    written = 0
    with open(os.path.join(out_dir, name + '.stdout'), encoding='utf-8', errors='replace') as f:
        for line in f:
            if '"msg":"chatty: ' in line or '"msg":"ping handled"' in line:
                written += 1
    load = open(os.path.join(out_dir, name + '.load')).read().split()[-1]
    lost = logged - written
    rate_per_ms = logged / (load_seconds * 1000.0)
    run = {'logged': logged, 'written': written, 'lost': lost,
           'window_ms': round(lost / rate_per_ms, 2) if rate_per_ms else None,
           'app_lines_per_s': round(logged / load_seconds), 'loadavg_1min': float(load)}
    cases.setdefault(case, []).append(run)
    print(f"{name:12} logged {logged:8} written {written:8} lost {lost:6} (~{run['window_ms']} ms of app lines) "
          f"load {load}")
summary = {}
for case, runs in cases.items():
    summary[case] = {'lost_lines_median': statistics.median(r['lost'] for r in runs),
                     'lost_lines_max': max(r['lost'] for r in runs),
                     'window_ms_median': statistics.median(r['window_ms'] for r in runs),
                     'window_ms_max': max(r['window_ms'] for r in runs),
                     'runs': runs}
    print(f"{case}: lost median {summary[case]['lost_lines_median']} max {summary[case]['lost_lines_max']}; "
          f"window ms median {summary[case]['window_ms_median']} max {summary[case]['window_ms_max']}")
results.merge({'http_crash_window': {
    'command': os.environ.get('BENCH_COMMAND', 'bench/http/crash-window.sh'),
    'method': 'ext app under wrk load on /api/chatty (5 app lines + 1 Request served per request), signal after '
              'the load ran LOAD_SECONDS; lost = app lines whose log call returned (memory-mapped counter) - app '
              'lines on stdout; window_ms = lost / average logged app lines per ms',
    'load_seconds': load_seconds,
    'cases': summary}})
