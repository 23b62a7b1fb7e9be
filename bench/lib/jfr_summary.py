"""Summary of a JFR recording's execution samples (bench/http/profile.sh): samples per thread, the top frames by self
time, and the inclusive share of the methods matching a regex (a method counts once per sample that has it anywhere
in its stack). Usage: jfr_summary.py <recording.jfr> [regex]"""
import collections
import re
import subprocess
import sys

recording = sys.argv[1]
pattern = re.compile(sys.argv[2] if len(sys.argv) > 2 else "medplumlogs")
text = subprocess.run(["jfr", "print", "--events", "jdk.ExecutionSample", "--stack-depth", "96", recording],
                      capture_output=True, text=True, check=True).stdout
samples, stack, thread = [], None, None
for line in text.splitlines():
    s = line.strip()
    if s.startswith("jdk.ExecutionSample"):
        stack = []
        samples.append(["?", stack])
    elif s.startswith("sampledThread") and samples:
        samples[-1][0] = re.sub(r"-?\d+$", "", s.split("\"")[1]) if "\"" in s else s
    elif stack is not None and re.match(r"^[\w$.<>/]+\(.*\)", s):
        stack.append(s.split("(")[0])
n = len(samples) or 1
print(f"samples: {len(samples)}")
for name, count in collections.Counter(t for t, _ in samples).most_common(6):
    print(f"  {100 * count / n:5.1f}% thread {name}")
top = collections.Counter(st[0] for _, st in samples if st)
print("top frames by self time:")
for method, count in top.most_common(20):
    print(f"  {100 * count / n:5.1f}% {method}")
inclusive = collections.Counter()
for _, st in samples:
    for method in set(st):
        if pattern.search(method):
            inclusive[method] += 1
print(f"inclusive, methods matching {pattern.pattern}:")
for method, count in inclusive.most_common(40):
    print(f"  {100 * count / n:5.1f}% {method}")
