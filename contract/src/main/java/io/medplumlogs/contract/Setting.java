package io.medplumlogs.contract;

import java.util.Optional;

/**
 * One optional, vendor-specific setting of the forwarder: the environment variable the Lambda reads and the
 * {@code medplum-logs.*} user property the Maven plugin takes for it.
 *
 * @param environmentVariable name of the Lambda environment variable, e.g. {@code MEDPLUM_LOGS_DATADOG_SERVICE}
 * @param pluginProperty the Maven user property, e.g. {@code medplum-logs.datadog.service}
 * @param description one sentence for docs, the plugin's help and the generated templates
 * @param defaultValue what the forwarder uses when the variable is absent
 */
public record Setting(String environmentVariable, String pluginProperty, String description,
        Optional<String> defaultValue) {

    /**
     * Why {@code value} can never work for this setting, or empty when it can. Every vendor setting is a name, tag list
     * or header value: one line of printable ASCII ({@link HeaderValue}), checked by the forwarder at cold start and by
     * the Maven plugin when it generates; the Sumo Logic fields are also {@code key=value} pairs with each key once
     * ({@link SumoLogicFields}); Splunk's event size is a number of bytes ({@link SplunkEventBytes}). The text never quotes the value.
     */
    public Optional<String> problem(String value) {
        return HeaderValue.problem(value).or(() -> switch (environmentVariable) {
            case SettingNames.SUMOLOGIC_FIELDS -> SumoLogicFields.problem(value);
            case SettingNames.SPLUNK_MAX_EVENT_BYTES -> SplunkEventBytes.problem(value);
            default -> Optional.empty();
        });
    }

    static Setting of(String environmentVariable, String pluginProperty, String description) {
        return new Setting(environmentVariable, pluginProperty, description, Optional.empty());
    }

    static Setting of(String environmentVariable, String pluginProperty, String description, String defaultValue) {
        return new Setting(environmentVariable, pluginProperty, description, Optional.of(defaultValue));
    }
}
