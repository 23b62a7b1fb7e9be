#!/usr/bin/env python3
"""forwarder_ratio_vs_floor = slowest vendor's event->payloads time / floor time (JMH average time).
forwarder_peak_heap_mib = largest, over vendors, peak heap (sum of the heap pools' peak usage) of a fresh JVM on the
Lambda zip's classpath with -Xmx128m -XX:+UseSerialGC handling the 1 MiB batch 5 times."""
import datetime, json, os, sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', 'lib'))
import results  # noqa: E402

out = sys.argv[1]
runs = json.load(open(os.path.join(out, 'jmh.json')))
lam = json.load(open(os.path.join(out, 'lambda.json')))
ms = {r['params']['path']: (r['primaryMetric']['score'], r['primaryMetric']['scoreError']) for r in runs}
floor = ms['floor'][0]
per_vendor = {}
for v in ['datadog', 'splunk', 'sumologic']:
    per_vendor[v] = {'ms': round(ms[v][0], 2), 'error_ms': round(ms[v][1], 2), 'ratio_vs_floor': round(ms[v][0] / floor, 3)}
    print(f"{v:10} {ms[v][0]:8.2f} ± {ms[v][1]:.2f} ms   ratio vs floor {ms[v][0] / floor:.2f}")
print(f"{'floor':10} {floor:8.2f} ± {ms['floor'][1]:.2f} ms")
worst = max(p['ratio_vs_floor'] for p in per_vendor.values())
peak = max(v['xmx128m']['peak_heap_pools_mib'] for v in lam['vendors'].values())
for name, v in lam['vendors'].items():
    print(f"{name:10} cold start (1 MiB first event) {v['cold_start_1mib']['first_event_uptime_ms']} ms "
          f"(C1 only {v['cold_start_1mib_c1']['first_event_uptime_ms']} ms, small event "
          f"{v['cold_start_small']['first_event_uptime_ms']} ms, init {v['cold_start_1mib']['init_uptime_ms']} ms); "
          f"-Xmx128m peak {v['xmx128m']['peak_heap_pools_mib']} MiB, max after GC {v['xmx128m']['max_after_gc_mib']} MiB, "
          f"handle ms {v['xmx128m']['handle_ms']}, smallest -Xmx ok {v['smallest_xmx_mib_ok']} MiB, ok={v['xmx128m']['ok']}")
print(f"forwarder_ratio_vs_floor (worst vendor) = {worst:.3f}; forwarder_peak_heap_mib = {peak}")
results.merge({'forwarder_ratio_vs_floor': worst, 'forwarder_peak_heap_mib': peak, 'forwarder_details': {
    'date': datetime.datetime.now(datetime.timezone.utc).strftime('%Y-%m-%dT%H:%MZ'),
    'method': 'JMH average time, 1 fork, 5x2s warm-up, 5x2s measurement, -Xmx1g; ratio = worst vendor / floor. '
              'Peak heap: child JVM on the unpacked zip, -Xmx128m -XX:+UseSerialGC, batch handled 5x against '
              'in-process fake vendor/Secrets Manager/SQS; sum of heap pools peak usage (MemoryPoolMXBean); worst vendor',
    'floor_ms': round(floor, 2), 'vendors_jmh': per_vendor, 'batch': lam['batch'], 'lambda': lam['vendors']}})
