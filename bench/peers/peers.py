#!/usr/bin/env python3
"""Side-by-side run of our forwarder and the vendors' own forwarders on the same ~1 MiB CloudWatch Logs batch,
against the same local HTTPS intake, interleaved round by round.

Contenders (each a fresh child process per run, as a Lambda execution environment would be):
  ours-datadog / ours-splunk / ours-sumologic  our Lambda zip, unpacked, ForwarderHandler (runners/Runner.java), as
                  deployed by default: SnapStart. Init with AWS_LAMBDA_INITIALIZATION_TYPE=snap-start (priming, no
                  secret), then the afterRestore hook, then the invocations; cold = restore hook + first invocation
                  (the SnapStart proxy: Lambda's own snapshot restore cannot be measured here)
  ours-<vendor>-on-demand  the same zip without SnapStart (snapStart=false): cold = spawn -> first answered
  peer-datadog    Datadog's aws/logs_monitoring (Python), lambda_function.lambda_handler (runners/runner.py)
  peer-splunk     Splunk's splunk-cloudwatch-logs-processor (Node.js blueprint), index.handler (runners/runner.js)
  peer-sumologic  Sumo Logic's cloudwatchlogs-with-dlq (Node.js), cloudwatchlogs_lambda.handler (runners/runner.js)

Per run: spawn -> init done (ms, wall, seen by this process), spawn -> first invocation answered (cold, ms),
first invocation (ms, child-measured), warm invocations (ms, child-measured; median), peak RSS (VmHWM, KiB), bytes
on the wire per invocation, and what the intake received: every batch entry must arrive exactly once per
invocation and intact (its message text, non-ASCII included, and its requestId/traceId). Lost, duplicated and
garbled entries are counted per contender.

Usage: peers.py WORKDIR   (run.sh prepares WORKDIR: peers' code, our zip, runner classes, TLS material)
Environment: ROUNDS (default 5), INVOCATIONS per run (default 6: 1 cold + 5 warm), CONTENDERS (comma list),
OURS_JVM_OPTIONS_SNAPSTART / OURS_JVM_OPTIONS_ON_DEMAND (run.sh sets both to ForwarderContract.JVM_OPTIONS, as deployed).
"""
import base64
import datetime
import gzip
import http.server
import json
import os
import random
import re
import shutil
import socket
import ssl
import statistics
import subprocess
import sys
import threading
import time
import zlib

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, '..', 'lib'))
import results  # noqa: E402

SEQ = re.compile(r'ev-\d{6}')
DD_KEY = 'f' * 32  # Datadog's forwarder checks the key's length (32)
HEC_TOKEN = '00000000-0000-0000-0000-000000000000'
SUMO_PATH = '/receiver/v1/http/ZaVnC4dhaV1x' + 'a' * 60
COMMAND = 'bench/peers/run.sh'


# ---------------------------------------------------------------- the batch

