package io.medplumlogs.forwarder.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import io.medplumlogs.contract.IntakeLimits;
import io.medplumlogs.contract.SplunkEventBytes;
import io.medplumlogs.contract.Vendor;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;
import java.util.zip.GZIPInputStream;
import javax.net.ssl.SSLContext;

/**
 * An in-process vendor intake (Datadog, Splunk HEC or Sumo Logic) that records every request and answers as the vendor
 * does (Datadog 202 {@code {}}, HEC 200 {@code {"text":"Success","code":0}}, Sumo 200), unless told to fail:
 * {@link #enqueue} scripted answers for the next requests, {@link #failWhen} a standing rule; {@link #holdWhen} keeps
 * a request unanswered until something else happened (another request arrived or was answered).
 */
public final class FakeVendor extends FakeHttpServer {

    /** Path part of the fake Sumo HTTP source URL; the token in it is the credential. */
    public static final String SUMO_PATH = "/receiver/v1/http/ZaVnC4dhaV2ZFakeSourceToken==";

    /** Datadog drops an event older than this although it answers 202 (see {@link #acceptedEntries}). */
    public static final Duration DATADOG_MAX_AGE = Duration.ofHours(18);
    /** Nor one dated further ahead than this ("up to 18 hours in the past and two hours in the future"). */
    public static final Duration DATADOG_MAX_LEAD = Duration.ofHours(2);

    /** How long {@link #holdWhen} holds at most. */
    public static final long HOLD_MAX_MILLIS = 5_000;

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Vendor vendor;
    private final List<Request> requests = Collections.synchronizedList(new ArrayList<>());
    private final ConcurrentLinkedQueue<Answer> script = new ConcurrentLinkedQueue<>();
    private final List<Rule> rules = Collections.synchronizedList(new ArrayList<>());
    private final List<Hold> holds = Collections.synchronizedList(new ArrayList<>());
    private final AtomicInteger arrived = new AtomicInteger();

    private FakeVendor(Vendor vendor, SSLContext tls) {
        super(tls);
        this.vendor = vendor;
    }

    public static FakeVendor start(Vendor vendor) {
        return new FakeVendor(vendor, null);
    }

    /** HTTPS with the server side of {@code tls} (see {@link SelfSignedTls}). */
    public static FakeVendor startHttps(Vendor vendor, SSLContext tls) {
        return new FakeVendor(vendor, tls);
    }

    /** The Sumo Logic HTTP source URL of this fake (what the secret holds). */
    public String sumoSourceUrl() {
        return baseUrl() + SUMO_PATH;
    }

    /** The next requests get these answers, in order; afterwards the vendor's success answer. */
    public FakeVendor enqueue(Answer... answers) {
        script.addAll(List.of(answers));
        return this;
    }

    /** Every request matching {@code when} gets {@code status}, before any scripted answer. */
    public FakeVendor failWhen(Predicate<Request> when, int status) {
        rules.add(new Rule(when, status));
        return this;
    }

    /**
     * A request matching {@code when} is neither answered nor recorded in {@link #requests()} until {@code until} holds
     * (checked every few milliseconds), or at most {@link #HOLD_MAX_MILLIS}: a forwarder that waits for this answer
     * before sending what {@code until} waits for times out instead.
     */
    public FakeVendor holdWhen(Predicate<Request> when, BooleanSupplier until) {
        holds.add(new Hold(when, until));
        return this;
    }

    /** Requests that reached the fake, held ones included (they are in {@link #requests()} once answered). */
    public int arrived() {
        return arrived.get();
    }

    public List<Request> requests() {
        synchronized (requests) {
            return List.copyOf(requests);
        }
    }

    /** Requests the fake answered with 2xx: what the vendor took. */
    public List<Request> accepted() {
        return requests().stream().filter(r -> r.status() / 100 == 2).toList();
    }

    /**
     * The entries of all accepted requests that the vendor keeps, in arrival order. Datadog keeps no entry whose
     * {@code timestamp} is more than 18 hours in the past, though it answers 202 for the request (Datadog API reference,
     * "Send logs", docs.datadoghq.com/api/latest/logs/: "Log events can be submitted with a timestamp that is up to 18
     * hours in the past"), nor one more than 2 hours ahead (its Log Date Remapper page: "up to 18 hours in the past and
     * two hours in the future"): such an entry is lost, and so it is not here.
     */
    public List<JsonNode> acceptedEntries() {
        return accepted().stream().flatMap(r -> r.entries().stream()).filter(this::kept).map(this::asIndexed)
                .toList();
    }

    /**
     * How long Splunk's events may be before it cuts them: its sourcetype's {@code TRUNCATE} (props.conf), 10 000
     * bytes unless an admin changed it ({@link #splunkTruncate}).
     */
    private volatile int splunkTruncateBytes = SplunkEventBytes.DEFAULT;

    /** A Splunk whose sourcetype has {@code TRUNCATE = bytes}. */
    public void splunkTruncate(int bytes) {
        splunkTruncateBytes = bytes;
    }

