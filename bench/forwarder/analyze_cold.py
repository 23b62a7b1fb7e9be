#!/usr/bin/env python3
"""Summarises bench/forwarder/cold.sh: per vendor and kind of round, the median (and min-max) of init, first and
second invocation and process spawn -> first 1 MiB batch answered, and for the SnapStart proxy restore hook + first
invocation (what bench/peers divides by the peers' cold start for forwarder_cold_ratio_vs_peers); merges them as
forwarder_details.cold_start into bench/results.json (unless --no-merge)."""
import datetime, json, os, statistics, sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', 'lib'))
import results  # noqa: E402

out, zip_path = sys.argv[1], sys.argv[2]
cold = json.load(open(os.path.join(out, 'cold.json')))
FIELDS = ['jvm_ms', 'init_ms', 'restore_hook_ms', 'first_ms', 'restore_plus_first_ms', 'second_ms',
          'spawn_to_first_ms']
summary = {}
for vendor, kinds in cold['vendors'].items():
    summary[vendor] = {}
    for kind, rounds in kinds.items():
        for r in rounds:
            if 'restore_hook_ms' in r:
                r['restore_plus_first_ms'] = r['restore_hook_ms'] + r['first_ms']
        s = {'ok': all(r['ok'] for r in rounds)}
        for f in FIELDS:
            values = [r[f] for r in rounds if f in r]
            if values:
                s[f] = {'median': statistics.median(values), 'min': min(values), 'max': max(values)}
        summary[vendor][kind] = s
        print(f"{vendor:10} {kind:16} " + "  ".join(
            f"{f} {s[f]['median']:.0f} [{s[f]['min']}-{s[f]['max']}]" for f in FIELDS if f in s) + f"  ok={s['ok']}")
worst = max(summary[v]['on_demand']['spawn_to_first_ms']['median'] for v in summary)
print(f"spawn -> first 1 MiB batch answered, worst vendor median (on demand): {worst:.0f} ms")
proxy = max(summary[v]['snapstart_proxy']['restore_plus_first_ms']['median'] for v in summary)
print(f"SnapStart proxy (restore hook + first 1 MiB batch), worst vendor median: {proxy:.0f} ms")
if '--no-merge' not in sys.argv:
    with open(results.RESULTS) as f:
        data = json.load(f)
    details = data.setdefault('forwarder_details', {})
    details['cold_start'] = {
        'date': datetime.datetime.now(datetime.timezone.utc).strftime('%Y-%m-%dT%H:%MZ'),
        'command': 'MAVEN_REPO_LOCAL=<private repository> bench/forwarder/cold.sh (ROUNDS=' + str(cold['rounds']) + ')',
        'method': 'fresh child JVM per round on the unpacked zip (' + os.path.basename(zip_path) + '), '
                  + cold['jvm_options'] + ', Java ' + cold['java'] + '; 1 MiB batch (' + str(cold['batch_events'])
                  + ' events) handled twice against in-process fakes; on_demand and snapstart_proxy rounds '
                  'interleaved; medians [min-max] over rounds. snapstart_proxy = init with '
                  'AWS_LAMBDA_INITIALIZATION_TYPE=snap-start, then the afterRestore hook, then the batch (no real '
                  'checkpoint: a lower bound of the first invocation after a restore).',
        'spawn_to_first_batch_ms': worst,
        'spawn_to_first_batch_ms_meaning': 'process spawn -> first 1 MiB batch answered, wall clock, median over '
                                           'rounds, worst vendor, on demand (snapStart=false)',
        'snapstart_proxy_ms': proxy,
        'snapstart_proxy_ms_meaning': 'afterRestore hook + first 1 MiB batch, median over rounds, worst vendor: '
                                      'the SnapStart proxy (bench/peers computes forwarder_cold_ratio_vs_peers from '
                                      'its own run of it, interleaved with the peers)',
        'vendors': summary}
    with open(results.RESULTS, 'w') as f:
        json.dump(data, f, indent=2, sort_keys=True)
        f.write('\n')
