package io.medplumlogs.forwarder.delivery;

import io.medplumlogs.forwarder.ForwarderLog;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Sends one chunk to the vendor: gzip, then retry 408/429/5xx, timeouts and connection failures with backoff while the
 * deadline allows; any other 4xx is permanent (retrying a bad request only delays the DLQ). A 401/403 is retried once,
 * at once, if reading the secret again (within the deadline, as a request is) found a rotated credential. Failure
 * details never carry the credential.
 */
public final class VendorSender {

    private static final int MIN_ATTEMPT_MILLIS = 50;
    /** How much of an answer's body is kept (bytes): its first 300 characters go into a failure's detail. */
    private static final int MAX_ERROR_BODY = 64 * 1024;

    // (Fields + constructor of plain collaborators: the same Java idiom as other classes, nothing to share.)
    private final VendorCredential credential;
    private final HttpClient http;
    private final RetryPolicy retry;
    private final GzipBody gzip = new GzipBody();

    public VendorSender(VendorCredential credential, HttpClient http, RetryPolicy retry) {
        this.credential = credential;
        this.http = http;
        this.retry = retry;
    }

    /** Gzips and sends {@code chunk}, on the caller's thread. */
    public SendResult send(Chunk chunk, Deadline deadline) {
        return send(chunk, body(chunk, deadline), deadline);
    }

    /**
     * The chunk's gzipped request body. One body at a time (the sender's one Deflater): the invocation's thread makes
     * the bodies, the threads of chunks in flight only send them. Reads the secret, within {@code deadline}, if it is
     * not known yet.
     */
    byte[] body(Chunk chunk, Deadline deadline) {
        return gzip.of(credential.intake(deadline).framing(), chunk.utf8Entries());
    }

    /** Sends {@code body} (made by {@link #body}) with retries; safe on several threads at once. */
    SendResult send(Chunk chunk, byte[] body, Deadline deadline) {
        SendResult result = attempt(chunk, body, deadline);
        return new SendResult(result.delivered(), result.attempts(), credential.redact(result.detail()),
                result.bytesSent(), result.latenciesMillis());
    }

    /** Whether chunks may go out concurrently: the vendor has accepted the current credential (see there). */
    boolean credentialKnownGood() {
        return credential.knownGood();
    }

    private SendResult attempt(Chunk chunk, byte[] body, Deadline deadline) {
        Intake intake = credential.intake(deadline);
        String detail = "not attempted: no time left in the invocation";
        int attempt = 0;
        int requests = 0;
        boolean renewed = false;
        Traffic traffic = new Traffic(body.length);
        while (attempt < retry.maxAttempts()) {
            long timeLeft = deadline.remainingMillis();
            if (timeLeft < MIN_ATTEMPT_MILLIS) {
                break;
            }
            attempt++;
            requests++;
            long retryAfter = 0;
            long timeout = Math.min(retry.requestTimeout().toMillis(), timeLeft);
            try {
                HttpRequest request = intake.newRequest(chunk.metadataHeaders())
                        .header("Content-Encoding", "gzip")
                        .timeout(Duration.ofMillis(timeout))
                        .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                        .build();
                traffic.sending();
                HttpResponse<String> response = exchange(request, timeout);
                traffic.answered();
                int status = response.statusCode();
                if (status / 100 == 2) {
                    credential.accepted(intake);
                    return traffic.result(true, requests, "HTTP " + status);
                }
                // redacted whole, before the excerpt's cut could halve a quoted credential past recognition
                detail = "HTTP " + status + ": " + excerpt(credential.redact(response.body()));
                if ((status == 401 || status == 403) && !renewed) {
                    renewed = true;
                    if (credential.renewAfterRejection(intake, deadline)) {
                        intake = credential.intake(deadline);
                        attempt--; // the rejected credential's request does not use up the chunk's attempts
                        continue;
                    }
                }
                if (!retryable(status)) {
                    return traffic.result(false, requests, "permanent " + detail);
                }
                retryAfter = retryAfterMillis(response);
            } catch (HttpTimeoutException e) {
                detail = "timed out after " + timeout + " ms";
            } catch (IOException e) {
                detail = e.getClass().getSimpleName() + ": " + e.getMessage();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return traffic.result(false, requests, "interrupted");
            } catch (RuntimeException e) {
                // e.g. a header the JDK refuses (its message quotes the value): this chunk fails, not the batch
                return traffic.result(false, requests, "permanent " + e.getClass().getSimpleName() + ": "
                        + e.getMessage());
            }
            if (attempt >= retry.maxAttempts()) {
                break;
            }
            long pause = retry.backoffMillis(attempt, retryAfter);
            if (pause + MIN_ATTEMPT_MILLIS >= deadline.remainingMillis()) {
                detail = detail + " (no time left to retry)";
                break;
            }
            ForwarderLog.warn("Vendor request failed, retrying", "vendor", intake.vendor().id(), "attempt", attempt,
                    "backoffMs", pause, "reason", credential.redact(detail));
            sleep(pause);
        }
        return traffic.result(false, requests, detail);
    }

