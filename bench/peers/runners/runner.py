"""Runs a Python Lambda handler the way the Lambda runtime does: import once (init), then one invocation per run of
the event file (parsed per invocation, as the runtime does). Marks go to stderr, one line each, for the parent to
time. Args: handler_dir module function event_file invocations [extra sys.path entries...]"""
import importlib
import json
import sys
import time

handler_dir, module, function, event_file, invocations = sys.argv[1:6]
sys.path[0:0] = sys.argv[6:] + [handler_dir]


def mark(text):
    sys.stderr.write("MARK " + text + "\n")
    sys.stderr.flush()


class Context:
    function_name = "bench"
    function_version = "$LATEST"
    invoked_function_arn = "arn:aws:lambda:us-east-1:123456789012:function:bench"
    memory_limit_in_mb = 1024
    log_group_name = "/aws/lambda/bench"
    log_stream_name = "bench"

    def __init__(self, i):
        self.aws_request_id = "bench-%d" % i
        self._deadline = time.time() + 120

    def get_remaining_time_in_millis(self):
        return int((self._deadline - time.time()) * 1000)


handler = getattr(importlib.import_module(module), function)
mark("init")
raw = open(event_file, encoding="utf-8").read()
for i in range(int(invocations)):
    start = time.perf_counter()
    ok = True
    try:
        handler(json.loads(raw), Context(i))
    except Exception as e:  # noqa: BLE001 - report, keep timing the others
        ok = False
        sys.stderr.write("handler error: %r\n" % e)
    mark("invoke %d %.2f %s" % (i, (time.perf_counter() - start) * 1000, "ok" if ok else "error"))
hwm = [line.split()[1] for line in open("/proc/self/status") if line.startswith("VmHWM:")]
mark("rss_kib " + (hwm[0] if hwm else "-1"))
