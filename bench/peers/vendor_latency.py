#!/usr/bin/env python3
"""Where our warm invocations spend their time: the forwarder's own metrics line per invocation carries
VendorLatency (ms per chunk, request sent -> answer received). Splits each of our contenders' warm invocations
(2..N of every timed round) into the intake exchanges and the rest (our own work).

usage: bench/peers/vendor_latency.py [logs dir, default bench/target/peers/logs]  (after bench/peers/run.sh)
"""
import glob
import json
import os
import re
import statistics
import sys

logs = sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(__file__), '..', 'target', 'peers', 'logs')
LATENCY = re.compile(r'"VendorLatency":(\[[0-9,]*\])')
names = sorted({os.path.basename(f).rsplit('-round', 1)[0] for f in glob.glob(os.path.join(logs, 'ours-*-round*.out'))})
if not names:
    sys.exit('no ours-*-round*.out in %s: run bench/peers/run.sh first' % logs)
for name in names:
    totals, per_chunk = [], {}
    for f in glob.glob(os.path.join(logs, name + '-round*.out')):
        if f.endswith('-round0.out'):
            continue  # round 0 is the untimed non-ASCII integrity round
        with open(f, encoding='utf-8') as out:
            invocations = [json.loads(m) for m in LATENCY.findall(out.read())]
        for chunks in invocations[1:]:  # the first invocation is the cold one
            totals.append(sum(chunks))
            for i, ms in enumerate(chunks):
                per_chunk.setdefault(i, []).append(ms)
    if totals:
        chunks = ' + '.join('%g' % statistics.median(v) for _, v in sorted(per_chunk.items()))
        print('%-26s warm invocations %3d  intake exchanges per invocation: median %g ms [%g-%g] (per chunk %s ms)'
              % (name, len(totals), statistics.median(totals), min(totals), max(totals), chunks))
