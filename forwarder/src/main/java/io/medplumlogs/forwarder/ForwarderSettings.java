package io.medplumlogs.forwarder;

import io.medplumlogs.forwarder.datadog.DatadogIntake;
import io.medplumlogs.forwarder.delivery.RetryPolicy;
import io.medplumlogs.forwarder.splunk.SplunkIntake;
import io.medplumlogs.contract.DatadogSite;
import io.medplumlogs.contract.ForwarderContract;
import io.medplumlogs.contract.LogGroupMapping;
import io.medplumlogs.contract.Setting;
import io.medplumlogs.contract.Vendor;
import java.net.URI;
import java.time.Duration;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Everything the forwarder reads from its environment, validated once per cold start. Built from a map so tests pass
 * their own; the Lambda passes {@code System.getenv()}. Variable names come from {@link ForwarderContract} and
 * {@link Vendor#settings()}, the contract shared with the generator.
 *
 * @param endpoint intake base URL; {@code null} for Sumo Logic, whose URL is the secret
 * @param vendorSettings the vendor's optional settings that have a value (set, or defaulted), and the log-group
 *     mapping when set, by variable name (what the intake reads)
 * @param ownLogGroup the forwarder's own log group, never forwarded
 * @param timeReserveMillis time kept from retries for DLQ writes
 * @param onFailureQueueUrl the Lambda on-failure destination queue that redrive also empties, when configured
 * @param functionName the function's own name, which its metrics carry for its alarms (Lambda always sets it)
 */
public record ForwarderSettings(Vendor vendor, String secretArn, URI endpoint, DatadogSite datadogSite,
        Map<String, String> vendorSettings, String dlqUrl, Optional<String> ownLogGroup, RetryPolicy retry,
        long timeReserveMillis, AwsSettings aws, Optional<String> onFailureQueueUrl, Optional<String> functionName) {

    /** No time setting can usefully exceed Lambda's longest invocation, 15 minutes. */
    static final long MAX_MILLIS = ForwarderContract.MAX_TIMEOUT_SECONDS * 1000L;
    /** More attempts than this cannot fit an invocation anyway. */
    static final long MAX_ATTEMPTS = 100;

    public static ForwarderSettings fromEnvironment(Map<String, String> env) {
        Vendor vendor = vendor(env);
        String secretArn = required(env, ForwarderContract.ENV_SECRET_ARN);
        String dlqUrl = Endpoints.requireSecure(ForwarderContract.ENV_DLQ_URL,
                required(env, ForwarderContract.ENV_DLQ_URL)).toString();

        DatadogSite site = DatadogSite.DEFAULT;
        Optional<String> siteValue = optional(env, ForwarderContract.ENV_DATADOG_SITE);
        if (siteValue.isPresent()) {
            site = DatadogSite.fromDomain(siteValue.get()).orElseThrow(() -> new InvalidSettingException(
                    ForwarderContract.ENV_DATADOG_SITE, "'" + siteValue.get() + "' is not one of "
                            + DatadogSite.validDomains()));
        }
        URI endpoint = switch (vendor) {
            case DATADOG -> Endpoints.requireBase(ForwarderContract.ENV_ENDPOINT,
                    optional(env, ForwarderContract.ENV_ENDPOINT).orElse(site.logsIntakeBaseUrl()),
                    DatadogIntake.PATH, site.logsIntakeBaseUrl());
            case SPLUNK -> Endpoints.requireBase(ForwarderContract.ENV_ENDPOINT,
                    required(env, ForwarderContract.ENV_ENDPOINT), SplunkIntake.PATH,
                    "https://http-inputs-acme.splunkcloud.com");
            case SUMOLOGIC -> null;
        };

        Map<String, String> vendorSettings = intakeSettings(vendor, env);
        RetryPolicy retry = new RetryPolicy(
                Duration.ofMillis(positive(env, ForwarderContract.ENV_HTTP_TIMEOUT_MS, 10_000, MAX_MILLIS)),
                (int) positive(env, ForwarderContract.ENV_MAX_ATTEMPTS, 6, MAX_ATTEMPTS),
                positive(env, ForwarderContract.ENV_RETRY_BASE_DELAY_MS, 200, MAX_MILLIS),
                positive(env, ForwarderContract.ENV_RETRY_MAX_DELAY_MS, 10_000, MAX_MILLIS));
        long reserve = positive(env, ForwarderContract.ENV_TIME_RESERVE_MS, ForwarderContract.DEFAULT_TIME_RESERVE_MS,
                MAX_MILLIS);
        return new ForwarderSettings(vendor, secretArn, endpoint, site, vendorSettings, dlqUrl,
                optional(env, ForwarderContract.ENV_OWN_LOG_GROUP), retry, reserve, AwsSettings.fromEnvironment(env),
                optional(env, ForwarderContract.ENV_ON_FAILURE_QUEUE_URL).map(url -> Endpoints.requireSecure(
                        ForwarderContract.ENV_ON_FAILURE_QUEUE_URL, url).toString()),
                optional(env, ForwarderContract.ENV_FUNCTION_NAME));
    }

    /** {@value ForwarderContract#ENV_VENDOR}, required. */
    public static Vendor vendor(Map<String, String> env) {
        String vendorId = required(env, ForwarderContract.ENV_VENDOR);
        return Vendor.fromId(vendorId).orElseThrow(() -> new InvalidSettingException(
                ForwarderContract.ENV_VENDOR, "'" + vendorId + "' is not one of " + Vendor.validIds()));
    }

    /**
     * What the vendor's intake reads, by variable name: its optional settings (set, or defaulted) and the log-group
     * mapping ({@value ForwarderContract#ENV_LOG_GROUP_MAPPING}). Shared by the forwarder and the Firehose transform.
     */
    public static Map<String, String> intakeSettings(Vendor vendor, Map<String, String> env) {
        Map<String, String> vendorSettings = new LinkedHashMap<>();
        for (Setting setting : vendor.settings()) {
            Optional<String> value = optional(env, setting.environmentVariable()).or(setting::defaultValue);
            if (value.isPresent()) {
                // a value the vendor request can never carry fails here, not in every invocation
                setting.problem(value.get()).ifPresent(problem -> {
                    throw new InvalidSettingException(setting.environmentVariable(), problem);
                });
                vendorSettings.put(setting.environmentVariable(), value.get());
            }
        }
        optional(env, ForwarderContract.ENV_LOG_GROUP_MAPPING).ifPresent(mapping -> {
            try {
                LogGroupMapping.parse(mapping);
            } catch (IllegalArgumentException e) {
                throw new InvalidSettingException(ForwarderContract.ENV_LOG_GROUP_MAPPING, e.getMessage());
            }
            vendorSettings.put(ForwarderContract.ENV_LOG_GROUP_MAPPING, mapping);
        });
        return Map.copyOf(vendorSettings);
    }

    /** What every variable of ours starts with. */
    static final String PREFIX = "MEDPLUM_LOGS_";
    /** The contract's variables the forwarder reads whatever the vendor ({@code UnreadSettingTest} holds the list). */
    private static final Set<String> READ_BY_EVERY_VENDOR = Set.of(ForwarderContract.ENV_VENDOR,
            ForwarderContract.ENV_SECRET_ARN, ForwarderContract.ENV_ENDPOINT, ForwarderContract.ENV_DATADOG_SITE,
            ForwarderContract.ENV_DLQ_URL, ForwarderContract.ENV_ON_FAILURE_QUEUE_URL,
            ForwarderContract.ENV_HTTP_TIMEOUT_MS, ForwarderContract.ENV_MAX_ATTEMPTS,
            ForwarderContract.ENV_RETRY_BASE_DELAY_MS, ForwarderContract.ENV_RETRY_MAX_DELAY_MS,
            ForwarderContract.ENV_TIME_RESERVE_MS, ForwarderContract.ENV_LOG_GROUP_MAPPING);

    /**
     * The {@value #PREFIX} variables set in {@code env} that the forwarder does not read for {@code vendor}: a misspelt
     * name ({@code MEDPLUM_LOGS_SPLUNK_INDX}) or another vendor's setting, which would otherwise be ignored without a
     * word while the logs go to a default (an index, a category) the operator did not mean.
     */
    public static List<String> unreadVariables(Vendor vendor, Map<String, String> env) {
        Set<String> read = new HashSet<>(READ_BY_EVERY_VENDOR);
        vendor.settings().forEach(setting -> read.add(setting.environmentVariable()));
        return env.keySet().stream().filter(name -> name.startsWith(PREFIX) && !read.contains(name)).sorted()
                .toList();
    }

    /** A vendor setting's value (as set, else its default), by environment variable name. */
    public Optional<String> vendorSetting(String environmentVariable) {
        return Optional.ofNullable(vendorSettings.get(environmentVariable));
    }

    static String required(Map<String, String> env, String name) {
        return optional(env, name).orElseThrow(() -> new InvalidSettingException(name, "required but not set"));
    }

    static Optional<String> optional(Map<String, String> env, String name) {
        String value = env.get(name);
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.trim());
    }

    /**
     * A whole number from 1 to {@code max}. The bound keeps values that would overflow later (an attempt count cast
     * to an int, a backoff doubled per attempt) from passing the cold start's check.
     */
    private static long positive(Map<String, String> env, String name, long defaultValue, long max) {
        Optional<String> value = optional(env, name);
        if (value.isEmpty()) {
            return defaultValue;
        }
        try {
            long parsed = Long.parseLong(value.get());
            if (parsed > 0 && parsed <= max) {
                return parsed;
            }
        } catch (NumberFormatException e) {
            // reported below with the variable's name
        }
        throw new InvalidSettingException(name, "'" + value.get() + "' is not a whole number from 1 to " + max);
    }
}
