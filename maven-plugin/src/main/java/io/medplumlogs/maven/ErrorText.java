package io.medplumlogs.maven;

/**
 * A user's value as the goal's messages quote it. Maven prints them as log lines on a terminal: a line break in a
 * value would start a line of its own (a forged {@code [INFO] BUILD SUCCESS}), an escape character would act on the
 * terminal, and an invisible format character would reorder the line (a bidirectional override) or hide what is
 * wrong with the value (a zero-width space, a tag character). So every character that is no visible text (controls,
 * format characters, U+2028/U+2029, unpaired surrogates, U+FFFE/U+FFFF) is written as its Java-style escape (a
 * backslash, u and four hex digits, two for a character beyond U+FFFF); everything else, non-ASCII included, as is.
 */
final class ErrorText {

    private ErrorText() {
    }

    static String printable(String value) {
        StringBuilder out = new StringBuilder(value.length());
        for (int i = 0; i < value.length();) {
            int c = value.codePointAt(i);
            int length = Character.charCount(c);
            if (isNoText(c)) {
                for (int unit = i; unit < i + length; unit++) {
                    out.append(String.format("\\u%04X", (int) value.charAt(unit)));
                }
            } else {
                out.appendCodePoint(c);
            }
            i += length;
        }
        return out.toString();
    }

    /** An unpaired surrogate is its own code point here ({@link String#codePointAt}). */
    private static boolean isNoText(int c) {
        return Character.isISOControl(c) || Character.getType(c) == Character.FORMAT
                || Character.getType(c) == Character.SURROGATE || c == 0x2028 || c == 0x2029 || c == 0xFFFE
                || c == 0xFFFF;
    }
}
