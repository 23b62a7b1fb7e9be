package io.medplumlogs.vendors;

/**
 * The deployment contract of the forwarder Lambda: what the generated CloudFormation/Terraform sets and what the
 * forwarder reads. Changing a value here is a breaking change for already generated stacks.
 */
public final class ForwarderContract {

    /** Lambda handler string. */
    public static final String HANDLER = "io.medplumlogs.forwarder.ForwarderHandler::handleRequest";
    /** Lambda runtime the zip is built and tested for. */
    public static final String RUNTIME = "java21";

    /** Maven coordinates of the zip: {@code io.medplumlogs:medplum-logs-forwarder:<version>:zip:lambda}. */
    public static final String GROUP_ID = "io.medplumlogs";
    public static final String ARTIFACT_ID = "medplum-logs-forwarder";
    public static final String ZIP_CLASSIFIER = "lambda";
    public static final String ZIP_TYPE = "zip";

    /** {@code datadog} | {@code splunk} | {@code sumologic}; required. */
    public static final String ENV_VENDOR = "MEDPLUM_LOGS_VENDOR";
    /** ARN of the Secrets Manager secret holding the vendor credential; required. */
    public static final String ENV_SECRET_ARN = "MEDPLUM_LOGS_SECRET_ARN";
    /** Intake base URL: Datadog optional (derived from the site), Splunk required (HEC base URL), Sumo unused. */
    public static final String ENV_ENDPOINT = "MEDPLUM_LOGS_ENDPOINT";
    /** Datadog site, see {@link DatadogSite}; default {@code datadoghq.com}. */
    public static final String ENV_DATADOG_SITE = "MEDPLUM_LOGS_DATADOG_SITE";
    /** SQS queue URL that receives chunks the vendor did not take; required. */
    public static final String ENV_DLQ_URL = "MEDPLUM_LOGS_DLQ_URL";

    /** The invocation payload that makes the function re-send what waits in the dead-letter queue. */
    public static final String REDRIVE_EVENT = "{\"medplumLogs\":\"redrive\"}";

    private ForwarderContract() {
    }

    /** File name of the zip for a version, as Maven names it. */
    public static String zipFileName(String version) {
        return ARTIFACT_ID + "-" + version + "-" + ZIP_CLASSIFIER + "." + ZIP_TYPE;
    }
}
