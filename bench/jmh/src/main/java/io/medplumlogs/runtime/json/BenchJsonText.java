package io.medplumlogs.runtime.json;

/** Bench-only bridge to the product's package-private JsonText. */
public final class BenchJsonText {

    private BenchJsonText() {
    }

    public static int appendQuoted(StringBuilder out, String value, int maxBytes) {
        return JsonText.appendQuoted(out, value, maxBytes);
    }
}
