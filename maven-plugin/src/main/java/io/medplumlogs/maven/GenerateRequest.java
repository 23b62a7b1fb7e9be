package io.medplumlogs.maven;

import java.util.Map;

/**
 * The goal's parameters as the user gave them, before validation. Strings stay strings here so that every
 * problem is reported by {@link DeploymentFactory} with the property's name, not by Maven's type conversion; the
 * flags and numbers are read from the mojo's text by {@link ParameterText} (a bad one reads as its default here, and
 * its problem is handed to the factory with the request).
 *
 * @param createSecret opt-in: create the secret from a NoEcho parameter / sensitive variable instead of
 *        referencing {@code secretArn}
 * @param vendorSettings plugin property → value for the vendor settings the user set, and for
 *        {@code medplum-logs.logGroupMapping} when set
 * @param architecture {@code arm64} or {@code x86_64}
 * @param snapStart {@code true} or {@code false}, a string so that a typo is reported instead of read as false
 * @param transport {@code lambda} or {@code firehose}; blank for the default
 */
public record GenerateRequest(
        String vendor,
        String logGroups,
        String formats,
        String secretArn,
        boolean createSecret,
        String filterPattern,
        String datadogSite,
        String splunkHecUrl,
        String functionName,
        int memoryMb,
        int timeoutSeconds,
        int logRetentionDays,
        int retryAttempts,
        int maxEventAgeSeconds,
        String redriveSchedule,
        int failedLoginThreshold,
        String alarmTopicArn,
        String alarmEmail,
        String tags,
        String architecture,
        String snapStart,
        Map<String, String> vendorSettings,
        String forwarderVersion,
        String transport) {

    /** A request with the default transport. */
    public GenerateRequest(String vendor, String logGroups, String formats, String secretArn, boolean createSecret,
            String filterPattern, String datadogSite, String splunkHecUrl, String functionName, int memoryMb,
            int timeoutSeconds, int logRetentionDays, int retryAttempts, int maxEventAgeSeconds, String redriveSchedule,
            int failedLoginThreshold, String alarmTopicArn, String alarmEmail, String tags, String architecture,
            String snapStart, Map<String, String> vendorSettings, String forwarderVersion) {
        this(vendor, logGroups, formats, secretArn, createSecret, filterPattern, datadogSite, splunkHecUrl, functionName,
                memoryMb, timeoutSeconds, logRetentionDays, retryAttempts, maxEventAgeSeconds, redriveSchedule,
                failedLoginThreshold, alarmTopicArn, alarmEmail, tags, architecture, snapStart, vendorSettings,
                forwarderVersion, null);
    }

    /** The same request over another transport. */
    public GenerateRequest withTransport(String value) {
        return new GenerateRequest(vendor, logGroups, formats, secretArn, createSecret, filterPattern, datadogSite,
                splunkHecUrl, functionName, memoryMb, timeoutSeconds, logRetentionDays, retryAttempts,
                maxEventAgeSeconds, redriveSchedule, failedLoginThreshold, alarmTopicArn, alarmEmail, tags,
                architecture, snapStart, vendorSettings, forwarderVersion, value);
    }
}
