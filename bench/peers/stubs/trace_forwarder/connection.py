"""Stand-in for the Go trace-intake library (traces only; the benchmark sends none)."""


class TraceConnection:
    def __init__(self, root_url, api_key, insecure_skip_verify):
        pass

    def send_traces(self, serialized_trace_payloads):
        return None
