package io.medplumlogs.runtime.correlation;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The W3C {@code tracestate} a request forwards to the services it calls (W3C Trace Context Level 1, §3.3 and §3.5).
 * We are not a tracing vendor: we add, change and reorder nothing, we only validate, combine and, past the size
 * limit, truncate as the spec asks. Parsed only once the request's {@code traceparent} was accepted (§3.3: a vendor
 * that failed to parse {@code traceparent} MUST NOT parse {@code tracestate}).
 */
public final class TraceState {

    /** §3.3 "tracestate Header Field Values": a list has at most 32 list-members. */
    static final int MAX_MEMBERS = 32;
    /** §3.3 "tracestate Limits": vendors SHOULD propagate at least 512 characters; we propagate exactly that much. */
    static final int MAX_LENGTH = 512;
    /** §3.3 "tracestate Limits": when truncating, entries longer than this go first. */
    static final int LONG_MEMBER = 128;
    /** No list of 32 valid members comes close (32 x 514 + separators); longer input is not parsed at all. */
    private static final int MAX_INPUT = 32 * 1024;

    private TraceState() {
    }

    /**
     * The value to send on, from every {@code tracestate} field of the request in the order received.
     *
     * @param fields the header's values (several fields are combined with commas, RFC 7230 §3.2.2), or {@code null}
     * @return the list-members joined by commas without optional whitespace, or {@code null} when there is nothing
     *         to send: no field, only empty members, or an invalid list (discarded as a whole: a bad key or value,
     *         a duplicate key, more than 32 members)
     */
    public static String forward(List<String> fields) {
        if (fields == null || fields.isEmpty()) {
            return null;
        }
        int length = fields.size();
        for (String field : fields) {
            length += field.length();
        }
        if (length > MAX_INPUT) {
            return null;
        }
        List<String> members = new ArrayList<>();
        Set<String> keys = new HashSet<>();
        for (String field : fields) {
            int start = 0;
            while (start <= field.length()) {
                int end = field.indexOf(',', start);
                if (end < 0) {
                    end = field.length();
                }
                String member = trimOws(field, start, end);
                start = end + 1;
                if (member.isEmpty()) {
                    continue; // empty and whitespace-only list-members are allowed, and not sent on
                }
                int eq = member.indexOf('=');
                if (eq < 0 || !isKey(member, 0, eq) || !isValue(member, eq + 1, member.length())
                        || !keys.add(member.substring(0, eq)) || members.size() == MAX_MEMBERS) {
                    return null;
                }
                members.add(member);
            }
        }
        return members.isEmpty() ? null : truncate(members);
    }

    /** §3.3 "tracestate Limits": whole entries only, those over 128 characters first, then from the end. */
    private static String truncate(List<String> members) {
        if (joinedLength(members) > MAX_LENGTH) {
            members.removeIf(m -> m.length() > LONG_MEMBER);
        }
        while (joinedLength(members) > MAX_LENGTH) {
            members.remove(members.size() - 1);
        }
        return members.isEmpty() ? null : String.join(",", members);
    }

    private static int joinedLength(List<String> members) {
        int length = Math.max(0, members.size() - 1);
        for (String m : members) {
            length += m.length();
        }
        return length;
    }

    /**
     * Spaces and horizontal tabs around a list-member (or an {@code X-Amzn-Trace-Id} field) are optional whitespace
     * (OWS), not part of it; nothing else is trimmed.
     */
    static String trimOws(String s, int from, int to) {
        while (from < to && (s.charAt(from) == ' ' || s.charAt(from) == '\t')) {
            from++;
        }
        while (to > from && (s.charAt(to - 1) == ' ' || s.charAt(to - 1) == '\t')) {
            to--;
        }
        return s.substring(from, to);
    }

    /**
     * Level 1 key: {@code simple-key = lcalpha 0*255(lcalpha / DIGIT / "_" / "-" / "*" / "/")} or
     * {@code multi-tenant-key = tenant-id "@" system-id}, tenant-id {@code (lcalpha / DIGIT) 0*240(...)}, system-id
     * {@code lcalpha 0*13(...)}.
     */
    static boolean isKey(String s, int from, int to) {
        int at = s.indexOf('@', from);
        if (at < 0 || at >= to) {
            return to - from <= 256 && isLower(s, from) && isKeyChars(s, from + 1, to);
        }
        return at - from >= 1 && at - from <= 241 && (isLower(s, from) || isDigit(s, from))
                && isKeyChars(s, from + 1, at)
                && to - at - 1 >= 1 && to - at - 1 <= 14 && isLower(s, at + 1) && isKeyChars(s, at + 2, to);
    }

    /** {@code value = 0*255(chr) nblk-chr}: printable ASCII without {@code ,} and {@code =}, not ending in a space. */
    static boolean isValue(String s, int from, int to) {
        if (to - from < 1 || to - from > 256 || s.charAt(to - 1) == ' ') {
            return false;
        }
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (c < 0x20 || c > 0x7e || c == ',' || c == '=') {
                return false;
            }
        }
        return true;
    }

    private static boolean isKeyChars(String s, int from, int to) {
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (!(isLower(s, i) || isDigit(s, i) || c == '_' || c == '-' || c == '*' || c == '/')) {
                return false;
            }
        }
        return true;
    }

    private static boolean isLower(String s, int i) {
        return i < s.length() && s.charAt(i) >= 'a' && s.charAt(i) <= 'z';
    }

    private static boolean isDigit(String s, int i) {
        return i < s.length() && s.charAt(i) >= '0' && s.charAt(i) <= '9';
    }
}