def build_batch(ascii_only, seed=20261204, target_bytes=1_040_000):
    """Our JSON lines, as the extension writes them, plus a few plain-text lines (JVM start-up output), just under
    CloudWatch's 1 MiB. Each message carries a unique `ev-NNNNNN` marker; unless ascii_only, some carry non-ASCII
    (the same positions hold ASCII words in the ascii_only batch, so both batches have the same shape)."""
    rnd = random.Random(seed)
    words = ['patient', 'observation', 'bundle', 'search', 'encounter', 'cache', 'pool', 'token', 'reindex', 'job']
    non_ascii = ['Müller', 'Ærøskøbing', '東京都', 'Ελληνικά', 'naïve café', '🚑 ambulance', 'Zoë – “quoted”']
    if ascii_only:
        non_ascii = ['Mueller', 'Aeroeskoebing', 'Tokyo-to', 'Ellinika', 'naive cafe', 'ambulance', 'Zoe - "quoted"']
    events, size, i, t0 = [], 0, 0, 1764806400000
    while size < target_bytes:
        seq = 'ev-%06d' % i
        rid = '%032x' % rnd.getrandbits(128)
        tid = '%032x' % rnd.getrandbits(128)
        ts = t0 + i * 7
        iso = datetime.datetime.fromtimestamp(ts / 1000, datetime.timezone.utc).strftime('%Y-%m-%dT%H:%M:%S.%fZ')
        kind = rnd.random()
        if kind < 0.03:
            message = '%s [io.quarkus] started in %.3fs %s' % (seq, rnd.random() * 4, rnd.choice(non_ascii))
        else:
            line = {'timestamp': iso, 'level': 'INFO', 'logger': 'io.medplumlogs.audit', 'requestId': rid,
                    'traceId': tid}
            if kind < 0.55:
                line.update(msg='Request served ' + seq, method=rnd.choice(['GET', 'POST', 'PUT']),
                            path='/fhir/R4/Patient/%d' % rnd.randint(1, 99999), status=rnd.choice([200, 201, 404]),
                            durationMs=rnd.randint(1, 900), ip='10.0.%d.%d' % (rnd.randint(0, 255), rnd.randint(1, 254)),
                            ua='HAPI-FHIR/8.6.1 (FHIR Client; FHIR 4.0.1/R4)', receivedAt=iso)
            elif kind < 0.85:
                text = ' '.join(rnd.choice(words) for _ in range(rnd.randint(5, 60)))
                if rnd.random() < 0.3:
                    text += ' ' + rnd.choice(non_ascii)
                line.update(logger='org.example.fhir.' + rnd.choice(words).title(), msg=seq + ' ' + text)
            elif kind < 0.97:
                line.update(level='WARN', logger='org.example.fhir.Sync',
                            msg=seq + ' ' + ' '.join(rnd.choice(words) for _ in range(rnd.randint(150, 450))))
            else:
                frames = '\n'.join('\tat org.example.fhir.Layer%d.call(Layer%d.java:%d)' % (k, k, rnd.randint(10, 900))
                                   for k in range(rnd.randint(40, 120)))
                line.update(level='ERROR', logger='org.example.fhir.Api', msg=seq + ' request failed',
                            error='java.lang.IllegalStateException: pool exhausted',
                            stack='java.lang.IllegalStateException: pool exhausted\n' + frames)
            message = json.dumps(line, ensure_ascii=False, separators=(',', ':'))
        events.append({'id': str(36000000000000000000000000000000000000000000000000000000 + i), 'timestamp': ts,
                       'message': message})
        size += len(message.encode('utf-8'))
        i += 1
    data = {'messageType': 'DATA_MESSAGE', 'owner': '123456789012', 'logGroup': '/ecs/fhir-api',
            'logStream': 'ecs/api/0a1b2c3d', 'subscriptionFilters': ['medplum-logs'], 'logEvents': events}
    raw = json.dumps(data, ensure_ascii=False).encode('utf-8')
    invocation = json.dumps({'awslogs': {'data': base64.b64encode(gzip.compress(raw)).decode('ascii')}}).encode()
    return events, invocation, size


def expectations(events):
    """Per marker: the strings a delivered entry must contain for the entry to count as intact."""
    out = {}
    for e in events:
        m = e['message']
        try:
            line = json.loads(m)
        except ValueError:
            out[SEQ.search(m).group()] = [m.rstrip('\n')]
            continue
        out[SEQ.search(line['msg']).group()] = [line['msg'], line['requestId'], line['traceId']]
    return out


# ---------------------------------------------------------------- the intake

def entries_of(body, headers):
    """A request body as the list of entries it carries: a JSON array (Datadog), concatenated JSON objects (Splunk
    HEC), or one entry per line (Sumo Logic), after undoing Content-Encoding / gzip magic."""
    enc = (headers.get('Content-Encoding') or '').lower()
    if enc == 'gzip' or body[:2] == b'\x1f\x8b':
        body = gzip.decompress(body)
    elif enc == 'deflate':
        body = zlib.decompress(body)
    text = body.decode('utf-8', errors='replace')
    try:
        doc = json.loads(text)
        return doc if isinstance(doc, list) else [doc]
    except ValueError:
        pass
    decoder, entries, pos = json.JSONDecoder(), [], 0
    try:
        while pos < len(text):
            while pos < len(text) and text[pos].isspace():
                pos += 1
            if pos >= len(text):
                return entries
            doc, pos = decoder.raw_decode(text, pos)
            entries.append(doc)
        return entries
    except ValueError:
        pass
    out = []
    for line in text.split('\n'):
        if line.strip():
            try:
                out.append(json.loads(line))
            except ValueError:
                out.append(line)
    return out


