package io.medplumlogs.forwarder.delivery;

/** Bench-only bridge to the product's package-private gzip, so the benchmark compresses exactly as the sender does. */
public final class BenchAccess {

    private BenchAccess() {
    }

    public static byte[] gzip(String text) {
        return VendorSender.gzip(Framing.LINES, java.util.List.of(text));
    }

    /** One gzip per execution environment, as each sender has. */
    private static final GzipBody GZIP = new GzipBody();

    /** The request body exactly as the sender builds it. */
    public static byte[] body(Framing framing, Chunk chunk) {
        return GZIP.of(framing, chunk.utf8Entries());
    }
}
