package io.medplumlogs.contract;

import java.util.List;

/**
 * The deployment contract of the forwarder Lambda: what the generated CloudFormation/Terraform sets and what the
 * forwarder reads. Changing a value here is a breaking change for already generated stacks.
 */
public final class ForwarderContract {

    /** Lambda handler string. */
    public static final String HANDLER = "io.medplumlogs.forwarder.ForwarderHandler::handleRequest";
    /**
     * Handler of the Firehose transformation function (transport {@code firehose}): the same zip, one record in per
     * CloudWatch Logs batch, the Firehose record contract out ({@code recordId}, {@code result}, base64 {@code data}).
     */
    public static final String FIREHOSE_TRANSFORM_HANDLER =
            "io.medplumlogs.forwarder.firehose.FirehoseTransformHandler::handleRequest";
    /**
     * Per log group {@code service}, {@code source} and tags the vendor shows; the syntax is the one
     * {@code -Dmedplum-logs.logGroupMapping} takes, parsed by one class shared by the plugin and the forwarder.
     */
    public static final String ENV_LOG_GROUP_MAPPING = "MEDPLUM_LOGS_LOG_GROUP_MAPPING";
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
    // Constant declarations, one per environment variable: the one place they are spelled (see class comment).
    /** Datadog site, see {@link DatadogSite}; default {@code datadoghq.com}. */
    public static final String ENV_DATADOG_SITE = "MEDPLUM_LOGS_DATADOG_SITE";
    /** SQS queue URL that receives chunks the vendor did not take; required. */
    public static final String ENV_DLQ_URL = "MEDPLUM_LOGS_DLQ_URL";

    /**
     * SQS queue URL of the function's Lambda on-failure destination (invocations Lambda gave up on after its retries:
     * their records carry the original CloudWatch Logs payload); optional. When set, redrive also re-sends them.
     */
    public static final String ENV_ON_FAILURE_QUEUE_URL = "MEDPLUM_LOGS_ON_FAILURE_QUEUE_URL";

    /** Per-attempt HTTP timeout towards the vendor, in milliseconds; optional, default 10000. */
    public static final String ENV_HTTP_TIMEOUT_MS = "MEDPLUM_LOGS_HTTP_TIMEOUT_MS";
    /** Most attempts per chunk (first try included) before it goes to the DLQ; optional, default 6. */
    public static final String ENV_MAX_ATTEMPTS = "MEDPLUM_LOGS_MAX_ATTEMPTS";
    /** First retry backoff in milliseconds (doubles per attempt, full jitter); optional, default 200. */
    public static final String ENV_RETRY_BASE_DELAY_MS = "MEDPLUM_LOGS_RETRY_BASE_DELAY_MS";
    /** Largest retry backoff in milliseconds; optional, default 10000. */
    public static final String ENV_RETRY_MAX_DELAY_MS = "MEDPLUM_LOGS_RETRY_MAX_DELAY_MS";
    /**
     * Milliseconds of the invocation's remaining time kept back from vendor retries so that failed chunks can still be
     * written to the DLQ; optional, default 5000.
     */
    public static final String ENV_TIME_RESERVE_MS = "MEDPLUM_LOGS_TIME_RESERVE_MS";
    /** The forwarder's default {@link #ENV_TIME_RESERVE_MS}: invocation time kept from retries for DLQ writes. */
    public static final long DEFAULT_TIME_RESERVE_MS = 5_000;
    /**
     * The shortest function timeout that leaves vendor requests any time beside the default reserve: with less, every
     * batch would go to the DLQ unsent.
     */
    public static final int MIN_TIMEOUT_SECONDS = (int) (DEFAULT_TIME_RESERVE_MS / 1000) + 5;

    /** Lambda's longest invocation, 15 minutes: the longest function timeout, and the longest any time setting can use. */
    public static final int MAX_TIMEOUT_SECONDS = 900;

    /** Set by Lambda; events from the forwarder's own log group are never forwarded (no feedback loop). */
    public static final String ENV_OWN_LOG_GROUP = "AWS_LAMBDA_LOG_GROUP_NAME";
    /** Set by Lambda; the function's name, the {@link ForwarderMetrics#DIMENSION_FUNCTION} its alarms watch. */
    public static final String ENV_FUNCTION_NAME = "AWS_LAMBDA_FUNCTION_NAME";