def part_fields(entry):
    """(partOf, part, parts) of an entry that is one part of a line sent in parts (ours: contract SplitEntryFields,
    top level or, for Splunk, in `fields`), else None."""
    if not isinstance(entry, dict):
        return None
    for holder in (entry, entry.get('fields')):
        if isinstance(holder, dict) and 'partOf' in holder and 'part' in holder and 'parts' in holder:
            try:
                return str(holder['partOf']), int(holder['part']), int(holder['parts'])
            except (TypeError, ValueError):
                return None
    return None


def whole_entries(entries):
    """The entries with each line sent in parts put back together (its parts' texts in part order, as the docs say to
    collect them), so that a line split within a vendor's per-event limit counts as arrived, not as garbled. A line
    whose parts did not all arrive stays as its parts (they then count as unattributable or garbled). The same line
    arrives once per invocation: the k-th copy of each part makes the k-th line."""
    out, groups, order = [], {}, []
    for entry in entries:
        fields = part_fields(entry)
        if fields is None:
            out.append(entry)
            continue
        of, part, parts = fields
        if of not in groups:
            groups[of] = {'parts': parts, 'by_part': {}}
            order.append(of)
        groups[of]['by_part'].setdefault(part, []).append(entry)
    for of in order:
        group = groups[of]
        by_part = group['by_part']
        copies = min(len(by_part.get(p, [])) for p in range(1, group['parts'] + 1))
        for k in range(copies):
            texts = []
            for p in range(1, group['parts'] + 1):
                e = by_part[p][k]
                text = e.get('event') if isinstance(e.get('event'), str) else e.get('message')
                texts.append(text if isinstance(text, str) else '')
            out.append({'message': ''.join(texts)})
        for p, got in by_part.items():
            out.extend(got[copies:])
    return out


def strings_of(value, out):
    if isinstance(value, str):
        out.append(value)
        s = value.strip()
        if s.startswith('{') and s.endswith('}'):
            try:
                strings_of(json.loads(s), out)
            except ValueError:
                pass
    elif isinstance(value, dict):
        for v in value.values():
            strings_of(v, out)
    elif isinstance(value, list):
        for v in value:
            strings_of(v, out)
    return out


