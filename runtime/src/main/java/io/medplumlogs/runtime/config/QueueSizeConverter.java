package io.medplumlogs.runtime.config;

import org.eclipse.microprofile.config.spi.Converter;

/**
 * {@code quarkus.medplum-logs.console-writer.queue-size}: a whole number of lines, at least 1. Read as the key is
 * read, in every profile and with JSON lines off too, so that a value the background writer would refuse fails the
 * tests (JSON off by default) rather than the first prod start-up. SmallRye prefixes the message with the key and
 * the value.
 */
public final class QueueSizeConverter implements Converter<Integer> {

    @Override
    public Integer convert(String value) {
        int lines;
        try {
            lines = Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw invalid(value);
        }
        if (lines < 1) {
            throw invalid(value);
        }
        return lines;
    }

    private static IllegalArgumentException invalid(String value) {
        return new IllegalArgumentException("queue-size must be a whole number of lines, at least 1, but is " + value);
    }
}
