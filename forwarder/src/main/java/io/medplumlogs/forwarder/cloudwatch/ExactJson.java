package io.medplumlogs.forwarder.cloudwatch;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;

/**
 * The one JSON reader for log lines the forwarder reads and writes again (parsing a line, re-stamping a redriven
 * entry, adding Sumo Logic fields to a Firehose record): decimals keep their digits. A double would turn {@code 1.10}
 * into {@code 1.1}, drop digits past its precision and make {@code 1e400} the string {@code "Infinity"}.
 */
public final class ExactJson {

    public static final ObjectMapper MAPPER = new ObjectMapper()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .setNodeFactory(JsonNodeFactory.withExactBigDecimals(true));

    private ExactJson() {
    }
}