    /**
     * Memory: Lambda gives CPU in proportion to memory and the forwarder is CPU-bound (bench/: a 1 MiB batch needs
     * under 25 MiB of heap, but decode, re-encode and gzip take 0.2-0.5 s warm, under 6 s cold); Datadog's own
     * forwarder uses the same. Tiny defaults (128 MB / 3 s) lose logs.
     */
    public static final int DEFAULT_MEMORY_MB = 1024;
    /**
     * Timeout: a warm 1 MiB batch takes well under a second (bench/); the rest is room for retries with backoff
     * while a vendor throttles or is down, bounded by the invocation's remaining time.
     */
    public static final int DEFAULT_TIMEOUT_SECONDS = 120;

    /**
     * Largest DLQ message the forwarder writes (SQS's long-standing default {@code MaximumMessageSize}). A failed chunk
     * is split over as many messages as needed; each message holds gzip+base64 of whole entries.
     */
    public static final int DLQ_MAX_MESSAGE_BYTES = 262_144;

    /**
     * {@code MaximumMessageSize} of the on-failure queue: SQS's largest. Lambda writes a whole record there (the
     * original CloudWatch Logs payload plus its context) and drops one that does not fit, so the queue takes the most
     * SQS allows rather than its 256 KiB default.
     */
    public static final int ON_FAILURE_QUEUE_MAX_MESSAGE_BYTES = 1_048_576;

    /** IAM actions the function needs on the vendor secret (plus {@code kms:Decrypt} if the secret uses a CMK). */
    public static final List<String> SECRET_IAM_ACTIONS = List.of("secretsmanager:GetSecretValue");
    /** IAM actions the function needs on the DLQ: writing failed chunks, and the redrive mode. */
    public static final List<String> DLQ_IAM_ACTIONS = List.of("sqs:SendMessage", "sqs:ReceiveMessage",
            "sqs:DeleteMessage");
    /**
     * IAM actions the function's execution role needs on the Lambda on-failure destination queue
     * ({@link #ENV_ON_FAILURE_QUEUE_URL}): Lambda sends the records with the function's role, the redrive mode receives
     * and deletes them.
     */
    public static final List<String> ON_FAILURE_QUEUE_IAM_ACTIONS = List.of("sqs:SendMessage", "sqs:ReceiveMessage",
            "sqs:DeleteMessage");

    /**
     * JVM options the function is deployed with ({@code JAVA_TOOL_OPTIONS}), with and without SnapStart. C1 only:
     * measured in {@code bench/}, it cuts the on-demand cold start by 30-50 %, and a batch is too short-lived for C2 to
     * pay off. Under SnapStart too: with the default tiered JIT (C2) and 20 or 80 priming rounds, the first batch after
     * the restore hook and the warm batches were slower than with C1 and 20 rounds ({@code bench/peers}, SnapStart
     * proxy), as C2 was still compiling the hot path.
     */
    public static final String JVM_OPTIONS = "-XX:+TieredCompilation -XX:TieredStopAtLevel=1";
    public static final String ENV_JVM_OPTIONS = "JAVA_TOOL_OPTIONS";

    /**
     * Instruction sets the zip runs on (pure Java): arm64 (Graviton) by default, about 20 % cheaper per GB-second for
     * the same code; x86_64 for accounts or regions that need it.
     */
    public static final String ARCHITECTURE_ARM64 = "arm64";
    public static final String ARCHITECTURE_X86_64 = "x86_64";
    public static final String DEFAULT_ARCHITECTURE = ARCHITECTURE_ARM64;
    /**
     * SnapStart: Lambda snapshots the initialised (and primed) function when a version is published and restores
     * environments from it, so a cold start skips JVM start, class loading and client set-up. It applies to published
     * versions only, hence the alias the subscriptions and the redrive schedule invoke.
     */
    public static final String SNAP_START_APPLY_ON = "PublishedVersions";
    public static final String SNAP_START_OFF = "None";
    /** The alias every trigger invokes; it points at the version the generated stack published. */
    public static final String ALIAS = "live";

    /** The invocation payload that makes the function re-send what waits in the dead-letter queue. */
    public static final String REDRIVE_EVENT = "{\"medplumLogs\":\"redrive\"}";

    private ForwarderContract() {
    }

    /** File name of the zip for a version, as Maven names it. */
    public static String zipFileName(String version) {
        return ARTIFACT_ID + "-" + version + "-" + ZIP_CLASSIFIER + "." + ZIP_TYPE;
    }
}
