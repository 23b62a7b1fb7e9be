package io.medplumlogs.maven.model;

import io.medplumlogs.contract.DatadogSite;
import io.medplumlogs.contract.ForwarderContract;
import io.medplumlogs.contract.Vendor;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.function.Function;

/**
 * Everything the renderers need to write one vendor's forwarder deployment, already validated: renderers only
 * format, they never decide. Vendor facts come from {@link Vendor} and {@link ForwarderContract}, not from here.
 *
 * @param vendorSettings environment variable → value for the {@link Vendor#settings()} the user set, in the
 *        vendor's order, then {@link ForwarderContract#ENV_LOG_GROUP_MAPPING} when a mapping is given; unset
 *        settings are absent so the forwarder's own default applies
 * @param logGroups the groups to subscribe one by one; empty means every log group of the account and region
 *        ({@code -Dmedplum-logs.logGroups=*}, see {@link #accountWide()})
 * @param transport how the logs travel; with {@link Transport#FIREHOSE} the function is the stream's transformation
 */
public record ForwarderDeployment(
        Vendor vendor,
        Set<OutputFormat> formats,
        String functionName,
        List<AppLogGroup> logGroups,
        String filterPattern,
        Optional<String> existingSecretArn,
        Optional<DatadogSite> datadogSite,
        Optional<String> endpoint,
        Map<String, String> vendorSettings,
        Sizing sizing,
        Alarms alarms,
        SortedMap<String, String> tags,
        String forwarderVersion,
        Transport transport) {

    /**
     * @param memoryMb function memory
     * @param timeoutSeconds function timeout
     * @param logRetentionDays retention of the forwarder's own log group
     * @param retryAttempts async retries (0–2)
     * @param maxEventAgeSeconds async event age limit
     * @param redriveSchedule EventBridge schedule expression of the redrive invocation
     * @param architecture {@link ForwarderContract#ARCHITECTURE_ARM64} or {@link ForwarderContract#ARCHITECTURE_X86_64}
     * @param snapStart SnapStart on the published version the triggers invoke
     */
    public record Sizing(int memoryMb, int timeoutSeconds, int logRetentionDays, int retryAttempts,
            int maxEventAgeSeconds, String redriveSchedule, String architecture, boolean snapStart) {

        /** The function's SnapStart {@code ApplyOn}. */
        public String snapStartApplyOn() {
            return snapStart ? ForwarderContract.SNAP_START_APPLY_ON : ForwarderContract.SNAP_START_OFF;
        }
    }

    /**
     * @param failedLoginThreshold failed logins per five minutes that raise the spike alarm
     * @param topicArn existing SNS topic the alarms notify
     * @param email address of a topic the output creates, when no topic is given
     */
    public record Alarms(int failedLoginThreshold, Optional<String> topicArn, Optional<String> email) {

        public boolean notifies() {
            return topicArn.isPresent() || email.isPresent();
        }

        public boolean createsTopic() {
            return topicArn.isEmpty() && email.isPresent();
        }
    }

    /**
     * The validated {@code -Dmedplum-logs.logGroupMapping}, which every function that encodes entries (the forwarder,
     * the Firehose transform) gets as {@link ForwarderContract#ENV_LOG_GROUP_MAPPING}.
     */
    public Optional<String> logGroupMapping() {
        return Optional.ofNullable(vendorSettings.get(ForwarderContract.ENV_LOG_GROUP_MAPPING));
    }

    /**
     * {@code *}: one account-level subscription filter policy instead of a filter per group. It leaves out only
     * {@link #ownLogGroupNames()}, since "NOT IN" is the only selection a subscription policy knows.
     */
    public boolean accountWide() {
        return logGroups.isEmpty();
    }

    /** What the output itself writes to, so what an account-wide subscription must never send (it would loop). */
    public List<String> ownLogGroupNames() {
        return transport == Transport.FIREHOSE ? List.of(forwarderLogGroupName(), firehoseErrorLogGroupName())
                : List.of(forwarderLogGroupName());
    }

    /** The account policy's {@code SelectionCriteria}: every group but {@link #ownLogGroupNames()}. */
    public String accountPolicySelectionCriteria() {
        return "LogGroupName NOT IN [" + String.join(", ", ownLogGroupNames().stream()
                .map(name -> "\"" + name + "\"").toList()) + "]";
    }

    /**
     * The CloudFormation stack the README deploys: the function's name where CloudFormation takes it as a stack name
     * (a letter, then letters, digits and hyphens), else with each {@code _} as {@code -} and, unless it starts with a
     * letter, after {@code medplum-logs-}.
     */
    public String stackName() {
        String name = functionName.replace('_', '-');
        return Character.isLetter(name.charAt(0)) && name.charAt(0) < 0x80 ? name : Defaults.FUNCTION_NAME_PREFIX + name;
    }

    /** The account policy's name, unique per account and region like the function's. */
    public String accountPolicyName() {
        return functionName;
    }

    /** Lambda writes here; never subscribe it (the forwarder would forward its own lines forever). */
    public static String forwarderLogGroupName(String functionName) {
        return "/aws/lambda/" + functionName;
    }

    public String forwarderLogGroupName() {
        return forwarderLogGroupName(functionName);
    }

    public String queueName() {
        return functionName + "-dlq";
    }

    /** Lambda's on-failure destination: invocations it gave up on after its retries, with their whole payload. */
    public String onFailureQueueName() {
        return functionName + "-on-failure";
    }

    /** What follows the function's name in its redrive schedule's EventBridge rule, which may have 64 characters. */
    public static final String REDRIVE_RULE_SUFFIX = "-redrive";

    /** The redrive schedule's EventBridge rule. */
    public static String redriveRuleName(String functionName) {
        return functionName + REDRIVE_RULE_SUFFIX;
    }

    public String redriveRuleName() {
        return redriveRuleName(functionName);
    }

    /** Only on the user's opt-in (no existing secret): the output creates one from a NoEcho parameter / variable. */
    public boolean createsSecret() {
        return existingSecretArn.isEmpty();
    }

    /**
     * Terraform's {@code bucket_prefix} of the Firehose backup bucket: S3 names are lower case letters, digits and
     * hyphens, start with a letter or digit, and a prefix may have 37 characters at most (Terraform adds the rest);
     * so the function's name is lower-cased, other characters become hyphens, and it is cut to fit.
     */
    public String backupBucketPrefix() {
        String suffix = "-failed-";
        String name = functionName.toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9-]", "-")
                .replaceAll("^-+", "");
        if (name.isEmpty() || name.startsWith("xn--") || name.startsWith("sthree-") || name.startsWith("amzn-s3-demo-")) {
            name = "medplum-logs-" + name; // prefixes S3 reserves
        }
        return name.substring(0, Math.min(name.length(), 37 - suffix.length())) + suffix;
    }

    /** Firehose: the delivery stream, named like the function it transforms with. */
    public String deliveryStreamName() {
        return functionName;
    }

    /** Firehose writes its delivery errors here; never subscribed either. */
    public String firehoseErrorLogGroupName() {
        return firehoseErrorLogGroupName(functionName);
    }

    public static String firehoseErrorLogGroupName(String streamName) {
        return "/aws/kinesisfirehose/" + streamName;
    }

    /**
     * The transformation function's environment: the forwarder's ({@link #environment}, so every vendor setting reaches
     * both functions) without what only the forwarder uses, since Firehose itself delivers, backs up and reads the
     * secret.
     */
    public <T> Map<String, T> transformEnvironment(Function<String, T> literal) {
        Map<String, T> env = environment(literal, null, null, null);
        env.keySet().removeAll(List.of(ForwarderContract.ENV_SECRET_ARN, ForwarderContract.ENV_DLQ_URL,
                ForwarderContract.ENV_ON_FAILURE_QUEUE_URL));
        return env;
    }

    public String zipFileName() {
        return ForwarderContract.zipFileName(forwarderVersion);
    }

    /**
     * The function's environment per {@link ForwarderContract}, in a fixed order. The secret ARN and queue URL are
     * references in the output's language, so the caller passes them already rendered.
     */
    public <T> Map<String, T> environment(Function<String, T> literal, T secretArn, T dlqUrl, T onFailureQueueUrl) {
        Map<String, T> env = new LinkedHashMap<>();
        env.put(ForwarderContract.ENV_VENDOR, literal.apply(vendor.id()));
        env.put(ForwarderContract.ENV_SECRET_ARN, secretArn);
        endpoint.ifPresent(url -> env.put(ForwarderContract.ENV_ENDPOINT, literal.apply(url)));
        datadogSite.ifPresent(site -> env.put(ForwarderContract.ENV_DATADOG_SITE, literal.apply(site.domain())));
        vendorSettings.forEach((name, value) -> env.put(name, literal.apply(value)));
        env.put(ForwarderContract.ENV_DLQ_URL, dlqUrl);
        env.put(ForwarderContract.ENV_ON_FAILURE_QUEUE_URL, onFailureQueueUrl);
        env.put(ForwarderContract.ENV_JVM_OPTIONS, literal.apply(ForwarderContract.JVM_OPTIONS));
        return env;
    }
}
