package io.medplumlogs.maven;

import io.medplumlogs.maven.model.Defaults;
import io.medplumlogs.maven.model.ForwarderDeployment;
import java.util.Map;

/** Requests as the goal builds them with its defaults, for tests to vary one field at a time. */
public final class Requests {

    /** The default way to give the credential: an existing secret. */
    public static final String SECRET_ARN = "arn:aws:secretsmanager:eu-west-1:123456789012:secret:vendor-key-AbCdEf";

    private Requests() {
    }

    public static GenerateRequest datadog() {
        return request("datadog", "/ecs/my-fhir-api", SECRET_ARN, null, Map.of());
    }

    public static GenerateRequest request(String vendor, String logGroups, String secretArn, String hecUrl,
            Map<String, String> settings) {
        return new GenerateRequest(vendor, logGroups, Defaults.FORMATS, secretArn, false, "", "datadoghq.com", hecUrl,
                null, Integer.parseInt(Defaults.MEMORY_MB), Integer.parseInt(Defaults.TIMEOUT_SECONDS),
                Integer.parseInt(Defaults.LOG_RETENTION_DAYS), Integer.parseInt(Defaults.RETRY_ATTEMPTS),
                Integer.parseInt(Defaults.MAX_EVENT_AGE_SECONDS), Defaults.REDRIVE_SCHEDULE,
                Integer.parseInt(Defaults.FAILED_LOGIN_THRESHOLD), null, null, null, null, null, settings, "1.2.3");
    }

    /** Splunk with every setting the invoker ITs used to give on the command line (index, sourcetype, topic, filter). */
    public static GenerateRequest splunkWithItsSettings() {
        return new GenerateRequest("splunk", "/ecs/my-fhir-api", Defaults.FORMATS,
                "arn:aws:secretsmanager:eu-west-1:123456789012:secret:splunk-hec-AbCdEf", false,
                "{ $.level = \"ERROR\" || $.msg = \"Request served\" }", "datadoghq.com",
                "https://http-inputs-example.splunkcloud.com", null, Integer.parseInt(Defaults.MEMORY_MB),
                Integer.parseInt(Defaults.TIMEOUT_SECONDS), Integer.parseInt(Defaults.LOG_RETENTION_DAYS),
                Integer.parseInt(Defaults.RETRY_ATTEMPTS), Integer.parseInt(Defaults.MAX_EVENT_AGE_SECONDS),
                Defaults.REDRIVE_SCHEDULE, Integer.parseInt(Defaults.FAILED_LOGIN_THRESHOLD),
                "arn:aws:sns:eu-west-1:123456789012:ops-alarms", null, null, null, null,
                Map.of("medplum-logs.splunk.index", "fhir", "medplum-logs.splunk.sourcetype", "_json"), "1.2.3");
    }

    /** Sumo Logic with its category and a non-default size, timeout and log retention. */
    public static GenerateRequest sumoLogicSized() {
        return new GenerateRequest("sumologic", "/ecs/my-fhir-api", Defaults.FORMATS,
                "arn:aws:secretsmanager:eu-west-1:123456789012:secret:sumo-url-AbCdEf", false, "", "datadoghq.com",
                null, null, 2048, 300, 90, Integer.parseInt(Defaults.RETRY_ATTEMPTS),
                Integer.parseInt(Defaults.MAX_EVENT_AGE_SECONDS), Defaults.REDRIVE_SCHEDULE,
                Integer.parseInt(Defaults.FAILED_LOGIN_THRESHOLD), null, null, null, null, null,
                Map.of("medplum-logs.sumologic.category", "prod/fhir"), "1.2.3");
    }

    /** The same request with the {@code createSecret} opt-in instead of a secret ARN. */
    public static GenerateRequest creatingTheSecret(GenerateRequest r) {
        return new GenerateRequest(r.vendor(), r.logGroups(), r.formats(), null, true, r.filterPattern(),
                r.datadogSite(), r.splunkHecUrl(), r.functionName(), r.memoryMb(), r.timeoutSeconds(),
                r.logRetentionDays(), r.retryAttempts(), r.maxEventAgeSeconds(), r.redriveSchedule(),
                r.failedLoginThreshold(), r.alarmTopicArn(), r.alarmEmail(), r.tags(), r.architecture(), r.snapStart(),
                r.vendorSettings(), r.forwarderVersion(), r.transport());
    }

