package io.medplumlogs.bench.forwarder;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.medplumlogs.forwarder.testing.SubscriptionEvents;
import io.medplumlogs.runtime.json.JsonLineFormatter;
import io.medplumlogs.runtime.json.JsonLineLayout;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.logging.Level;
import org.jboss.logmanager.ExtLogRecord;

/**
 * A realistic CloudWatch Logs subscription batch of about 1 MiB (decoded): our own JSON lines, written by
 * {@link JsonLineFormatter}, in a mix of sizes. Deterministic (fixed seed), so every run and every JVM sees the same
 * batch.
 * <ul>
 * <li>55 % "Request served" audit lines (~450 B)</li>
 * <li>30 % application INFO lines with a 40-400 char message (some non-ASCII)</li>
 * <li>12 % WARN lines with a 1-3 KB message (e.g. validation output)</li>
 * <li>3 % ERROR lines with a stack trace and cause (~3-10 KB)</li>
 * </ul>
 */
public final class BatchFactory {

    /** Target size of the decoded payload (CloudWatch sends at most 1 MiB per invocation, decoded). */
    public static final int TARGET_DECODED_BYTES = 1024 * 1024 - 4096;

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String[] WORDS = {"patient", "observation", "encounter", "bundle", "search", "token",
            "réf", "Müller", "naïve", "日本語", "value", "code", "system", "subject", "reference", "period", "status"};

    private BatchFactory() {
    }

    public static Batch build() {
        Random random = new Random(42);
        JsonLineFormatter formatter = new JsonLineFormatter(JsonLineLayout.contract(16384));
        SubscriptionEvents events = SubscriptionEvents.builder();
        List<String> lines = new ArrayList<>();
        long decoded = 400; // envelope: messageType, owner, logGroup, logStream, filters
        long instant = Instant.parse("2026-01-02T03:04:05Z").toEpochMilli();
        int[] mix = new int[4];
        while (true) {
            int pick = random.nextInt(100);
            int kind = pick < 55 ? 0 : pick < 85 ? 1 : pick < 97 ? 2 : 3;
            ExtLogRecord record = record(kind, random, Instant.ofEpochMilli(instant += random.nextInt(20)));
            String line = formatter.format(record);
            line = line.substring(0, line.length() - 1); // awslogs driver strips the newline
            long eventBytes;
            try {
                eventBytes = 56 + 50 + JSON.writeValueAsBytes(line).length; // id, timestamp, keys, escaped message
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                throw new IllegalStateException(e);
            }
            if (decoded + eventBytes > TARGET_DECODED_BYTES) {
                break;
            }
            decoded += eventBytes;
            lines.add(line);
            mix[kind]++;
        }
        events.lines(lines);
        byte[] invocation = events.invocation();
        return new Batch(invocation, events.decodedJson().getBytes(java.nio.charset.StandardCharsets.UTF_8).length,
                lines.size(), mix);
    }

    private static ExtLogRecord record(int kind, Random random, Instant at) {
        Map<String, String> mdc = new LinkedHashMap<>();
        mdc.put("requestId", new UUID(random.nextLong(), random.nextLong()).toString());
        mdc.put("traceId", Long.toHexString(random.nextLong() | Long.MIN_VALUE) + Long.toHexString(random.nextLong() | Long.MIN_VALUE));
        mdc.put("spanId", Long.toHexString(random.nextLong() | Long.MIN_VALUE));
        ExtLogRecord r;
        switch (kind) {
            case 0 -> {
                r = new ExtLogRecord(Level.INFO, "Request served", "org.jboss.logging.Logger");
                r.setLoggerName("io.medplumlogs.audit");
                mdc.put("method", random.nextBoolean() ? "GET" : "POST");
                mdc.put("path", "/fhir/R4/Patient/" + random.nextInt(100000));
                mdc.put("status", random.nextInt(10) == 0 ? "404" : "200");
                mdc.put("durationMs", Integer.toString(random.nextInt(900)));
                mdc.put("clientIp", "10.0." + random.nextInt(256) + "." + random.nextInt(256));
                mdc.put("fhirInteraction", "read");
                mdc.put("resourceType", "Patient");
                mdc.put("userId", "Practitioner/" + random.nextInt(5000));
            }
            case 1 -> {
                r = new ExtLogRecord(Level.INFO, text(random, 40 + random.nextInt(360)), "org.jboss.logging.Logger");
                r.setLoggerName("com.example.fhir.service.PatientService");
            }
            case 2 -> {
                r = new ExtLogRecord(Level.WARNING, "Validation issues: " + text(random, 1000 + random.nextInt(2000)),
                        "org.jboss.logging.Logger");
                r.setLoggerName("ca.uhn.fhir.validation.FhirValidator");
            }
            default -> {
                r = new ExtLogRecord(Level.SEVERE, "Request failed: " + text(random, 80), "org.jboss.logging.Logger");
                r.setLoggerName("com.example.fhir.web.ErrorMapper");
                r.setThrown(exception(20 + random.nextInt(60)));
            }
        }
        r.setInstant(at);
        r.setMdc(mdc);
        return r;
    }

    private static String text(Random random, int chars) {
        StringBuilder b = new StringBuilder(chars + 16);
        while (b.length() < chars) {
            b.append(WORDS[random.nextInt(WORDS.length)]);
            b.append(random.nextInt(8) == 0 ? "=\"" + random.nextInt(1000) + "\" " : " ");
        }
        return b.toString();
    }

    private static Throwable exception(int depth) {
        try {
            recurse(depth);
            throw new AssertionError();
        } catch (IllegalStateException e) {
            return e;
        }
    }

    private static void recurse(int depth) {
        if (depth == 0) {
            try {
                throw new java.io.UncheckedIOException(new java.io.IOException("connection reset by peer"));
            } catch (RuntimeException cause) {
                throw new IllegalStateException("could not load Patient/123", cause);
            }
        }
        recurse(depth - 1);
    }

    /** @param mix counts of audit, info, warn, error lines */
    public record Batch(byte[] invocation, int decodedBytes, int events, int[] mix) {
    }
}
