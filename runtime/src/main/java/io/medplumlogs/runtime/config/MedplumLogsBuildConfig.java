package io.medplumlogs.runtime.config;

import io.quarkus.runtime.annotations.ConfigPhase;
import io.quarkus.runtime.annotations.ConfigRoot;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithConverter;
import io.smallrye.config.WithDefault;

/**
 * medplum-logs settings fixed at build time.
 */
@ConfigMapping(prefix = "quarkus.medplum-logs")
@ConfigRoot(phase = ConfigPhase.BUILD_AND_RUN_TIME_FIXED)
public interface MedplumLogsBuildConfig {

    /** `Login succeeded` / `Login failed` lines from Quarkus security events. */
    Login login();

    interface Login {
        /**
         * Write `Login succeeded` / `Login failed` lines (`outcome`, `mechanism`, `user`, `ip`, `ua`, `reason`)
         * when the application has Quarkus security. When off, no security-event observer is registered at all,
         * so Quarkus does not even fire the events for us. This is their only off switch: they are written whatever
         * `quarkus.log.level` says, and log settings that would keep them from every writing handler (category level
         * or min-level, handler levels, an async handler set to `overflow=discard`) stop the application at
         * start-up.
         */
        @WithDefault("true")
        @WithConverter(OnOffConverter.class)
        boolean enabled();
    }
}