    /** The same request with {@code -Dmedplum-logs.architecture} and {@code -Dmedplum-logs.snapStart} as given. */
    public static GenerateRequest runningOn(GenerateRequest r, String architecture, String snapStart) {
        return new GenerateRequest(r.vendor(), r.logGroups(), r.formats(), r.secretArn(), r.createSecret(),
                r.filterPattern(), r.datadogSite(), r.splunkHecUrl(), r.functionName(), r.memoryMb(),
                r.timeoutSeconds(), r.logRetentionDays(), r.retryAttempts(), r.maxEventAgeSeconds(),
                r.redriveSchedule(), r.failedLoginThreshold(), r.alarmTopicArn(), r.alarmEmail(), r.tags(),
                architecture, snapStart, r.vendorSettings(), r.forwarderVersion(), r.transport());
    }

    /** The same request with {@code -Dmedplum-logs.filterPattern} as given. */
    public static GenerateRequest filtering(GenerateRequest r, String filterPattern) {
        return new GenerateRequest(r.vendor(), r.logGroups(), r.formats(), r.secretArn(), r.createSecret(),
                filterPattern, r.datadogSite(), r.splunkHecUrl(), r.functionName(), r.memoryMb(),
                r.timeoutSeconds(), r.logRetentionDays(), r.retryAttempts(), r.maxEventAgeSeconds(),
                r.redriveSchedule(), r.failedLoginThreshold(), r.alarmTopicArn(), r.alarmEmail(), r.tags(),
                r.architecture(), r.snapStart(), r.vendorSettings(), r.forwarderVersion(), r.transport());
    }

    /** The same request with {@code -Dmedplum-logs.alarmEmail} as given. */
    public static GenerateRequest alarming(GenerateRequest r, String alarmEmail) {
        return new GenerateRequest(r.vendor(), r.logGroups(), r.formats(), r.secretArn(), r.createSecret(),
                r.filterPattern(), r.datadogSite(), r.splunkHecUrl(), r.functionName(), r.memoryMb(),
                r.timeoutSeconds(), r.logRetentionDays(), r.retryAttempts(), r.maxEventAgeSeconds(),
                r.redriveSchedule(), r.failedLoginThreshold(), r.alarmTopicArn(), alarmEmail, r.tags(),
                r.architecture(), r.snapStart(), r.vendorSettings(), r.forwarderVersion(), r.transport());
    }

    /** The same request with {@code -Dmedplum-logs.functionName} as given. */
    public static GenerateRequest named(GenerateRequest r, String functionName) {
        return new GenerateRequest(r.vendor(), r.logGroups(), r.formats(), r.secretArn(), r.createSecret(),
                r.filterPattern(), r.datadogSite(), r.splunkHecUrl(), functionName, r.memoryMb(),
                r.timeoutSeconds(), r.logRetentionDays(), r.retryAttempts(), r.maxEventAgeSeconds(),
                r.redriveSchedule(), r.failedLoginThreshold(), r.alarmTopicArn(), r.alarmEmail(), r.tags(),
                r.architecture(), r.snapStart(), r.vendorSettings(), r.forwarderVersion(), r.transport());
    }

    /** The same request with {@code -Dmedplum-logs.tags} as given. */
    public static GenerateRequest tagged(GenerateRequest r, String tags) {
        return new GenerateRequest(r.vendor(), r.logGroups(), r.formats(), r.secretArn(), r.createSecret(),
                r.filterPattern(), r.datadogSite(), r.splunkHecUrl(), r.functionName(), r.memoryMb(),
                r.timeoutSeconds(), r.logRetentionDays(), r.retryAttempts(), r.maxEventAgeSeconds(),
                r.redriveSchedule(), r.failedLoginThreshold(), r.alarmTopicArn(), r.alarmEmail(), tags,
                r.architecture(), r.snapStart(), r.vendorSettings(), r.forwarderVersion(), r.transport());
    }

    public static ForwarderDeployment deployment(GenerateRequest request) {
        try {
            return DeploymentFactory.create(request);
        } catch (InvalidParametersException e) {
            throw new AssertionError(e.getMessage(), e);
        }
    }
}
