package io.medplumlogs.runtime.identity;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Optional;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The identity rule: how the authenticated user appears in the {@code user} field of audit and
 * login lines, and how the name typed in a failed login does ({@link #forFailedLogin(String)}).
 * <ul>
 * <li>{@link Mode#HASH} (default): HMAC-SHA256 of the UTF-8 user name with a configured key, first
 * 16 lowercase hex characters. The same name always gives the same value under the same key, so one
 * account can be followed across lines without its name being written. Without a configured key a
 * random per-process key is used ({@link #isEphemeralKey()}): values then only correlate within one
 * process lifetime.</li>
 * <li>{@link Mode#PLAIN}: the name itself, with control, line-separator and invisible characters
 * (zero-width, bidi controls, variation selectors, fillers) and unpaired surrogates replaced by {@code ?}, cut to
 * {@value #MAX_PLAIN_LENGTH} characters. A failed login's typed name is still
 * hashed, with the configured key or a random per-process one.</li>
 * <li>{@link Mode#NONE}: no {@code user} field.</li>
 * </ul>
 * Instances are immutable and thread-safe; hashing clones a prepared {@link Mac} per call.
 */
public final class UserIdentity {

    /** How the user is written. */
    public enum Mode {
        HASH,
        PLAIN,
        NONE
    }

    /** Longest user name written in {@link Mode#PLAIN}, in chars. */
    public static final int MAX_PLAIN_LENGTH = 256;

    static final int HASH_HEX_LENGTH = 16;
    private static final int EPHEMERAL_KEY_BYTES = 32;
    private static final String ALGORITHM = "HmacSHA256";
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private final Mode mode;
    private final Mac prototype;
    private final SecretKeySpec key;
    private final boolean ephemeralKey;

    private UserIdentity(Mode mode, SecretKeySpec key, boolean ephemeralKey) {
        this.mode = mode;
        this.key = key;
        this.ephemeralKey = ephemeralKey;
        this.prototype = key == null ? null : newMac(key);
    }

    /**
     * @param mode how users are written
     * @param key HMAC key for {@link Mode#HASH} and for failed logins in {@link Mode#PLAIN}; when
     *        absent a random per-process key is generated (see {@link #isEphemeralKey()}); ignored by
     *        {@link Mode#NONE}
     * @throws IllegalArgumentException if the key is present but blank
     */
    public static UserIdentity create(Mode mode, Optional<String> key) {
        if (mode == Mode.NONE) {
            return new UserIdentity(mode, null, false);
        }
        if (key != null && key.isPresent()) {
            if (key.get().isBlank()) {
                throw new IllegalArgumentException("User identity hash key must not be blank");
            }
            return new UserIdentity(mode, new SecretKeySpec(key.get().getBytes(StandardCharsets.UTF_8), ALGORITHM),
                    false);
        }
        byte[] random = new byte[EPHEMERAL_KEY_BYTES];
        new SecureRandom().nextBytes(random);
        return new UserIdentity(mode, new SecretKeySpec(random, ALGORITHM), true);
    }

    /** The configured mode. */
    public Mode mode() {
        return mode;
    }

    /**
     * {@code true} when hashes are made with a random per-process key because none was configured
     * ({@link Mode#HASH}, or {@link Mode#PLAIN} for failed logins): they then differ between restarts
     * and between replicas, worth a start-up WARN.
     */
    public boolean isEphemeralKey() {
        return ephemeralKey;
    }

    /**
     * The value for the {@code user} field.
     *
     * @param userName the authenticated principal name; {@code null} or empty for anonymous requests
     * @return empty for anonymous requests and in {@link Mode#NONE}
     */
    public Optional<String> forLog(String userName) {
        if (userName == null || userName.isEmpty()) {
            return Optional.empty();
        }
        switch (mode) {
            case HASH:
                return Optional.of(hash(userName));
            case PLAIN:
                return Optional.of(printable(userName));
            default:
                return Optional.empty();
        }
    }

    /**
     * The value for the {@code user} field of a failed login: the keyed hash of the name the client
     * typed, in {@link Mode#PLAIN} too. An unverified name may be a password typed into the wrong
     * field, so it is never written as is; hashed, attempts on one account can still be counted.
     *
     * @param typedName the user name as sent, {@code null} or empty when the attempt carried none
     * @return empty when there is no name and in {@link Mode#NONE}
     */
    public Optional<String> forFailedLogin(String typedName) {
        if (typedName == null || typedName.isEmpty() || mode == Mode.NONE) {
            return Optional.empty();
        }
        return Optional.of(hash(typedName));
    }

    private String hash(String userName) {
        byte[] digest = mac().doFinal(userName.getBytes(StandardCharsets.UTF_8));
        char[] hex = new char[HASH_HEX_LENGTH];
        for (int i = 0; i < HASH_HEX_LENGTH / 2; i++) {
            hex[2 * i] = HEX[(digest[i] >> 4) & 0xf];
            hex[2 * i + 1] = HEX[digest[i] & 0xf];
        }
        return new String(hex);
    }

    private Mac mac() {
        try {
            return (Mac) prototype.clone();
        } catch (CloneNotSupportedException e) {
            // Some providers cannot clone; a fresh instance is slower but equally correct.
            return newMac(key);
        }
    }

    private static Mac newMac(SecretKeySpec key) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key);
            return mac;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(ALGORITHM + " is not available in this JVM", e);
        }
    }

    // The JSON writer escapes, but the dev-profile pattern does not: a name must not be able to start
    // a new log line or hide text. JSON escaping does not help the reader either: a viewer shows
    // "adm\u200Bin" as admin and obeys a right-to-left override, so what a viewer does not show is marked
    // too (see invisible), as are unpaired surrogates.
    private static String printable(String userName) {
        int end = Math.min(userName.length(), MAX_PLAIN_LENGTH);
        if (end < userName.length() && Character.isHighSurrogate(userName.charAt(end - 1))) {
            end--;
        }
        StringBuilder out = new StringBuilder(end);
        for (int i = 0; i < end; i++) {
            char c = userName.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < end && Character.isLowSurrogate(userName.charAt(i + 1))) {
                int codePoint = Character.toCodePoint(c, userName.charAt(++i));
                if (invisible(codePoint)) {
                    out.append('?');
                } else {
                    out.appendCodePoint(codePoint);
                }
                continue;
            }
            boolean unsafe = Character.isISOControl(c) || c == '\u2028' || c == '\u2029' || c == '\u0085'
                    || invisible(c) || Character.isSurrogate(c);
            out.append(unsafe ? '?' : c);
        }
        return out.toString();
    }

    /**
     * Characters a log viewer shows as nothing: format characters (Unicode category Cf: zero-width, bidi controls,
     * BOM), the other default-ignorable code points of Unicode's DerivedCoreProperties (variation selectors, the
     * combining grapheme joiner, Hangul fillers, Khmer inherent vowels, Mongolian free variation selectors, tags), and
     * the blank braille pattern, which renders as a space no font shows.
     */
    static boolean invisible(int cp) {
        return Character.getType(cp) == Character.FORMAT || cp == 0x034F || cp == 0x115F || cp == 0x1160
                || cp == 0x17B4 || cp == 0x17B5 || (cp >= 0x180B && cp <= 0x180F) || (cp >= 0x2060 && cp <= 0x206F)
                || cp == 0x2800 || cp == 0x3164 || (cp >= 0xFE00 && cp <= 0xFE0F) || cp == 0xFFA0
                || (cp >= 0xFFF0 && cp <= 0xFFF8) || (cp >= 0x1BCA0 && cp <= 0x1BCA3)
                || (cp >= 0x1D173 && cp <= 0x1D17A) || (cp >= 0xE0000 && cp <= 0xE0FFF);
    }
}
