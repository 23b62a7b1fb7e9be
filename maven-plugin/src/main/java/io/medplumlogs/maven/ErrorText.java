package io.medplumlogs.maven;

/**
 * A user's value as the goal's messages quote it. Maven prints them as log lines on a terminal: a line break in a
 * value would start a line of its own (a forged {@code [INFO] BUILD SUCCESS}), an escape character would act on the
 * terminal. So every character that is no text (controls, U+2028/U+2029, unpaired surrogates, U+FFFE/U+FFFF) is
 * written as its Java-style escape (a backslash, u and four hex digits); everything else, non-ASCII included, as is.
 */
final class ErrorText {

    private ErrorText() {
    }

    static String printable(String value) {
        StringBuilder out = new StringBuilder(value.length());
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            boolean pair = Character.isHighSurrogate(c) && i + 1 < value.length()
                    && Character.isLowSurrogate(value.charAt(i + 1));
            if (pair) {
                out.append(c).append(value.charAt(++i));
            } else if (Character.isISOControl(c) || Character.isSurrogate(c) || c == '\u2028' || c == '\u2029'
                    || c == '\uFFFE' || c == '\uFFFF') {
                out.append(String.format("\\u%04X", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }
}