    /**
     * The entry as the vendor keeps it. Splunk indexes an event's text ({@code _raw}: a string event as it is, an object
     * event as its JSON) only up to {@code TRUNCATE} bytes and drops the rest; an object cut there no longer parses, so
     * what remains is text.
     */
    private JsonNode asIndexed(JsonNode entry) {
        JsonNode event = entry.get("event");
        if (vendor != Vendor.SPLUNK || event == null) {
            return entry;
        }
        String raw = event.isTextual() ? event.asText() : event.toString();
        byte[] bytes = raw.getBytes(StandardCharsets.UTF_8);
        if (bytes.length <= splunkTruncateBytes) {
            return entry;
        }
        ObjectNode cut = entry.deepCopy();
        cut.put("event", new String(bytes, 0, splunkTruncateBytes, StandardCharsets.UTF_8));
        return cut;
    }

    /** Whether the vendor keeps this accepted entry (see {@link #acceptedEntries}). */
    public boolean kept(JsonNode entry) {
        return vendor != Vendor.DATADOG || datadogKeeps(entry);
    }

    /** Whether Datadog keeps this entry, by the time it reads in its {@code timestamp} (see {@link #acceptedEntries}). */
    public static boolean datadogKeeps(JsonNode entry) {
        Optional<Instant> time = datadogTime(entry.get("timestamp"));
        Instant now = Instant.now();
        return time.isEmpty()
                || !time.get().isBefore(now.minus(DATADOG_MAX_AGE)) && !time.get().isAfter(now.plus(DATADOG_MAX_LEAD));
    }

    /** Datadog reads {@code timestamp} as epoch milliseconds or an ISO-8601 date (its date attribute formats). */
    private static Optional<Instant> datadogTime(JsonNode time) {
        if (time == null) {
            return Optional.empty();
        }
        if (time.isNumber()) {
            return Optional.of(Instant.ofEpochMilli(time.asLong()));
        }
        try {
            return Optional.of(OffsetDateTime.parse(time.asText()).toInstant());
        } catch (DateTimeParseException notIso) {
            return Optional.empty();
        }
    }

