package io.medplumlogs.forwarder.delivery;

import io.medplumlogs.forwarder.ForwarderLog;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArraySet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.function.Function;

/**
 * The vendor credential of this execution environment and the intake built from it. Read at cold start; after the
 * vendor rejects it (401/403) the secret is read again, so that a rotation does not send every chunk to the DLQ until
 * the next cold start. Also the one place that knows which strings are secret: {@link #redact} removes them (and, for
 * a URL credential such as Sumo's, its path) from any text that may end up in a log line, an exception or the DLQ.
 * A read during an invocation gets no more time than its vendor requests have left (see {@link Deadline}).
 */
public final class VendorCredential {

    /** Reads the secret's current version (Secrets Manager, {@code AWSCURRENT}). */
    @FunctionalInterface
    public interface Reader {
        /** @param timeoutMillis the whole read, the SDK's retries included, ends by then or throws */
        String read(long timeoutMillis);
    }

    static final String REDACTED = "<redacted>";
    /** A path segment this long is a token, not a word such as {@code http} that would redact innocent text. */
    private static final int MIN_TOKEN_CHARS = 16;

    private final Reader reader;
    private final Function<String, Intake> intakeFor;
    /** Read by {@link #redact} on the threads of chunks in flight while another chunk's rejection adds to it. */
    private final Set<String> secrets = new CopyOnWriteArraySet<>();
    /** Each secret's {@link #inAnyEncoding} pattern, made once. */
    private final Map<String, Pattern> patterns = new ConcurrentHashMap<>();
    private volatile Intake intake;
    private volatile String value;
    /** The intake the vendor last accepted a request from: a credential known to work. */
    private volatile Intake accepted;

    /**
     * @param initial the credential read at cold start
     * @param reader reads the secret's current version again
     * @param intakeFor builds the intake for a credential; throws if the credential is unusable
     */
    public VendorCredential(String initial, Reader reader, Function<String, Intake> intakeFor) {
        this.reader = reader;
        this.intakeFor = intakeFor;
        remember(initial);
        this.intake = intakeFor.apply(initial);
        this.value = initial;
    }

    /**
     * A credential read on first use: a SnapStart snapshot is taken after init, and a secret read during init would be
     * in every environment restored from it, even after a rotation.
     */
    public static VendorCredential onFirstUse(Reader reader, Function<String, Intake> intakeFor) {
        return new VendorCredential(reader, intakeFor);
    }

    private VendorCredential(Reader reader, Function<String, Intake> intakeFor) {
        this.reader = reader;
        this.intakeFor = intakeFor;
    }

    /**
     * The intake with the current credential; reads the secret if it is not known (yet, or since {@link #forget}),
     * within {@code deadline}: a read that cannot finish in time throws, and the invocation fails before Lambda
     * would cut it off (nothing was delivered with a credential not known yet).
     */
    public Intake intake(Deadline deadline) {
        Intake current = intake;
        return current != null ? current : load(deadline);
    }

    private synchronized Intake load(Deadline deadline) {
        if (intake == null) {
            String fresh = reader.read(deadline.secretReadMillis());
            remember(fresh);
            intake = intakeFor.apply(fresh);
            value = fresh;
        }
        return intake;
    }

    /**
     * Drops the credential and everything derived from it (before a SnapStart snapshot, and after a restore in case
     * the runtime took one without asking): the next {@link #intake()} reads the secret's current version.
     */
    public synchronized void forget() {
        intake = null;
        value = null;
        accepted = null;
        secrets.clear();
        patterns.clear();
    }

