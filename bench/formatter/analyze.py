#!/usr/bin/env python3
"""formatter_ratio_vs_logging_json = our throughput / logging-json's, worst case over the three records
(the geometric mean is reported alongside in formatter_details)."""
import datetime, json, math, os, sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', 'lib'))
import results  # noqa: E402

out = sys.argv[1]
runs = json.load(open(os.path.join(out, 'jmh.json')))
sizes = json.load(open(os.path.join(out, 'sizes.json')))
score = {}
for run in runs:
    name = run['benchmark'].rsplit('.', 1)[1]
    rec = run['params']['record']
    score.setdefault(rec, {})[name] = (run['primaryMetric']['score'], run['primaryMetric']['scoreError'])
details = {}
ratios = []
for rec in ['plain', 'mdc', 'exception']:
    ours, theirs = score[rec]['medplumLogs'], score[rec]['loggingJson']
    ratio = ours[0] / theirs[0]
    ratios.append(ratio)
    details[rec] = {'medplumLogs_ops_per_ms': round(ours[0], 1), 'medplumLogs_error': round(ours[1], 1),
                    'loggingJson_ops_per_ms': round(theirs[0], 1), 'loggingJson_error': round(theirs[1], 1),
                    'ratio': round(ratio, 3), 'line_bytes': sizes[rec]}
    print(f"{rec:10} ours {ours[0]:9.1f} ± {ours[1]:7.1f} ops/ms   logging-json {theirs[0]:9.1f} ± {theirs[1]:7.1f} ops/ms"
          f"   ratio {ratio:.3f}   line bytes ours/theirs {sizes[rec]['medplumLogs']}/{sizes[rec]['loggingJson']}")
worst = min(ratios)
geo = math.exp(sum(math.log(r) for r in ratios) / len(ratios))
print(f"formatter_ratio_vs_logging_json (worst case) = {worst:.3f}; geometric mean = {geo:.3f}")
command = os.environ.get('BENCH_COMMAND', 'bench/formatter/run.sh')
results.merge({'formatter_ratio_vs_logging_json': round(worst, 3),
               'formatter_ratio_vs_logging_json_command': command, 'formatter_details': {
    'date': datetime.datetime.now(datetime.timezone.utc).strftime('%Y-%m-%dT%H:%MZ'),
    'method': 'JMH throughput, 1 thread, 1 fork, 3x2s warm-up, 5x2s measurement; headline = worst case of the 3 '
              'records',
    'command': command,
    'loadavg_1min_after_run': os.getloadavg()[0],
    'geometric_mean_ratio': round(geo, 3), 'records': details}})