    /**
     * One request and its whole answer within {@code millis}. The JDK's request timeout covers only the wait for the
     * status and headers: a vendor (or a proxy) that sends those and then stalls the body would hold the chunk's
     * thread past the deadline, until Lambda ends the invocation, retries the whole batch (every chunk already
     * delivered is sent again) and no dead letter is written. So the exchange as a whole, connect and body
     * included, is bounded here, and cancelled when it overruns. The body is kept up to {@link #MAX_ERROR_BODY}
     * characters: only its excerpt is used.
     */
    private HttpResponse<String> exchange(HttpRequest request, long millis) throws IOException, InterruptedException {
        CompletableFuture<HttpResponse<String>> answer = http.sendAsync(request, info -> CappedText.of(MAX_ERROR_BODY));
        try {
            return answer.get(millis, TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            answer.cancel(true);
            throw new HttpTimeoutException("no whole answer within " + millis + " ms");
        } catch (ExecutionException e) {
            if (e.getCause() instanceof IOException io) {
                throw io;
            }
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IOException(e.getCause());
        } catch (InterruptedException e) {
            answer.cancel(true);
            throw e;
        }
    }

    /** Bytes and vendor latency of one chunk's requests, for the forwarder's metrics. */
    private static final class Traffic {
        private final int bodyBytes;
        private final List<Long> latencies = new ArrayList<>();
        private long bytes;
        private long sentAt;

        Traffic(int bodyBytes) {
            this.bodyBytes = bodyBytes;
        }

        void sending() {
            bytes += bodyBytes;
            sentAt = System.nanoTime();
        }

        void answered() {
            latencies.add((System.nanoTime() - sentAt) / 1_000_000L);
        }

        SendResult result(boolean delivered, int attempts, String detail) {
            return new SendResult(delivered, attempts, detail, bytes, latencies);
        }
    }

    static boolean retryable(int status) {
        return status == 408 || status == 429 || status >= 500;
    }

    private static long retryAfterMillis(HttpResponse<?> response) {
        return response.headers().firstValue("Retry-After").map(VendorSender::retryAfterMillis).orElse(0L);
    }

    /**
     * A numeric Retry-After (delta-seconds, digits only) in milliseconds; an HTTP date or other text counts as none
     * (0). Seconds too many for a long in milliseconds are a very long wait, {@link Long#MAX_VALUE}, which the retry
     * policy caps at the longest backoff: read as 0 or as the negative number the multiplication overflowed to, they
     * let the chunk come back at once, to be throttled again.
     */
    static long retryAfterMillis(String value) {
        String seconds = value.trim();
        if (seconds.isEmpty() || !seconds.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return 0L;
        }
        try {
            return Math.multiplyExact(Long.parseLong(seconds), 1000L);
        } catch (NumberFormatException | ArithmeticException tooLong) {
            return Long.MAX_VALUE;
        }
    }

    private static String excerpt(String body) {
        String oneLine = body == null ? "" : body.replaceAll("\\s+", " ").strip();
        if (oneLine.length() <= 300) {
            return oneLine;
        }
        // never half a surrogate pair: a lone one is not text, and JSON writers refuse or mangle it
        return oneLine.substring(0, Character.isHighSurrogate(oneLine.charAt(299)) ? 299 : 300) + "…";
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** {@code entries} framed and gzipped as a chunk's request body, once (the DLQ message, benchmarks). */
    static byte[] gzip(Framing framing, List<String> entries) {
        try (GzipBody gzip = new GzipBody()) {
            return gzip.of(framing, new Chunk(entries, Map.of()).utf8Entries());
        }
    }
}
