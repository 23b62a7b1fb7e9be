package io.medplumlogs.runtime.config;

import org.eclipse.microprofile.config.ConfigProvider;
import org.eclipse.microprofile.config.ConfigValue;

/** Tells settings the user made from defaults (ours, other extensions', Quarkus' own). */
public final class UserSettings {

    private UserSettings() {
    }

    /**
     * Whether the user set this key: in application.properties, the environment or a system property. Defaults
     * live in sources of ordinal 0 or below, every user-facing source is above.
     */
    public static boolean isSet(String key) {
        ConfigValue value = ConfigProvider.getConfig().getConfigValue(key);
        return value.getRawValue() != null && value.getSourceOrdinal() > 0;
    }
}