class Intake:
    """One HTTPS server for every contender (they run one at a time): answers as each vendor's intake does and keeps
    what arrived for the contender currently running."""

    def __init__(self, cert, key):
        self.lock = threading.Lock()
        self.reset()
        intake = self

        class Handler(http.server.BaseHTTPRequestHandler):
            protocol_version = 'HTTP/1.1'
            # answer at once: with Nagle on, a client that reuses its connection waits ~40 ms (delayed ACK) per request
            disable_nagle_algorithm = True

            def log_message(self, *args):
                pass

            def do_GET(self):  # Datadog's forwarder validates its API key at init
                self.answer(200, b'{"valid":true}')

            def do_POST(self):
                if 'chunked' in (self.headers.get('Transfer-Encoding') or '').lower():
                    body = self.read_chunked()  # Sumo Logic's client streams its gzip body
                else:
                    body = self.rfile.read(int(self.headers.get('Content-Length') or 0))
                with intake.lock:
                    intake.requests.append((self.path, dict(self.headers), body))
                if self.path.startswith('/services/collector'):
                    self.answer(200, b'{"text":"Success","code":0}')
                elif self.path.startswith('/api/v2/logs'):
                    self.answer(202, b'{}')
                else:
                    self.answer(200, b'')

            def read_chunked(self):
                parts = []
                while True:
                    size = int(self.rfile.readline().split(b';')[0].strip() or b'0', 16)
                    if size == 0:
                        while self.rfile.readline() not in (b'\r\n', b'\n', b''):
                            pass  # trailers
                        return b''.join(parts)
                    parts.append(self.rfile.read(size))
                    self.rfile.readline()

            def answer(self, status, body):
                self.send_response(status)
                self.send_header('Content-Type', 'application/json')
                self.send_header('Content-Length', str(len(body)))
                self.end_headers()
                self.wfile.write(body)

        try:
            # Sumo Logic's client drops the port of SUMO_ENDPOINT (it copies only hostname and path), so its requests
            # always go to 443: the intake listens there when it can
            self.server = http.server.ThreadingHTTPServer(('127.0.0.1', 443), Handler)
        except OSError as e:
            print('warning: cannot listen on 127.0.0.1:443 (%s); peer-sumologic will fail to connect' % e)
            self.server = http.server.ThreadingHTTPServer(('127.0.0.1', 0), Handler)
        self.server.daemon_threads = True
        context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        context.load_cert_chain(cert, key)
        # the TLS handshake on the connection's own thread, not in accept(): one slow client must not stall the others
        self.server.socket = context.wrap_socket(self.server.socket, server_side=True, do_handshake_on_connect=False)
        self.port = self.server.server_address[1]
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def reset(self):
        with self.lock:
            self.requests = []

    def check(self, expected, invocations):
        """Lost / duplicated / garbled entries over all invocations of one run, plus bytes and requests."""
        with self.lock:
            requests = list(self.requests)
        seen, garbled, unknown = {}, 0, 0
        for entry in whole_entries(e for _, headers, body in requests for e in entries_of(body, headers)):
            strings = strings_of(entry, [])
            marks = {m for s in strings for m in SEQ.findall(s)}
            if len(marks) != 1:
                unknown += 1
                continue
            mark = marks.pop()
            seen[mark] = seen.get(mark, 0) + 1
            want = expected.get(mark)
            if want is None or not all(w in strings for w in want):
                garbled += 1
        lost = sum(max(0, invocations - seen.get(m, 0)) for m in expected)
        duplicated = sum(max(0, n - invocations) for n in seen.values())
        return {'requests': len(requests), 'wire_bytes': sum(len(b) for _, _, b in requests),
                'entries_received': sum(seen.values()), 'lost': lost, 'duplicated': duplicated,
                'garbled': garbled, 'unattributable': unknown}


# ---------------------------------------------------------------- AWS fakes (moto_server: the real part we have)

def free_port():
    with socket.socket() as s:
        s.bind(('127.0.0.1', 0))
        return s.getsockname()[1]


def start_moto(workdir):
    if shutil.which('moto_server') is None:
        sys.exit("moto_server is missing: pip install 'moto[server]==5.2.1'")
    port = free_port()
    log = open(os.path.join(workdir, 'moto.log'), 'w')
    proc = subprocess.Popen(['moto_server', '-H', '127.0.0.1', '-p', str(port)], stdout=log, stderr=log)
    endpoint = 'http://127.0.0.1:%d' % port
    for _ in range(100):
        try:
            socket.create_connection(('127.0.0.1', port), timeout=0.2).close()
            break
        except OSError:
            time.sleep(0.1)
    return proc, endpoint


def aws_env(endpoint):
    return {'AWS_ENDPOINT_URL': endpoint, 'AWS_REGION': 'us-east-1', 'AWS_DEFAULT_REGION': 'us-east-1',
            'AWS_ACCESS_KEY_ID': 'AKIDFAKEFAKEFAKE', 'AWS_SECRET_ACCESS_KEY': 'fake-secret-access-key'}


def aws_setup(endpoint, intake_port):
    import boto3
    env = aws_env(endpoint)
    kw = dict(endpoint_url=endpoint, region_name='us-east-1', aws_access_key_id=env['AWS_ACCESS_KEY_ID'],
              aws_secret_access_key=env['AWS_SECRET_ACCESS_KEY'])
    sm, sqs = boto3.client('secretsmanager', **kw), boto3.client('sqs', **kw)
    arns = {
        'datadog': sm.create_secret(Name='bench/datadog', SecretString=DD_KEY)['ARN'],
        'splunk': sm.create_secret(Name='bench/splunk', SecretString=HEC_TOKEN)['ARN'],
        'sumologic': sm.create_secret(Name='bench/sumologic',
                                      SecretString='https://127.0.0.1:%d%s' % (intake_port, SUMO_PATH))['ARN'],
    }
    dlq = sqs.create_queue(QueueName='bench-dlq')['QueueUrl']
    on_failure = sqs.create_queue(QueueName='bench-on-failure')['QueueUrl']
    return arns, dlq, on_failure