    /**
     * The vendor rejected {@code rejected}'s credential: reads the secret once more, within {@code deadline} (a read
     * that outlasted the invocation would leave the chunk neither delivered nor dead-lettered, and Lambda's retry would
     * send the invocation's delivered chunks again). True when the intake is now one with a different credential (a
     * rotation happened), so the chunk is worth sending again.
     */
    public synchronized boolean renewAfterRejection(Intake rejected, Deadline deadline) {
        if (intake != rejected) {
            return true; // another chunk already picked up the new credential
        }
        String fresh;
        try {
            fresh = reader.read(deadline.secretReadMillis());
        } catch (RuntimeException e) {
            ForwarderLog.warn("Vendor rejected the credential and the secret could not be read again", "reason",
                    redact(String.valueOf(e.getMessage())));
            return false;
        }
        if (fresh.equals(value)) {
            return false;
        }
        remember(fresh);
        try {
            intake = intakeFor.apply(fresh);
        } catch (RuntimeException e) {
            ForwarderLog.warn("Vendor rejected the credential and the secret's new value is unusable; keeping the old",
                    "reason", redact(String.valueOf(e.getMessage())));
            return false;
        }
        value = fresh;
        ForwarderLog.info("Vendor rejected the credential; the secret had been rotated, using its new value");
        return true;
    }

    /** The vendor answered 2xx to a request made with {@code used}. */
    void accepted(Intake used) {
        accepted = used;
    }

    /**
     * Whether the vendor has accepted the current credential: until it has (cold start, a restore, a rotation), chunks
     * are sent one at a time, so that a rejected credential costs one request and one secret read, not one per chunk.
     */
    boolean knownGood() {
        Intake current = intake;
        return current != null && current == accepted;
    }

    /** {@code text} with every credential this environment has seen (and a URL credential's path) replaced. */
    public String redact(String text) {
        if (text == null) {
            return null;
        }
        String safe = text;
        for (String secret : secrets) {
            safe = patterns.computeIfAbsent(secret, VendorCredential::inAnyEncoding).matcher(safe)
                    .replaceAll(Matcher.quoteReplacement(REDACTED));
        }
        return safe;
    }

    private void remember(String secret) {
        keep(secret);
        try {
            URI uri = URI.create(secret.trim());
            // Sumo's source URL: the token is the path; it is just as secret without the host in front of it
            if (uri.getRawPath() != null && uri.getRawPath().length() > 1) {
                keep(uri.getRawPath());
                keep(uri.getPath());
                // and the token alone (the last segment), which an error body may quote without the rest of the path
                for (String path : new String[] {uri.getRawPath(), uri.getPath()}) {
                    String token = path.substring(path.lastIndexOf('/') + 1);
                    if (token.length() >= MIN_TOKEN_CHARS) {
                        keep(token);
                    }
                }
            }
        } catch (IllegalArgumentException notAUrl) {
            // an API key or token: the value itself is all there is to hide
        }
    }

    /** A string to redact; the forms it may be echoed in are {@link #inAnyEncoding}'s, made on first use. */
    private void keep(String secret) {
        if (!secret.isEmpty()) {
            secrets.add(secret);
        }
    }

    /**
     * The secret as written, and as an error body may quote it, character by character in any mix: percent-encoded
     * in either case ({@code %3d} and {@code %3D} are the same octet; a vendor echoing the query or form it got),
     * {@code +} for a space, JSON-escaped ({@code \/}, {@code \"}, {@code \\}) or as a {@code \}{@code uXXXX} escape in
     * either case (JSON writers escape {@code =} that way).
     */
    static Pattern inAnyEncoding(String secret) {
        StringBuilder re = new StringBuilder(secret.length() * 48);
        secret.codePoints().forEach(cp -> {
            String ch = new String(Character.toChars(cp));
            re.append("(?:").append(Pattern.quote(ch)).append('|');
            for (byte b : ch.getBytes(StandardCharsets.UTF_8)) {
                re.append("%(?i:").append(String.format("%02x", b & 0xff)).append(')');
            }
            re.append('|');
            for (char unit : ch.toCharArray()) {
                re.append("\\\\u(?i:").append(String.format("%04x", (int) unit)).append(')');
            }
            if (cp == '/' || cp == '"' || cp == '\\') {
                re.append("|\\\\").append(Pattern.quote(ch));
            } else if (cp == ' ') {
                re.append("|\\+");
            }
            re.append(')');
        });
        return Pattern.compile(re.toString());
    }
}
