package io.medplumlogs.bench.formatter;

import io.medplumlogs.runtime.json.BenchJsonText;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/** Profile follow-up: escaping the exception record's stack trace, product JsonText vs the proposed bulk-ASCII copy. */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class EscapeBenchmark {

    private String stack;
    private final StringBuilder out = new StringBuilder(8192);

    @Setup
    public void setup() {
        StringWriter w = new StringWriter();
        Records.deepException().printStackTrace(new PrintWriter(w));
        stack = w.toString();
        StringBuilder a = new StringBuilder();
        StringBuilder b = new StringBuilder();
        int na = BenchJsonText.appendQuoted(a, stack, 16384);
        int nb = BulkAsciiEscape.appendQuoted(b, stack, 16384);
        if (na != nb || !a.toString().equals(b.toString())) {
            throw new IllegalStateException("bulk escape differs from the product's");
        }
        for (int cap : new int[] {0, 1, 7, 100, 1000}) {
            a.setLength(0);
            b.setLength(0);
            if (BenchJsonText.appendQuoted(a, stack, cap) != BulkAsciiEscape.appendQuoted(b, stack, cap)
                    || !a.toString().equals(b.toString())) {
                throw new IllegalStateException("bulk escape differs from the product's at cap " + cap);
            }
        }
    }

    @Benchmark
    public int product() {
        out.setLength(0);
        return BenchJsonText.appendQuoted(out, stack, 16384);
    }

    @Benchmark
    public int bulkAscii() {
        out.setLength(0);
        return BulkAsciiEscape.appendQuoted(out, stack, 16384);
    }
}