# ---------------------------------------------------------------- contenders

def contenders(workdir, intake_port, endpoint, arns, dlq, on_failure):
    base = dict(os.environ)
    base.update(aws_env(endpoint))
    ca = os.path.join(workdir, 'tls', 'cert.pem')
    intake = 'https://127.0.0.1:%d' % intake_port
    zipdir = os.path.join(workdir, 'ours')
    java_cp = os.pathsep.join([zipdir, os.path.join(zipdir, 'lib', '*'), os.path.join(workdir, 'runner-java')])
    out = {}
    # SnapStart first: it is what the generated stacks deploy (the plain names); then the snapStart=false opt-out
    for mode, suffix in [('snapstart', ''), ('on_demand', '-on-demand')]:
        for vendor in ['datadog', 'splunk', 'sumologic']:
            env = dict(base)
            env.update({'MEDPLUM_LOGS_VENDOR': vendor, 'MEDPLUM_LOGS_SECRET_ARN': arns[vendor],
                        'MEDPLUM_LOGS_DLQ_URL': dlq, 'MEDPLUM_LOGS_ON_FAILURE_QUEUE_URL': on_failure,
                        'AWS_LAMBDA_LOG_GROUP_NAME': '/aws/lambda/medplum-logs-forwarder',
                        # the trust store holds the intake's self-signed certificate: TLS is verified, as for the peers
                        'JAVA_TOOL_OPTIONS': os.environ['OURS_JVM_OPTIONS_' + mode.upper()]
                        + ' -Djavax.net.ssl.trustStore=%s -Djavax.net.ssl.trustStorePassword=changeit'
                        % os.path.join(workdir, 'tls', 'truststore.p12')})
            if vendor != 'sumologic':
                env['MEDPLUM_LOGS_ENDPOINT'] = intake
            java = ['java', '-XX:+UseSerialGC']
            if mode == 'snapstart':
                # as Lambda sets it for the init a snapshot is taken of; the runner then calls the restore hook
                env['AWS_LAMBDA_INITIALIZATION_TYPE'] = 'snap-start'
                java.append('-Dbench.restore=true')
            out['ours-' + vendor + suffix] = (java + ['-cp', java_cp, 'Runner',
                                                      'io.medplumlogs.forwarder.ForwarderHandler'], env, vendor)
    node = os.path.join(HERE, 'runners', 'runner.js')
    env = dict(base, SPLUNK_HEC_URL=intake + '/services/collector', SPLUNK_HEC_TOKEN=HEC_TOKEN,
               NODE_EXTRA_CA_CERTS=ca)
    out['peer-splunk'] = (['node', node, os.path.join(workdir, 'peer-splunk', 'index.js'), 'handler'], env, 'splunk')
    env = dict(base, SUMO_ENDPOINT=intake + SUMO_PATH, NODE_EXTRA_CA_CERTS=ca)
    out['peer-sumologic'] = (['node', node, os.path.join(workdir, 'peer-sumologic', 'cloudwatchlogs_lambda.js'),
                              'handler'], env, 'sumologic')
    dd = os.path.join(workdir, 'peer-datadog')
    env = dict(base, DD_API_KEY_SECRET_ARN=arns['datadog'], DD_SITE='datadoghq.com', DD_URL='127.0.0.1',
               DD_PORT=str(intake_port), DD_API_URL=intake, REQUESTS_CA_BUNDLE=ca, DD_ENHANCED_METRICS='false',
               DD_FETCH_LAMBDA_TAGS='false', DD_FETCH_LOG_GROUP_TAGS='false', DD_FETCH_S3_TAGS='false',
               DD_TRACE_ENABLED='false', DD_STORE_FAILED_EVENTS='false', AWS_LAMBDA_FUNCTION_NAME='bench')
    out['peer-datadog'] = (['python3', os.path.join(HERE, 'runners', 'runner.py'), dd, 'lambda_function',
                            'lambda_handler'], env, 'datadog')
    return out