    @Override
    void handle(HttpExchange exchange) throws IOException {
        byte[] raw = exchange.getRequestBody().readAllBytes();
        Map<String, String> headers = new TreeMap<>();
        exchange.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(Locale.ROOT), String.join(",", v)));
        String body = "gzip".equals(headers.get("content-encoding")) ? gunzip(raw)
                : new String(raw, StandardCharsets.UTF_8);
        Request draft = new Request(vendor, exchange.getRequestMethod(), exchange.getRequestURI().getPath(), headers,
                raw.length, body, 0);
        arrived.incrementAndGet();
        hold(draft);
        Answer answer = beyondLimits(draft);
        synchronized (rules) {
            for (Rule rule : rules) {
                if (answer != null) {
                    break;
                }
                if (rule.when().test(draft)) {
                    answer = Answer.status(rule.status());
                    break;
                }
            }
        }
        if (answer == null) {
            answer = script.poll();
        }
        if (answer == null) {
            answer = Answer.status(vendor == Vendor.DATADOG ? 202 : 200);
        }
        // a slow or stalled answer is recorded as not taken: the client gave up, and the fake does not keep it either
        int recorded = answer.delayMillis() > 0 || answer.bodyStallMillis() > 0 ? -1 : answer.status();
        requests.add(new Request(vendor, draft.method(), draft.path(), headers, raw.length, body, recorded));
        if (answer.delayMillis() > 0) {
            try {
                Thread.sleep(answer.delayMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (answer.bodyStallMillis() > 0) {
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(answer.status(), 1000);
            exchange.getResponseBody().write("{\"errors\":".getBytes(StandardCharsets.UTF_8));
            exchange.getResponseBody().flush();
            pause(answer.bodyStallMillis());
            return;
        }
        if (answer.retryAfter() != null) {
            exchange.getResponseHeaders().set("Retry-After", answer.retryAfter());
        }
        respond(exchange, answer.status(), answer.body() != null ? answer.body() : successBody(answer.status()));
    }

    /**
     * The vendor's refusal of a request beyond its documented limits (the contract's numbers, which are at most the
     * vendor's), or null: a forwarder that broke them would pass against a fake that takes anything.
     * <ul>
     *   <li>Datadog, "Send logs" (docs.datadoghq.com/api/latest/logs/): at most 5 MB uncompressed per payload ("413:
     *   Payload too large") and 1000 entries per array (refused here with 400, the reference's "Bad request").</li>
     *   <li>Splunk HEC: a body above {@code max_content_length} is refused with 413; a blank string event refuses the
     *   whole request ("Event field cannot be blank", code 13), a missing one too ("Event field is required", code
     *   12).</li>
     *   <li>Sumo Logic, "HTTP Logs and Metrics Source": a request is never to exceed 1 MB before compression.</li>
     * </ul>
     */
    private Answer beyondLimits(Request request) {
        IntakeLimits limits = vendor.limits();
        if (request.body().getBytes(StandardCharsets.UTF_8).length > limits.maxBytesPerRequest()) {
            return Answer.status(413, vendor == Vendor.SPLUNK ? "{\"text\":\"Content too large\",\"code\":27}"
                    : "{\"errors\":[\"payload too large\"]}");
        }
        if (!request.path().equals("/api/v2/logs") && vendor == Vendor.DATADOG) {
            return null;
        }
        List<JsonNode> entries;
        try {
            entries = request.entries();
        } catch (UncheckedIOException notTheVendorsFormat) {
            return Answer.status(400, vendor == Vendor.SPLUNK ? "{\"text\":\"Invalid data format\",\"code\":6}"
                    : "{\"errors\":[\"bad request\"]}");
        }
        if (vendor == Vendor.DATADOG && entries.size() > limits.maxEntriesPerRequest()) {
            return Answer.status(400, "{\"errors\":[\"too many entries\"]}");
        }
        if (vendor == Vendor.SPLUNK) {
            for (int i = 0; i < entries.size(); i++) {
                JsonNode event = entries.get(i).get("event");
                if (event == null || event.isNull()) {
                    return Answer.status(400, "{\"text\":\"Event field is required\",\"code\":12,"
                            + "\"invalid-event-number\":" + i + "}");
                }
                if (event.isTextual() && event.asText().isBlank()) {
                    return Answer.status(400, "{\"text\":\"Event field cannot be blank\",\"code\":13,"
                            + "\"invalid-event-number\":" + i + "}");
                }
            }
        }
        return null;
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void hold(Request draft) {
        List<Hold> matching;
        synchronized (holds) {
            matching = holds.stream().filter(h -> h.when().test(draft)).toList();
        }
        long end = System.nanoTime() + HOLD_MAX_MILLIS * 1_000_000L;
        for (Hold hold : matching) {
            while (!hold.until().getAsBoolean() && System.nanoTime() < end) {
                try {
                    Thread.sleep(5);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    private String successBody(int status) {
        if (status / 100 != 2) {
            return vendor == Vendor.SPLUNK ? "{\"text\":\"Invalid data format\",\"code\":6}" : "{\"errors\":[\"fake\"]}";
        }
        return switch (vendor) {
            case DATADOG -> "{}";
            case SPLUNK -> "{\"text\":\"Success\",\"code\":0}";
            case SUMOLOGIC -> "";
        };
    }

    private static String gunzip(byte[] raw) {
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(raw))) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A scripted answer; {@code body} {@code null} = the vendor's usual body for the status. */
    /** {@code retryAfter}: the Retry-After header's value as sent, {@code null} for none. */
    public record Answer(int status, long delayMillis, String retryAfter, String body, long bodyStallMillis) {

        public static Answer status(int status) {
            return new Answer(status, 0, null, null, 0);
        }

        /** An answer with this body (an error message that echoes what it got, say). */
        public static Answer status(int status, String body) {
            return new Answer(status, 0, null, body, 0);
        }

        /** Answer only after {@code millis}: past the forwarder's request timeout in tests. */
        public static Answer slow(long millis, int status) {
            return new Answer(status, millis, null, null, 0);
        }

        /**
         * Send the status line, the headers and the first bytes of the body at once, then nothing for {@code millis}
         * (a stalled connection): the client has its answer's status but never its whole body.
         */
        public static Answer stalledBody(long millis, int status) {
            return new Answer(status, 0, null, null, millis);
        }

        public static Answer throttled(int retryAfterSeconds) {
            return throttled(retryAfterSeconds > 0 ? String.valueOf(retryAfterSeconds) : null);
        }

        /** A 429 whose Retry-After header is {@code retryAfter} as written. */
        public static Answer throttled(String retryAfter) {
            return new Answer(429, 0, retryAfter, null, 0);
        }
    }

    private record Rule(Predicate<Request> when, int status) {
    }

    private record Hold(Predicate<Request> when, BooleanSupplier until) {
    }

    /**
     * One request as the fake saw it.
     *
     * @param headers lower-cased names
     * @param compressedBytes size on the wire
     * @param body the body after gunzip
     * @param status what the fake answered; -1 for an answer delayed past the client's patience
     */
    public record Request(Vendor vendor, String method, String path, Map<String, String> headers, int compressedBytes,
            String body, int status) {

        public String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }

        /** The body's entries: Datadog's array elements, or one JSON object per line for HEC and Sumo. */
        public List<JsonNode> entries() {
            try {
                List<JsonNode> entries = new ArrayList<>();
                if (vendor == Vendor.DATADOG) {
                    JSON.readTree(body).forEach(entries::add);
                } else {
                    for (String line : body.split("\n")) {
                        entries.add(JSON.readTree(line));
                    }
                }
                return entries;
            } catch (IOException e) {
                throw new UncheckedIOException("body is not in the vendor's format: " + body, e);
            }
        }
    }
}
