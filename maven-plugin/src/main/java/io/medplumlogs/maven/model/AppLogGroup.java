package io.medplumlogs.maven.model;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * One application log group to subscribe.
 *
 * @param name the CloudWatch log group name
 * @param key a stable identifier derived from the name only (never from its position in the list), so reordering
 *        the groups does not replace subscriptions; usable in CloudFormation logical IDs and Terraform keys
 */
public record AppLogGroup(String name, String key) {

    private static final int READABLE_PART = 40;

    public static AppLogGroup of(String name) {
        return new AppLogGroup(name, keyOf(name));
    }

    /** CamelCase of the name's alphanumeric runs, cut short, plus 8 hex of its SHA-256 so that keys never collide. */
    static String keyOf(String name) {
        StringBuilder readable = new StringBuilder();
        boolean upper = true;
        for (char c : name.toCharArray()) {
            if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
                readable.append(upper ? Character.toUpperCase(c) : c);
                upper = false;
            } else {
                upper = true;
            }
        }
        String cut = readable.length() > READABLE_PART ? readable.substring(0, READABLE_PART) : readable.toString();
        return cut + HexFormat.of().formatHex(sha256(name), 0, 4).toUpperCase(java.util.Locale.ROOT);
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