def run_one(name, spec, event_file, invocations, workdir, round_no):
    argv, env, _ = spec
    argv = argv + [event_file, str(invocations)]
    if name == 'peer-datadog':  # extra sys.path entries: our stand-ins for tracing/metrics, then its dependencies
        argv += [os.path.join(HERE, 'stubs'), os.path.join(workdir, 'peer-datadog-deps')]
    stdout = open(os.path.join(workdir, 'logs', '%s-round%d.out' % (name, round_no)), 'w')
    start = time.perf_counter()
    proc = subprocess.Popen(argv, env=env, stdout=stdout, stderr=subprocess.PIPE, text=True, encoding='utf-8',
                            errors='replace')
    r = {'invoke_ms': [], 'errors': 0, 'stderr_tail': []}
    for line in proc.stderr:
        now = (time.perf_counter() - start) * 1000
        if not line.startswith('MARK '):
            r['stderr_tail'] = (r['stderr_tail'] + [line.rstrip()[:300]])[-5:]
            continue
        parts = line.split()
        if parts[1] == 'init':
            r['init_wall_ms'] = round(now, 1)
        elif parts[1] == 'restore':
            r['restore_hook_ms'] = float(parts[2])
        elif parts[1] == 'invoke':
            r['invoke_ms'].append(float(parts[3]))
            r['errors'] += parts[4] != 'ok'
            if parts[2] == '0':
                r['cold_wall_ms'] = round(now, 1)
        elif parts[1] == 'rss_kib':
            r['rss_mib'] = round(int(parts[2]) / 1024, 1)
    r['exit'] = proc.wait(timeout=600)
    with open(os.path.join(workdir, 'logs', '%s-round%d.invocations.json' % (name, round_no)), 'w') as f:
        json.dump(r['invoke_ms'], f)  # every invocation's time, in order (the summary keeps medians)
    if 'restore_hook_ms' in r and r['invoke_ms']:
        # the SnapStart proxy's cold start: restore hook + first invocation, both measured in the child
        r['snapstart_cold_ms'] = round(r['restore_hook_ms'] + r['invoke_ms'][0], 2)
    if not r['errors'] and r['exit'] == 0:
        r.pop('stderr_tail')
    return r


def median(values):
    return round(statistics.median(values), 2) if values else None


def main():
    workdir = os.path.abspath(sys.argv[1])
    rounds = int(os.environ.get('ROUNDS', '5'))
    invocations = int(os.environ.get('INVOCATIONS', '6'))
    os.makedirs(os.path.join(workdir, 'logs'), exist_ok=True)
    batches = {}
    for kind in ['non_ascii', 'ascii']:
        events, invocation, decoded = build_batch(kind == 'ascii')
        path = os.path.join(workdir, 'batch-1mib-%s.json' % kind)
        with open(path, 'wb') as f:
            f.write(invocation)
        batches[kind] = (path, expectations(events))
    intake = Intake(os.path.join(workdir, 'tls', 'cert.pem'), os.path.join(workdir, 'tls', 'key.pem'))
    moto, endpoint = start_moto(workdir)
    try:
        arns, dlq, on_failure = aws_setup(endpoint, intake.port)
        specs = contenders(workdir, intake.port, endpoint, arns, dlq, on_failure)
        only = os.environ.get('CONTENDERS')
        names = [n for n in specs if not only or n in only.split(',')]
        print('batch: %d events, %d bytes decoded, %d bytes invocation; %d rounds x %d invocations; contenders %s'
              % (len(events), decoded, len(invocation), rounds, invocations, ', '.join(names)), flush=True)
        runs = {n: [] for n in names}
        integrity = {}
        # round 0 sends the batch with non-ASCII text and is not timed: it checks what arrives (and warms the page
        # cache); the timed rounds send the same batch with ASCII only, which every contender can process
        for round_no in range(rounds + 1):
            order = names[round_no % len(names):] + names[:round_no % len(names)]
            event_file, expected = batches['non_ascii' if round_no == 0 else 'ascii']
            for name in order:
                intake.reset()
                r = run_one(name, specs[name], event_file, invocations, workdir, round_no)
                r.update(intake.check(expected, invocations))
                r['wire_bytes_per_invocation'] = r.pop('wire_bytes') // invocations
                print('round %d %-25s cold %7s ms init %7s ms first %7.1f ms warm %7s ms rss %5s MiB lost %d '
                      'garbled %d dup %d exit %d' % (round_no, name, cold_of(r), r.get('init_wall_ms'),
                                                     r['invoke_ms'][0] if r['invoke_ms'] else -1,
                                                     median(r['invoke_ms'][1:]), r.get('rss_mib'), r['lost'],
                                                     r['garbled'], r['duplicated'], r['exit']), flush=True)
                if round_no > 0:
                    runs[name].append(r)
                else:
                    integrity[name] = {k: r.get(k) for k in ['lost', 'garbled', 'duplicated', 'unattributable',
                                                            'errors', 'exit']}
    finally:
        moto.terminate()
        intake.server.shutdown()
    summarize(runs, integrity, len(events), decoded, len(invocation), rounds, invocations)


