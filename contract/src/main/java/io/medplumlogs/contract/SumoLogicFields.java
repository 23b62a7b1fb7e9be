package io.medplumlogs.contract;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The {@code X-Sumo-Fields} header: {@code key=value} pairs joined by commas. Sumo Logic keeps one value per key (and
 * picks which when a key comes twice), so the function-wide fields ({@value SettingNames#SUMOLOGIC_FIELDS}) must name
 * each key once and leave CloudWatch's own keys to the forwarder. Checked by the forwarder at cold start and by the
 * Maven plugin when it generates ({@link Setting#problem}).
 */
public final class SumoLogicFields {

    /** The keys the forwarder sets on every request from the CloudWatch batch, in the order it sends them. */
    public static final List<String> CLOUDWATCH_KEYS = List.of("logGroup", "logStream", "account");

    private SumoLogicFields() {
    }

    /**
     * Why {@code value} cannot be the function-wide fields, or empty when it can. Keys are compared without regard to
     * case, as Sumo Logic's field names are. The text names keys and entry positions, never a value.
     */
    public static Optional<String> problem(String value) {
        if (value == null) {
            return Optional.empty();
        }
        String[] entries = value.split(",", -1);
        Map<String, Integer> seen = new HashMap<>();
        for (int i = 0; i < entries.length; i++) {
            String entry = entries[i];
            int equals = entry.indexOf('=');
            if (equals <= 0 || equals == entry.length() - 1 || entry.indexOf('=', equals + 1) >= 0) {
                return Optional.of("has entry " + (i + 1) + " that is not key=value (comma-separated key=value pairs,"
                        + " each with one = and neither side empty)");
            }
            String key = entry.substring(0, equals);
            for (String own : CLOUDWATCH_KEYS) {
                if (own.equalsIgnoreCase(key)) {
                    return Optional.of("names the key " + key + " (entry " + (i + 1) + "), which the forwarder sets on"
                            + " every request (" + String.join(", ", CLOUDWATCH_KEYS) + "); use another name");
                }
            }
            Integer first = seen.putIfAbsent(key.toLowerCase(Locale.ROOT), i + 1);
            if (first != null) {
                return Optional.of("repeats the key " + key + " (entries " + first + " and " + (i + 1) + "; Sumo Logic"
                        + " keeps one value per key, whatever its case); give each key once");
            }
        }
        return Optional.empty();
    }
}
