package io.medplumlogs.bench.formatter;

import io.medplumlogs.runtime.json.JsonLineFormatter;
import io.medplumlogs.runtime.json.JsonLineLayout;
import io.quarkus.logging.json.runtime.JsonFormatter;
import java.util.concurrent.TimeUnit;
import org.jboss.logmanager.ExtLogRecord;
import org.jboss.logmanager.formatters.StructuredFormatter;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Our JsonLineFormatter (contract layout, default 16 KiB bound) vs quarkus-logging-json's JsonFormatter configured as
 * its recorder does with default settings, formatting the very same ExtLogRecord.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xmx512m", "-Djava.util.logging.manager=org.jboss.logmanager.LogManager"})
public class FormatterBenchmark {

    @Param({"plain", "mdc", "exception"})
    public String record;

    private ExtLogRecord r;
    private JsonLineFormatter ours;
    private JsonFormatter loggingJson;

    @Setup
    public void setup() {
        r = switch (record) {
            case "plain" -> Records.plain();
            case "mdc" -> Records.withMdc();
            case "exception" -> Records.withException();
            default -> throw new IllegalArgumentException(record);
        };
        ours = new JsonLineFormatter(JsonLineLayout.contract(16384));
        loggingJson = loggingJsonDefault();
    }

    /** What LoggingJsonRecorder builds for quarkus.log.console.json with every setting at its default. */
    public static JsonFormatter loggingJsonDefault() {
        JsonFormatter f = new JsonFormatter();
        f.setPrettyPrint(false);
        f.setExceptionOutputType(StructuredFormatter.ExceptionOutputType.DETAILED);
        f.setPrintDetails(false);
        return f;
    }

    @Benchmark
    public String medplumLogs() {
        return ours.format(r);
    }

    @Benchmark
    public String loggingJson() {
        return loggingJson.format(r);
    }
}