def summarize(runs, integrity, events, decoded, invocation_bytes, rounds, invocations):
    per = {}
    for name, rs in runs.items():
        warm = [median(r['invoke_ms'][1:]) for r in rs if len(r['invoke_ms']) > 1]
        cold = [cold_of(r) for r in rs if cold_of(r) is not None]
        spawn = [r['cold_wall_ms'] for r in rs if 'cold_wall_ms' in r]
        per[name] = {
            'cold_kind': COLD_SNAPSTART if is_snapstart(name) else COLD_SPAWN,
            'warm_ms': median(warm), 'warm_ms_rounds': warm,
            'cold_ms': median(cold), 'cold_ms_rounds': cold,
            'spawn_to_first_answered_ms': median(spawn),
            'init_ms': median([r['init_wall_ms'] for r in rs if 'init_wall_ms' in r]),
            'restore_hook_ms': median([r['restore_hook_ms'] for r in rs if 'restore_hook_ms' in r]),
            'first_invocation_ms': median([r['invoke_ms'][0] for r in rs if r['invoke_ms']]),
            'rss_mib': median([r['rss_mib'] for r in rs if 'rss_mib' in r]),
            'wire_bytes_per_invocation': median([r['wire_bytes_per_invocation'] for r in rs]),
            'requests_per_invocation': median([r['requests'] / invocations for r in rs]),
            'lost': sum(r['lost'] for r in rs), 'garbled': sum(r['garbled'] for r in rs),
            'duplicated': sum(r['duplicated'] for r in rs), 'unattributable': sum(r['unattributable'] for r in rs),
            'errors': sum(r['errors'] for r in rs), 'failed_runs': sum(r['exit'] != 0 for r in rs),
        }
        for r in rs:
            if 'stderr_tail' in r:
                per[name]['stderr_tail'] = r['stderr_tail']
    peers = {n: p for n, p in per.items() if n.startswith('peer-') and p['warm_ms']}
    ours = {n: p for n, p in per.items() if n.startswith('ours-') and is_snapstart(n) and p['warm_ms']}
    on_demand = {n: p for n, p in per.items() if n.startswith('ours-') and not is_snapstart(n) and p['warm_ms']}
    out = {'date': datetime.datetime.now(datetime.timezone.utc).strftime('%Y-%m-%dT%H:%MZ'),
           'command': COMMAND, 'load_average': os.getloadavg(),
           'batch': {'events': events, 'decoded_bytes': decoded, 'invocation_bytes': invocation_bytes},
           'rounds': rounds, 'invocations_per_run': invocations, 'contenders': per,
           'non_ascii_batch_integrity': integrity}
    keys = {}
    if peers and (ours or on_demand):
        fastest_warm = min(peers.values(), key=lambda p: p['warm_ms'])
        fastest_cold = min(peers.values(), key=lambda p: p['cold_ms'])
        fw = [n for n, p in peers.items() if p is fastest_warm][0]
        fc = [n for n, p in peers.items() if p is fastest_cold][0]
        out['cold_definition'] = (
            'ours (SnapStart, the deployed default): afterRestore hook + first invocation, measured in the child after '
            'an init with AWS_LAMBDA_INITIALIZATION_TYPE=snap-start; Lambda\'s own snapshot restore is not in it. '
            'ours-*-on-demand and peers: process spawn -> first invocation answered, wall clock')
        for mode, contenders_, suffix in [('snapstart', ours, ''), ('on_demand', on_demand, '_on_demand')]:
            if not contenders_:
                continue
            warm_ratios = {n: round(p['warm_ms'] / fastest_warm['warm_ms'], 3) for n, p in contenders_.items()}
            cold_ratios = {n: round(p['cold_ms'] / fastest_cold['cold_ms'], 3) for n, p in contenders_.items()}
            # per round, paired: ours / fastest peer in the same round (spread)
            out['warm_ratio_vs_fastest_peer' + suffix] = {'fastest_peer': fw, 'per_path': warm_ratios,
                                                          'per_round_worst_path': paired(runs, contenders_, fw, 'warm')}
            out['cold_ratio_vs_fastest_peer' + suffix] = {'fastest_peer': fc, 'per_path': cold_ratios,
                                                          'per_round_worst_path': paired(runs, contenders_, fc, 'cold')}
            if mode == 'snapstart':
                keys = {'forwarder_ratio_vs_fastest_peer': max(warm_ratios.values()),
                        'forwarder_cold_ratio_vs_peers': max(cold_ratios.values())}
            else:
                out['forwarder_ratio_vs_fastest_peer_on_demand'] = max(warm_ratios.values())
                out['forwarder_cold_ratio_vs_peers_on_demand'] = max(cold_ratios.values())
    with open(os.path.join(os.path.abspath(sys.argv[1]), 'peers.json'), 'w') as f:
        json.dump(out, f, indent=2)
    for name, p in per.items():
        print('%-25s warm %8s ms  cold %8s ms (%s)  init %8s ms  first %8s ms  rss %6s MiB  wire %8s B/inv  '
              'ascii batch lost/garbled/dup %d/%d/%d  non-ASCII batch %s'
              % (name, p['warm_ms'], p['cold_ms'], p['cold_kind'].split(':')[0], p['init_ms'],
                 p['first_invocation_ms'], p['rss_mib'],
                 p['wire_bytes_per_invocation'], p['lost'], p['garbled'], p['duplicated'], integrity.get(name)))
    merged = dict(keys)
    merged['forwarder_peers_details'] = out
    results.merge(merged, COMMAND)
    for k, v in keys.items():
        print('%s = %s' % (k, v))
    if 'forwarder_cold_ratio_vs_peers_on_demand' in out:
        print('forwarder_cold_ratio_vs_peers_on_demand = %s (in forwarder_peers_details)'
              % out['forwarder_cold_ratio_vs_peers_on_demand'])


COLD_SNAPSTART = 'snapstart_proxy: afterRestore hook + first invocation answered (child-measured)'
COLD_SPAWN = 'spawn_to_first_answered: process spawn -> first invocation answered (wall clock)'


def is_snapstart(name):
    return name.startswith('ours-') and not name.endswith('-on-demand')


def cold_of(r):
    """A run's cold start: the SnapStart proxy for ours as deployed, spawn -> first answered for everyone else."""
    return r.get('snapstart_cold_ms', r.get('cold_wall_ms'))


def paired(runs, ours, peer, kind):
    def value(r):
        if kind == 'warm':
            return statistics.median(r['invoke_ms'][1:]) if len(r['invoke_ms']) > 1 else None
        return cold_of(r)
    out = []
    for i in range(min(len(runs[peer]), *(len(runs[n]) for n in ours))):
        p = value(runs[peer][i])
        if p:
            out.append(round(max(value(runs[n][i]) / p for n in ours if value(runs[n][i])), 3))
    return out


if __name__ == '__main__':
    main()
