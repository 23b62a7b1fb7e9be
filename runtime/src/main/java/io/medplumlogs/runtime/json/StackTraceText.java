package io.medplumlogs.runtime.json;

import java.util.Arrays;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;

/**
 * A throwable's stack trace as text, in {@link Throwable#printStackTrace()}'s layout (causes as "Caused by:",
 * suppressed exceptions indented, frames in common with the enclosing trace folded into "... n more"). Written
 * straight into a builder: {@code printStackTrace} goes through a synchronized writer and
 * {@link StackTraceElement#toString()}, which were the formatter's largest cost for records with exceptions.
 * Frames leave out the class loader and module prefixes ("app//", "java.base/") that add nothing to a log line.
 * Each exception's message comes from a function, so that it can be redacted like the line's {@code error}.
 * <p>
 * The text ends once it has {@code maxChars} characters: the line cuts the stack to its bound anyway, and a cause
 * chain can be without end (a {@code getCause()} that makes a new exception each time, which
 * {@code printStackTrace} follows until the heap runs out) or deep enough (an exception re-wrapped on every retry)
 * to run a recursive walk out of stack. Causes are therefore followed in a loop; only suppressed exceptions recurse,
 * and their indentation grows with the depth, so the bound ends that recursion early too.
 */
final class StackTraceText {

    private StackTraceText() {
    }

    /**
     * @param messages an exception's message as written ({@code null}: none)
     * @param maxChars the text ends once it is this long (it may end up to one frame or message longer)
     */
    static String of(Throwable thrown, Function<Throwable, String> messages, int maxChars) {
        StringBuilder out = new StringBuilder(2048);
        Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        append(out, thrown, new StackTraceElement[0], "", "", seen, messages, maxChars);
        return out.toString();
    }

    /** {@code t} and its causes (in a loop, see the class comment), each with its suppressed exceptions. */
    private static void append(StringBuilder out, Throwable t, StackTraceElement[] enclosing, String caption,
            String prefix, Set<Throwable> seen, Function<Throwable, String> messages, int maxChars) {
        while (t != null && out.length() < maxChars) {
            if (!seen.add(t)) {
                out.append(prefix).append(caption).append("[CIRCULAR REFERENCE: ");
                summary(out, t, messages);
                out.append("]\n");
                return;
            }
            StackTraceElement[] trace = frames(t);
            int m = trace.length - 1;
            int n = enclosing.length - 1;
            while (m >= 0 && n >= 0 && trace[m].equals(enclosing[n])) {
                m--;
                n--;
            }
            int inCommon = trace.length - 1 - m;
            out.append(prefix).append(caption);
            summary(out, t, messages);
            out.append('\n');
            for (int i = 0; i <= m && out.length() < maxChars; i++) {
                out.append(prefix).append("\tat ");
                frame(out, trace[i]);
                out.append('\n');
            }
            if (inCommon != 0) {
                out.append(prefix).append("\t... ").append(inCommon).append(" more\n");
            }
            for (Throwable suppressed : t.getSuppressed()) {
                append(out, suppressed, trace, "Suppressed: ", prefix + "\t", seen, messages, maxChars);
            }
            enclosing = trace;
            caption = "Caused by: ";
            t = t.getCause();
        }
    }

    /**
     * {@code t}'s frames, without nulls: {@code getStackTrace()} may be overridden, and a mock's returns null (Mockito's
     * {@code mock(IOException.class)}); the message and causes are still worth writing.
     */
    private static StackTraceElement[] frames(Throwable t) {
        StackTraceElement[] trace = t.getStackTrace();
        if (trace == null) {
            return new StackTraceElement[0];
        }
        for (StackTraceElement frame : trace) {
            if (frame == null) {
                return Arrays.stream(trace).filter(Objects::nonNull)
                        .toArray(StackTraceElement[]::new);
            }
        }
        return trace;
    }

    /** {@code ClassName: message}, or, when the message cannot be read, what the line's {@code error} says then. */
    private static void summary(StringBuilder out, Throwable t, Function<Throwable, String> messages) {
        out.append(t.getClass().getName());
        String message;
        try {
            message = messages.apply(t);
        } catch (Throwable e) {
            // a lazy proxy's getMessage() (the exception's or a cause's): the rest of the stack is still worth writing
            out.append(" (message not written: ").append(e.getClass().getName()).append(')');
            return;
        }
        if (message != null) {
            out.append(": ").append(message);
        }
    }

    private static void frame(StringBuilder out, StackTraceElement e) {
        out.append(e.getClassName()).append('.').append(e.getMethodName()).append('(');
        if (e.isNativeMethod()) {
            out.append("Native Method");
        } else if (e.getFileName() == null) {
            out.append("Unknown Source");
        } else {
            out.append(e.getFileName());
            if (e.getLineNumber() >= 0) {
                out.append(':').append(e.getLineNumber());
            }
        }
        out.append(')');
    }
}
