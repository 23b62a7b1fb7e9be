#!/usr/bin/env python3
"""forwarder_ratio_vs_floor = slowest vendor's event->payloads time / floor time: process CPU time, interleaved rounds
(ForwarderCpuRatio, median of the per-round ratios); JMH's wall-time ratio is kept in the details.
forwarder_peak_heap_mib = largest, over vendors, peak heap (sum of the heap pools' peak usage) of a fresh JVM on the
Lambda zip's classpath with -Xmx128m -XX:+UseSerialGC handling the 1 MiB batch 5 times.
forwarder_details.warm_end_to_end_ms = per vendor, one warm handleRequest of the 1 MiB batch incl. HTTP to the local
fake intake (median over rounds of each child's median warm run), with the JVM options the generated stack sets; the
peer benchmark divides these. Keys whose raw files are missing (SKIP_HARNESS=1) are left as they are."""
import datetime, json, os, sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', 'lib'))
import results  # noqa: E402

out = sys.argv[1]
CMD = 'MAVEN_REPO_LOCAL=<private repository> bench/forwarder/run.sh'
runs = json.load(open(os.path.join(out, 'jmh.json')))
lam_file = os.path.join(out, 'lambda.json')
lam = json.load(open(lam_file)) if os.path.exists(lam_file) else None
warm = {}
for jit in ['deployed', 'default']:
    f = os.path.join(out, f'warm-{jit}.json')
    if os.path.exists(f):
        warm[jit] = json.load(open(f))
ms = {r['params']['path']: (r['primaryMetric']['score'], r['primaryMetric']['scoreError']) for r in runs}
floor = ms['floor'][0]
per_vendor = {}
for v in ['datadog', 'splunk', 'sumologic']:
    per_vendor[v] = {'ms': round(ms[v][0], 2), 'error_ms': round(ms[v][1], 2), 'ratio_vs_floor': round(ms[v][0] / floor, 3)}
    print(f"{v:10} {ms[v][0]:8.2f} ± {ms[v][1]:.2f} ms   ratio vs floor {ms[v][0] / floor:.2f}")
print(f"{'floor':10} {floor:8.2f} ± {ms['floor'][1]:.2f} ms")
worst_jmh = max(p['ratio_vs_floor'] for p in per_vendor.values())
cpu_file = os.path.join(out, 'cpu-ratio.json')
cpu = json.load(open(cpu_file)) if os.path.exists(cpu_file) else None
worst = max(cpu['ratio_vs_floor_median'].values()) if cpu else worst_jmh
if cpu:
    for v, r in cpu['ratio_vs_floor_median'].items():
        print(f"{v:10} CPU time {cpu['cpu_ms_per_batch_median'][v]:.2f} ms vs floor "
              f"{cpu['cpu_ms_per_batch_median']['floor']:.2f} ms: ratio {r:.2f}, per round "
              f"{cpu['ratio_vs_floor_per_round'][v]}")
print(f"JMH wall-time ratio, worst vendor: {worst_jmh:.3f}")
for jit, w in warm.items():
    for v, ms_ in w['warm_end_to_end_ms'].items():
        print(f"warm end to end ({jit} JIT: {w['jvm_options']}) {v:10} {ms_:7.1f} ms, per-round medians "
              f"{w['warm_end_to_end_spread_ms'][v]}")
previous = results.load().get('forwarder_details', {})
details = {
    'date': datetime.datetime.now(datetime.timezone.utc).strftime('%Y-%m-%dT%H:%MZ'),
    'command': CMD,
    'method': 'CPU path: ForwarderCpuRatio, process CPU time of event -> gzipped bodies vs floor, -XX:+UseSerialGC, '
              'paths interleaved and rotated per round, ratio per round, median over rounds (headline); also JMH average time, 1 fork, 5x2s warm-up, 5x2s measurement, -Xmx1g; ratio = worst vendor / '
              'floor. Warm end to end: ForwarderWarm, child JVM on the unpacked zip, handleRequest of the batch RUNS '
              'times against the fake intake/Secrets Manager/SQS of the harness JVM (127.0.0.1), first WARMUP runs '
              'discarded, median per child, vendors interleaved in rotated order per round; headline = median over '
              'rounds, spread = the per-round medians. Peak heap: child JVM on the unpacked zip, -Xmx128m '
              '-XX:+UseSerialGC, batch handled 5x; sum of heap pools peak usage (MemoryPoolMXBean); worst vendor',
    'floor_ms': round(floor, 2), 'vendors_jmh': per_vendor, 'ratio_vs_floor_jmh_wall': worst_jmh,
    'cpu_time': cpu}
if 'deployed' in warm:
    details['warm_end_to_end_ms'] = warm['deployed']['warm_end_to_end_ms']
    details['warm_end_to_end_spread_ms'] = warm['deployed']['warm_end_to_end_spread_ms']
    details['warm_end_to_end_jvm_options'] = warm['deployed']['jvm_options']
    details['warm_end_to_end_process_cpu_ms'] = warm['deployed'].get('warm_end_to_end_process_cpu_ms')
if 'default' in warm:
    details['warm_end_to_end_ms_default_jit'] = warm['default']['warm_end_to_end_ms']
    details['warm_end_to_end_spread_ms_default_jit'] = warm['default']['warm_end_to_end_spread_ms']
new = {'forwarder_ratio_vs_floor': worst, 'forwarder_ratio_vs_floor_command': CMD}
if lam is not None:
    peak = max(v['xmx128m']['peak_heap_pools_mib'] for v in lam['vendors'].values())
    for name, v in lam['vendors'].items():
        if 'cold_start_1mib' not in v:  # HEAP_ONLY=1
            print(f"{name:10} -Xmx128m peak {v['xmx128m']['peak_heap_pools_mib']} MiB, max after GC "
                  f"{v['xmx128m']['max_after_gc_mib']} MiB, handle ms {v['xmx128m']['handle_ms']}")
            continue
        print(f"{name:10} cold start (1 MiB first event) {v['cold_start_1mib']['first_event_uptime_ms']} ms "
              f"(C1 only {v['cold_start_1mib_c1']['first_event_uptime_ms']} ms, small event "
              f"{v['cold_start_small']['first_event_uptime_ms']} ms, init {v['cold_start_1mib']['init_uptime_ms']} ms); "
              f"-Xmx128m peak {v['xmx128m']['peak_heap_pools_mib']} MiB, max after GC {v['xmx128m']['max_after_gc_mib']} MiB, "
              f"handle ms {v['xmx128m']['handle_ms']}, smallest -Xmx ok {v['smallest_xmx_mib_ok']} MiB, ok={v['xmx128m']['ok']}")
    print(f"forwarder_peak_heap_mib = {peak}")
    new['forwarder_peak_heap_mib'] = peak
    new['forwarder_peak_heap_mib_command'] = CMD
    details['batch'] = lam['batch']
    details['lambda'] = {name: dict(previous.get('lambda', {}).get(name, {}), **v)
                         for name, v in lam['vendors'].items()}
else:
    details['batch'] = previous.get('batch')
    details['lambda'] = previous.get('lambda')
print(f"forwarder_ratio_vs_floor (worst vendor) = {worst:.3f}")
new['forwarder_details'] = details
results.merge(new)
