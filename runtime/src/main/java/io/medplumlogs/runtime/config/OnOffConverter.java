package io.medplumlogs.runtime.config;

import java.util.Locale;
import java.util.Set;

import org.eclipse.microprofile.config.spi.Converter;

/**
 * An on/off key of ours. SmallRye's boolean converter reads every value it does not know as {@code false}, with a
 * warning that does not name the key: {@code audit.redact-non-fhir-queries=ture} would switch redaction off and
 * {@code audit.enabled=ture} the audit lines. This one accepts the words SmallRye reads (so no working setting
 * changes meaning) and refuses the rest; a blank value is no setting, as there. SmallRye prefixes the message with
 * the key and the value.
 */
public final class OnOffConverter implements Converter<Boolean> {

    // SmallRye 3.16's Converters.BooleanConverter, both lists
    private static final Set<String> ON = Set.of("true", "1", "yes", "y", "on", "ja", "j", "si", "sim", "oui");
    private static final Set<String> OFF = Set.of("false", "0", "no", "n", "off", "nein", "não", "non");

    /**
     * @return {@code null} for a blank value, as SmallRye's own converter: no setting, so an optional key keeps its
     *         default (json: by profile) and a required one fails with SmallRye's "empty" message, as before
     */
    @Override
    public Boolean convert(String value) {
        String word = value.trim().toLowerCase(Locale.ROOT);
        if (word.isEmpty()) {
            return null;
        }
        if (ON.contains(word)) {
            return Boolean.TRUE;
        }
        if (OFF.contains(word)) {
            return Boolean.FALSE;
        }
        throw new IllegalArgumentException("'" + value + "' is neither true nor false: expected true or false");
    }
}
