package io.medplumlogs.runtime.config;

import org.eclipse.microprofile.config.spi.Converter;

/**
 * {@code quarkus.medplum-logs.max-line-bytes}: a whole number of bytes within
 * {@link MedplumLogsConfig#MIN_LINE_BYTES} and {@link MedplumLogsConfig#MAX_LINE_BYTES}. SmallRye prefixes the
 * message with the key and the value.
 */
public final class LineBytesConverter implements Converter<Integer> {

    @Override
    public Integer convert(String value) {
        int bytes;
        try {
            bytes = Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw outOfRange(value);
        }
        if (bytes < MedplumLogsConfig.MIN_LINE_BYTES || bytes > MedplumLogsConfig.MAX_LINE_BYTES) {
            throw outOfRange(value);
        }
        return bytes;
    }

    private static IllegalArgumentException outOfRange(String value) {
        return new IllegalArgumentException("max-line-bytes must be a number of bytes between "
                + MedplumLogsConfig.MIN_LINE_BYTES + " and " + MedplumLogsConfig.MAX_LINE_BYTES
                + " (CloudWatch's event size limit), but is " + value);
    }
}
