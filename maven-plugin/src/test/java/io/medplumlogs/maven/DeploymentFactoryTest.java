package io.medplumlogs.maven;

import static io.medplumlogs.maven.Requests.deployment;
import static io.medplumlogs.maven.Requests.request;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.medplumlogs.maven.model.ForwarderDeployment;
import io.medplumlogs.maven.model.OutputFormat;
import io.medplumlogs.maven.model.Transport;
import io.medplumlogs.contract.DatadogSite;
import io.medplumlogs.contract.ForwarderContract;
import io.medplumlogs.contract.Setting;
import io.medplumlogs.contract.Vendor;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DeploymentFactoryTest {

    private static final String SECRET = "arn:aws:secretsmanager:eu-west-1:123456789012:secret:dd-key-AbCdEf";

    @Test
    void datadogWithDefaults() {
        ForwarderDeployment d = deployment(Requests.datadog());
        assertThat(d.vendor()).isEqualTo(Vendor.DATADOG);
        assertThat(d.functionName()).isEqualTo("medplum-logs-datadog");
        assertThat(d.formats()).containsExactly(OutputFormat.CLOUDFORMATION, OutputFormat.TERRAFORM);
        assertThat(d.datadogSite()).contains(DatadogSite.US1);
        assertThat(d.endpoint()).isEmpty();
        assertThat(d.createsSecret()).isFalse();
        assertThat(d.sizing().memoryMb()).isEqualTo(1024);
        assertThat(d.sizing().timeoutSeconds()).isEqualTo(120);
        assertThat(d.zipFileName()).isEqualTo("medplum-logs-forwarder-1.2.3-lambda.zip");
    }

    @Test
    void environmentFollowsTheContractAndKeepsOnlyTheChosenVendorsSettings() {
        ForwarderDeployment d = deployment(request("splunk", "/ecs/a", SECRET, "https://hec.example.com:8088/",
                Map.of("medplum-logs.splunk.index", "fhir", "medplum-logs.datadog.service", "ignored")));
        Map<String, String> env = d.environment(v -> v, "SECRET", "QUEUE", "ON_FAILURE");
        assertThat(env).containsExactly(
                Map.entry(ForwarderContract.ENV_VENDOR, "splunk"),
                Map.entry(ForwarderContract.ENV_SECRET_ARN, "SECRET"),
                Map.entry(ForwarderContract.ENV_ENDPOINT, "https://hec.example.com:8088"),
                Map.entry("MEDPLUM_LOGS_SPLUNK_INDEX", "fhir"),
                Map.entry(ForwarderContract.ENV_DLQ_URL, "QUEUE"),
                Map.entry(ForwarderContract.ENV_ON_FAILURE_QUEUE_URL, "ON_FAILURE"),
                Map.entry("JAVA_TOOL_OPTIONS", "-XX:+TieredCompilation -XX:TieredStopAtLevel=1"));
        assertThat(d.existingSecretArn()).contains(SECRET);
    }

    @Test
    void sumoHasNoEndpointVariable() {
        Map<String, String> env = deployment(request("sumologic", "/ecs/a", SECRET, null,
                Map.of("medplum-logs.sumologic.category", "prod/fhir")))
                .environment(v -> v, "S", "Q", "F");
        assertThat(env).doesNotContainKeys(ForwarderContract.ENV_ENDPOINT, ForwarderContract.ENV_DATADOG_SITE)
                .containsEntry("MEDPLUM_LOGS_SUMOLOGIC_CATEGORY", "prod/fhir");
    }

    @Test
    void duplicateLogGroupsAreSubscribedOnce() {
        assertThat(deployment(request("datadog", "/ecs/a, /ecs/b,/ecs/a", SECRET, null, Map.of())).logGroups())
                .extracting(g -> g.name()).containsExactly("/ecs/a", "/ecs/b");
    }

    @Test
    void unknownVendorListsTheValidOnes() {
        assertProblem(request("newrelic", "/ecs/a", null, null, Map.of()),
                "Unknown vendor 'newrelic'", "datadog, splunk, sumologic");
    }

    @Test
    void missingVendorAndLogGroupsNameTheirDashDOption() {
        assertProblem(request(null, " ", null, null, Map.of()),
                "-Dmedplum-logs.vendor=", "-Dmedplum-logs.logGroups=");
        assertProblem(request(null, "/ecs/app", SECRET, null, Map.of()),
                "Missing required parameter medplum-logs.vendor", "-Dmedplum-logs.vendor=");
        assertProblem(request("datadog", null, SECRET, null, Map.of()),
                "Missing required parameter medplum-logs.logGroups", "-Dmedplum-logs.logGroups=");
    }

    // assertProblem tables (request, expected texts) look alike; each test lists the cases of its own rule.
    @Test
    void invalidLogGroupName() {
        assertProblem(request("datadog", "/ecs/my app", null, null, Map.of()),
                "Invalid log group name '/ecs/my app'", ". - _ / #");
        assertProblem(request("datadog", "x".repeat(513), null, null, Map.of()), "1-512 characters");
        assertProblem(request("datadog", "/ecs/app,/ecs/bad*group", SECRET, null, Map.of()),
                "Invalid log group name '/ecs/bad*group'", "1-512 characters");
    }

    // Each refusal test is one input + the message a user sees, alike in shape on purpose (one behaviour per test).
    @Test
    void theForwardersOwnLogGroupIsRefused() {
        assertProblem(request("datadog", "/ecs/a,/aws/lambda/medplum-logs-datadog", null, null, Map.of()),
                "'/aws/lambda/medplum-logs-datadog'", "forwarder's own log group");
        assertProblem(request("sumologic", "/ecs/app,/aws/lambda/medplum-logs-sumologic", null, null, Map.of()),
                "'/aws/lambda/medplum-logs-sumologic'", "forwarder's own log group");
    }

    @Test
    void splunkNeedsAnHttpsBaseUrl() {
        assertProblem(request("splunk", "/ecs/a", null, null, Map.of()),
                "Missing required parameter medplum-logs.splunk.hecUrl", "-Dmedplum-logs.splunk.hecUrl=");
        assertProblem(request("splunk", "/ecs/a", null, "http://hec.example.com:8088", Map.of()),
                "must be an https:// URL");
        assertProblem(request("splunk", "/ecs/a", null, "https://hec.example.com/services/collector/event",
                Map.of()), "base URL only");
        // the forwarder's rule (IntakeBaseUrl): any path but "/", and user info, as well
        assertProblem(request("splunk", "/ecs/a", null, "https://hec.example.com/splunk", Map.of()), "base URL only");
        assertProblem(request("splunk", "/ecs/a", null, "https://u:p@hec.example.com", Map.of()), "base URL only");
    }

    @Test
    void aRefusedHecUrlIsQuotedWithoutItsPassword() {
        // the forwarder hunt: a refused URL with user info was quoted whole, password included, into the build output
        for (String url : new String[] { "https://admin:hunter2@hec.example.com", "http://admin:hunter2@hec:8088",
                "https://admin:hunter2@hec.example.com/ bad", "https://admin:hun/ter2@hec.example.com" }) {
            assertThatThrownBy(() -> DeploymentFactory.create(request("splunk", "/ecs/a", null, url, Map.of())))
                    .isInstanceOf(InvalidParametersException.class)
                    .satisfies(e -> assertThat(e.getMessage()).contains("//***@").doesNotContain("hunter2").doesNotContain("hun/ter2"));
        }
    }

    @Test
    void anAlarmEmailWithAControlCharacterIsRefusedAndQuotedEscaped() {
        // SNS refuses such an address at deploy time; the error must not write the raw control character either
        for (String email : new String[] { "ops\u0093@example.com", "ops@exa\u0000mple.com", "ops@example.com\uFFFF",
                "ops\uD800@example.com" }) {
            assertThatThrownBy(() -> DeploymentFactory.create(Requests.alarming(Requests.datadog(), email)))
                    .isInstanceOf(InvalidParametersException.class)
                    .satisfies(e -> assertThat(e.getMessage()).contains("medplum-logs.alarmEmail", "\\u")
                            .doesNotContain(email));
        }
        assertThat(Requests.deployment(Requests.alarming(Requests.datadog(), "opérations@exämple.com")).alarms()
                .email()).contains("opérations@exämple.com");
    }

    @Test
    void malformedSecretArn() {
        assertProblem(request("datadog", "/ecs/a", "arn:aws:s3:::bucket", null, Map.of()),
                "'arn:aws:s3:::bucket' in medplum-logs.secretArn is not a Secrets Manager secret ARN");
        assertProblem(request("datadog", "/ecs/app", "arn:aws:secretsmanager:eu-west-1:42:secret:key", null, Map.of()),
                "in medplum-logs.secretArn is not a Secrets Manager secret ARN");
    }

    /**
     * generate.adoc: a partial secret ARN (without the hyphen and six characters Secrets Manager adds) is taken as
     * given, for both transports: the roles are granted the ARN and the ARN followed by {@code -??????}, which IAM
     * matches against the full one, and Secrets Manager finds the secret by the partial ARN. It was refused while the
     * roles were granted only the ARN as given.
     */
    @Test
    void aPartialSecretArnIsTakenAsGiven() {
        String partial = "arn:aws:secretsmanager:eu-west-1:123456789012:secret:datadog-api-key";
        for (String transport : new String[] { "lambda", "firehose" }) {
            assertThat(deployment(request("datadog", "/ecs/a", partial, null, Map.of()).withTransport(transport))
                    .existingSecretArn()).contains(partial);
        }
        assertThat(deployment(request("datadog", "/ecs/a",
                "arn:aws:secretsmanager:eu-west-1:123456789012:secret:prod/datadog-api-key-AbC123", null, Map.of()))
                .existingSecretArn()).isPresent();
    }

    @Test
    void unknownDatadogSiteListsTheSites() {
        GenerateRequest r = Requests.datadog();
        GenerateRequest bad = new GenerateRequest(r.vendor(), r.logGroups(), r.formats(), SECRET, false, "", "datadoghq.mars",
                null, null, r.memoryMb(), r.timeoutSeconds(), r.logRetentionDays(), r.retryAttempts(),
                r.maxEventAgeSeconds(), r.redriveSchedule(), r.failedLoginThreshold(), null, null, null, null, null, Map.of(),
                "1");
        assertProblem(bad, "Unknown Datadog site 'datadoghq.mars'", DatadogSite.validDomains());
        GenerateRequest org = new GenerateRequest(r.vendor(), r.logGroups(), r.formats(), SECRET, false, "",
                "datadoghq.org", null, null, r.memoryMb(), r.timeoutSeconds(), r.logRetentionDays(),
                r.retryAttempts(), r.maxEventAgeSeconds(), r.redriveSchedule(), r.failedLoginThreshold(), null, null,
                null, null, null, Map.of(), "1");
        assertProblem(org, "Unknown Datadog site 'datadoghq.org'", "datadoghq.eu");
    }

    @Test
    void everyVendorNeedsAnExistingSecretUnlessCreatingOneIsAskedFor() {
        for (Vendor vendor : Vendor.values()) {
            assertProblem(request(vendor.id(), "/ecs/a", null, "https://hec.example.com", Map.of()),
                    "Missing required parameter medplum-logs.secretArn", "-Dmedplum-logs.secretArn=",
                    "-Dmedplum-logs.createSecret=true", "Terraform state");
            assertThat(deployment(Requests.creatingTheSecret(request(vendor.id(), "/ecs/a", null,
                    "https://hec.example.com", Map.of()))).createsSecret()).isTrue();
        }
    }

    @Test
    void secretArnAndCreateSecretTogetherAreAmbiguous() {
        GenerateRequest both = Requests.creatingTheSecret(Requests.datadog());
        both = new GenerateRequest(both.vendor(), both.logGroups(), both.formats(), SECRET, true,
                both.filterPattern(), both.datadogSite(), null, null, both.memoryMb(), both.timeoutSeconds(),
                both.logRetentionDays(), both.retryAttempts(), both.maxEventAgeSeconds(), both.redriveSchedule(),
                both.failedLoginThreshold(), null, null, null, null, null, Map.of(), "1");
        assertProblem(both, "medplum-logs.secretArn", "medplum-logs.createSecret", "not both");
    }

    @Test
    void everyProblemIsReportedAtOnce() {
        assertThatThrownBy(() -> DeploymentFactory.create(request("nope", "bad name", "arn:x", null, Map.of())))
                .isInstanceOfSatisfying(InvalidParametersException.class,
                        e -> assertThat(e.problems()).hasSize(3));
    }

    @Test
    void vendorSettingThatCannotBeAnHttpHeaderNamesItsDashDOptionAndNothingIsWritten() {
        assertThatThrownBy(() -> DeploymentFactory.create(request("sumologic", "/ecs/a", SECRET, null,
                Map.of("medplum-logs.sumologic.category", "prod/fhir\r\nX-Injected: yes"))))
                .isInstanceOfSatisfying(InvalidParametersException.class, e -> assertThat(e.problems())
                        .containsExactly("Invalid value for -Dmedplum-logs.sumologic.category: it contains a line"
                                + " break (CR/LF) at character 10; an HTTP header value must be one line of printable"
                                + " ASCII. Fix or remove -Dmedplum-logs.sumologic.category."))
                .hasMessageStartingWith("Invalid medplum-logs:generate parameters, nothing was written");
    }

    /** Splunk's event size is a number of bytes within what HEC takes: anything else is refused before writing. */
    @Test
    void splunksEventSizeThatIsNoNumberOfBytesItCanUseIsRefusedNamingItsDashDOption() throws Exception {
        for (String bad : new String[] {"10k", "0", "2000000"}) {
            assertProblem(request("splunk", "/ecs/a", SECRET, "https://hec.example.com",
                    Map.of("medplum-logs.splunk.maxEventBytes", bad)), "-Dmedplum-logs.splunk.maxEventBytes:",
                    "TRUNCATE");
        }
        ForwarderDeployment accepted = DeploymentFactory.create(request("splunk", "/ecs/a", SECRET, "https://hec.example.com",
                Map.of("medplum-logs.splunk.maxEventBytes", "250000")));
        assertThat(accepted.vendorSettings()).containsEntry("MEDPLUM_LOGS_SPLUNK_MAX_EVENT_BYTES", "250000");
    }

    @Test
    void everyVendorsSettingsAreCheckedWithTheSharedRule() {
        for (Vendor vendor : Vendor.values()) {
            for (Setting setting : vendor.settings()) {
                assertProblem(request(vendor.id(), "/ecs/a", SECRET, "https://hec.example.com", Map.of(
                        setting.pluginProperty(), "a\u00e9b")), "-D" + setting.pluginProperty() + ":",
                        "a non-ASCII character at character 2");
            }
        }
    }

    @Test
    void logGroupMappingGoesToTheFunctionsEnvironmentForEveryVendor() {
        String mapping = "/ecs/api=service:fhir-api,source:java,tags:env:prod+team:core;/aws/lambda/*=source:lambda";
        for (Vendor vendor : Vendor.values()) {
            ForwarderDeployment d = deployment(request(vendor.id(), "/ecs/api", SECRET, "https://hec.example.com",
                    Map.of("medplum-logs.logGroupMapping", " " + mapping + " ")));
            assertThat(d.environment(v -> v, "S", "Q", "F"))
                    .containsEntry(ForwarderContract.ENV_LOG_GROUP_MAPPING, mapping);
            assertThat(d.logGroupMapping()).contains(mapping);
        }
        assertThat(deployment(Requests.datadog()).environment(v -> v, "S", "Q", "F"))
                .doesNotContainKey(ForwarderContract.ENV_LOG_GROUP_MAPPING);
    }

    @Test
    void malformedLogGroupMappingNamesTheDashDOptionAndTheEntryAndNothingIsWritten() {
        assertThatThrownBy(() -> DeploymentFactory.create(request("datadog", "/ecs/a", SECRET, null,
                Map.of("medplum-logs.logGroupMapping", "/ecs/api=service:fhir-api;/ecs/worker=team:core"))))
                .isInstanceOfSatisfying(InvalidParametersException.class, e -> assertThat(e.problems())
                        .containsExactly("Invalid -Dmedplum-logs.logGroupMapping: entry 2 '/ecs/worker=team:core':"
                                + " unknown key 'team' (keys: service, source, tags). Write"
                                + " -Dmedplum-logs.logGroupMapping='/ecs/api=service:fhir-api,source:java,"
                                + "tags:env:prod+team:core;/aws/lambda/*=source:lambda'."))
                .hasMessageStartingWith("Invalid medplum-logs:generate parameters, nothing was written");
    }

    @Test
    void malformedLogGroupMappingIsReportedEvenWithoutAVendor() {
        assertProblem(request(null, "/ecs/a", SECRET, null, Map.of("medplum-logs.logGroupMapping", "/ecs/a")),
                "Missing required parameter medplum-logs.vendor",
                "Invalid -Dmedplum-logs.logGroupMapping: entry 1 '/ecs/a': expected <log group>=<key>:<value>");
    }

    @Test
    void architectureAndSnapStartAreCheckedAndDefaultToGravitonWithSnapStart() {
        assertProblem(Requests.runningOn(Requests.datadog(), "aarch64", null),
                "Unknown architecture 'aarch64' in medplum-logs.architecture", "arm64", "-Dmedplum-logs.architecture=x86_64");
        assertProblem(Requests.runningOn(Requests.datadog(), null, "yes"),
                "Invalid -Dmedplum-logs.snapStart='yes'", "-Dmedplum-logs.snapStart=false");
        var sizing = deployment(Requests.datadog()).sizing();
        assertThat(sizing.architecture()).isEqualTo("arm64");
        assertThat(sizing.snapStart()).isTrue();
        assertThat(deployment(Requests.runningOn(Requests.datadog(), " x86_64 ", "false")).sizing())
                .extracting(s -> s.architecture(), s -> s.snapStart()).containsExactly("x86_64", false);
        // the one rule for every flag (ParameterText): true or false in any case
        assertThat(deployment(Requests.runningOn(Requests.datadog(), null, "FALSE")).sizing().snapStart()).isFalse();
    }

    @Test
    void logGroupMappingBeyondLambdasEnvironmentLimitIsRefusedBeforeTheDeployFails() {
        // Lambda refuses a function whose variables exceed 4 KB in total: the stack would fail at deploy time
        StringBuilder mapping = new StringBuilder();
        for (int i = 0; i < 50; i++) {
            mapping.append("/ecs/service-").append(i).append("=service:service-").append(i)
                    .append(",source:java,tags:env:prod+team:core;");
        }
        assertProblem(request("datadog", "/ecs/a", SECRET, null,
                Map.of("medplum-logs.logGroupMapping", mapping.toString())),
                "Invalid -Dmedplum-logs.logGroupMapping: " + mapping.length() + " characters",
                "Lambda's 4 KB limit", "a prefix entry");
    }

    /**
     * The 4 KB total holds whatever makes the environment large, not only a mapping: here a vendor setting alone, with
     * either transport (the Firehose transformation function has the same settings).
     */
    @Test
    void aVendorSettingBeyondLambdasEnvironmentLimitIsRefusedBeforeTheDeployFails() {
        StringBuilder tags = new StringBuilder();
        for (int i = 0; tags.length() < 4200; i++) {
            tags.append(i == 0 ? "" : ",").append("team").append(i).append(":platform");
        }
        GenerateRequest r = request("datadog", "/ecs/a", SECRET, null, Map.of("medplum-logs.datadog.tags",
                tags.toString()));
        for (GenerateRequest each : java.util.List.of(r, r.withTransport("firehose"))) {
            assertProblem(each, "Invalid -Dmedplum-logs.datadog.tags: " + tags.length() + " characters",
                    "Lambda's 4 KB limit", "Shorten it");
        }
        // a long value that still fits is taken
        String fits = tags.substring(0, 3000);
        assertThat(deployment(request("datadog", "/ecs/a", SECRET, null, Map.of("medplum-logs.datadog.tags", fits)))
                .environment(v -> v, "S", "Q", "F")).containsEntry("MEDPLUM_LOGS_DATADOG_TAGS", fits);
    }

    /**
     * generate.adoc: all of the function's environment variables together must fit Lambda's 4 KB, and a larger total
     * is refused. The secret ARN the user gives is in that environment as written, and a secret's name may have 512
     * characters: it was counted at 256 bytes like the references the stack fills in, so a long ARN with a long vendor
     * setting passed the goal and Lambda refused the function at deploy.
     */
    @Test
    void aLongSecretArnCountsAtItsLengthInLambdasEnvironmentLimit() {
        String arn = "arn:aws:secretsmanager:eu-west-1:123456789012:secret:" + "team/".repeat(99) + "datadog-AbCdEf";
        String reference = "x".repeat(256);
        for (int length = 3000; length < 4096; length += 8) {
            String tags = "team:" + "p".repeat(length);
            ForwarderDeployment d;
            try {
                d = DeploymentFactory.create(request("datadog", "/ecs/a", arn, null,
                        Map.of("medplum-logs.datadog.tags", tags)));
            } catch (InvalidParametersException refused) {
                assertThat(refused.getMessage()).contains("Lambda's 4 KB limit");
                continue;
            }
            int bytes = d.environment(v -> v, arn, reference, reference).entrySet().stream()
                    .mapToInt(e -> e.getKey().length() + e.getValue().length()).sum();
            assertThat(bytes).as("the environment of an accepted request, with the secret ARN as given (" + tags.length()
                    + " characters of tags)").isLessThanOrEqualTo(4096);
        }
    }

    @Test
    void starSubscribesTheWholeAccountButItsOwnLogGroupsWhateverTheTransport() {
        ForwarderDeployment lambda = deployment(request("datadog", " * ", SECRET, null, Map.of()));
        assertThat(lambda.accountWide()).isTrue();
        assertThat(lambda.logGroups()).isEmpty();
        assertThat(lambda.accountPolicySelectionCriteria())
                .isEqualTo("LogGroupName NOT IN [\"/aws/lambda/medplum-logs-datadog\"]");
        ForwarderDeployment firehose = deployment(request("datadog", "*", SECRET, null, Map.of())
                .withTransport("firehose"));
        assertThat(firehose.accountPolicySelectionCriteria()).isEqualTo("LogGroupName NOT IN"
                + " [\"/aws/lambda/medplum-logs-datadog\", \"/aws/kinesisfirehose/medplum-logs-datadog\"]");
        assertThat(deployment(Requests.datadog()).accountWide()).isFalse();
    }

    @Test
    void starTogetherWithNamedLogGroupsIsRefused() {
        assertProblem(request("datadog", "/ecs/a,*", SECRET, null, Map.of()),
                "-Dmedplum-logs.logGroups mixes * with named log groups", "-Dmedplum-logs.logGroups=*");
        assertProblem(request("datadog", "*,/ecs/a", SECRET, null, Map.of()).withTransport("firehose"),
                "mixes * with named log groups");
    }

    @Test
    void prefixPatternsAreRefusedBecauseTheAccountPolicyCannotSelectByPrefix() {
        assertProblem(request("datadog", "/ecs/*", SECRET, null, Map.of()),
                "Log group pattern '/ecs/*' in -Dmedplum-logs.logGroups cannot be generated",
                "only by 'LogGroupName NOT IN [...]'", "List the groups by name", "-Dmedplum-logs.logGroups=*");
        assertProblem(request("splunk", "/ecs/api,/aws/lambda/*", SECRET, "https://hec.example.com", Map.of())
                .withTransport("firehose"), "Log group pattern '/aws/lambda/*'");
        // a * inside a name is no prefix: it stays an invalid name
        assertProblem(request("datadog", "/ecs/bad*group", SECRET, null, Map.of()),
                "Invalid log group name '/ecs/bad*group'");
    }

    /** Every sizing value just outside its documented range is refused, all in one report; the bounds are accepted. */
    @Test
    void sizingOutsideItsRangesIsRefusedAllAtOnceAndItsBoundsAreAccepted() {
        assertThatThrownBy(() -> DeploymentFactory.create(sized(127, 901, 31, -1, 59, "every 5 minutes", 0)))
                .isInstanceOfSatisfying(InvalidParametersException.class, e -> assertThat(e.problems())
                        .anyMatch(p -> p.contains("medplum-logs.memory") && p.contains("127"))
                        .anyMatch(p -> p.contains("medplum-logs.timeout") && p.contains("901"))
                        .anyMatch(p -> p.contains("medplum-logs.logRetentionDays=31"))
                        .anyMatch(p -> p.contains("medplum-logs.retryAttempts") && p.contains("-1"))
                        .anyMatch(p -> p.contains("medplum-logs.maxEventAge") && p.contains("59"))
                        .anyMatch(p -> p.contains("medplum-logs.redriveSchedule") && p.contains("every 5 minutes"))
                        .anyMatch(p -> p.contains("medplum-logs.failedLoginThreshold") && p.contains("0")));
        assertThatThrownBy(() -> DeploymentFactory.create(sized(10241, 0, 30, 3, 21601, "rate(15 minutes)", 1)))
                .isInstanceOfSatisfying(InvalidParametersException.class, e -> assertThat(e.problems()).hasSize(4));

        assertThat(deployment(sized(128, 10, 1, 0, 60, "cron(0/15 * * * ? *)", 1)).sizing().memoryMb()).isEqualTo(128);
        assertThat(deployment(sized(10240, 900, 3653, 2, 21600, "rate(1 minute)", 1_000_000)).sizing().timeoutSeconds())
                .isEqualTo(900);
    }

    /** The forwarder keeps the last 5 s of an invocation for DLQ writes: a shorter function would send nothing. */
    @Test
    void aTimeoutThatLeavesTheForwarderNoTimeToSendIsRefusedForLambdaOnly() {
        assertProblem(sized(1024, 9, 30, 2, 3600, "rate(15 minutes)", 10), "medplum-logs.timeout=9",
                "too little time to send", "keeps the last 5 s", "use 10 to 900 seconds");
        assertThat(deployment(sized(1024, 10, 30, 2, 3600, "rate(15 minutes)", 10)).sizing().timeoutSeconds())
                .isEqualTo(10);
        // Firehose's transformation function sends nothing itself
        assertThat(deployment(sized(1024, 3, 30, 2, 3600, "rate(15 minutes)", 10).withTransport("firehose"))
                .sizing().timeoutSeconds()).isEqualTo(3);
    }

    /**
     * generate.adoc: Firehose invokes its transformation function for at most 5 minutes and counts a longer invocation
     * as a failure (its records are retried, then backed up to S3), so with {@code transport=firehose} the timeout is
     * 1–300 s; it was 1–900 s, so a 900 s transformation deployed and every batch it took longer than 300 s with never
     * reached the vendor. The Lambda transport keeps Lambda's 900 s.
     */
    @Test
    void aTransformationTimeoutAboveFirehosesFiveMinutesIsRefused() {
        assertProblem(sized(1024, 301, 30, 2, 3600, "rate(15 minutes)", 10).withTransport("firehose"),
                "medplum-logs.timeout=301", "Firehose", "5 minutes", "1 to 300 seconds");
        assertThat(deployment(sized(1024, 300, 30, 2, 3600, "rate(15 minutes)", 10).withTransport("firehose"))
                .sizing().timeoutSeconds()).isEqualTo(300);
        assertThat(deployment(sized(1024, 900, 30, 2, 3600, "rate(15 minutes)", 10)).sizing().timeoutSeconds())
                .isEqualTo(900);
    }

    /**
     * A timeout above Lambda's 900 s with firehose: the one problem names Firehose's range. It was told "use 1 to 900
     * seconds" (the Lambda transport's), and the user who then tried 900 was refused again, now for Firehose's 300.
     */
    @Test
    void aTransformationTimeoutAboveLambdasLimitIsToldFirehosesRange() {
        assertThatThrownBy(() -> DeploymentFactory.create(sized(1024, 1000, 30, 2, 3600, "rate(15 minutes)", 10)
                .withTransport("firehose")))
                .isInstanceOf(InvalidParametersException.class)
                .hasMessageContainingAll("medplum-logs.timeout=1000", "1 to 300 seconds")
                .hasMessageNotContaining("1 to 900");
        // 301 to 900: the one Firehose problem, not a range problem beside it
        assertThatThrownBy(() -> DeploymentFactory.create(sized(1024, 600, 30, 2, 3600, "rate(15 minutes)", 10)
                .withTransport("firehose"))).hasMessageContaining("Firehose").hasMessageNotContaining("out of range");
        assertProblem(sized(1024, 1000, 30, 2, 3600, "rate(15 minutes)", 10), "medplum-logs.timeout=1000",
                "1 to 900 seconds");
        assertProblem(sized(1024, 0, 30, 2, 3600, "rate(15 minutes)", 10).withTransport("firehose"),
                "medplum-logs.timeout=0", "1 to 300 seconds");
    }

    /** EventBridge refuses these at deploy time (cfn-lint E3027): refused here, before anything is written. */
    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = { "rate(1 minutes)", "rate(0 minutes)", "rate(5 minute)",
            "cron(0/15 * * * *)", "cron(0/15 * * * ? * *)", "cron(0/15 * * * * *)", "cron(0 8 * * MON-FRI *)",
            "cron(0/15 * ? * ? *)", "cron(0/15 ? * * ? *)" })
    void redriveSchedulesEventBridgeRefusesAreRefused(String schedule) {
        assertProblem(sized(1024, 120, 30, 2, 3600, schedule, 10), "medplum-logs.redriveSchedule", schedule);
    }

    /** The Unix habit ('*' in both day fields) is the likely mistake: the message says where the '?' goes. */
    @Test
    void aCronWithBothDayFieldsSaysWhereTheQuestionMarkGoes() {
        assertProblem(sized(1024, 120, 30, 2, 3600, "cron(0 8 * * MON-FRI *)", 10),
                "Invalid medplum-logs.redriveSchedule 'cron(0 8 * * MON-FRI *)'",
                "'?' in exactly one of day-of-month (3rd field) and day-of-week (5th field)",
                "cron(0/15 * * * ? *)", "cron(0 8 ? * MON-FRI *)");
    }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = { "rate(1 minute)", "rate(2 minutes)", "rate(1 day)",
            "rate(12 hours)", "cron(0/15 * * * ? *)", "cron(0 12 ? * MON-FRI *)", "cron(0 8 1 * ? *)",
            "cron(0/5 8-17 ? * 2#1 2027)" })
    void redriveSchedulesEventBridgeTakesAreTaken(String schedule) {
        assertThat(deployment(sized(1024, 120, 30, 2, 3600, schedule, 10)).sizing().redriveSchedule())
                .isEqualTo(schedule);
    }

    /** {@code <name>-redrive}, the schedule's EventBridge rule, may have 64 characters: the name 56. */
    @Test
    void aFunctionNameTooLongForTheNamesMadeFromItIsRefused() {
        assertProblem(named(Requests.datadog(), "f".repeat(57)), "has 57 characters", "at most 56");
        assertThat(deployment(named(Requests.datadog(), "f".repeat(56))).functionName()).hasSize(56);
        // Firehose makes no redrive rule: Lambda's own limit
        assertThat(deployment(named(Requests.datadog(), "f".repeat(64)).withTransport("firehose")).functionName())
                .hasSize(64);
        assertProblem(named(Requests.datadog(), "f".repeat(65)).withTransport("firehose"), "Invalid function name",
                "use 1-64");
    }

    /** AWS' tag rules: values of at most 256 characters of its set, at most 50 tags. */
    @Test
    void tagsAwsRefusesAreRefused() {
        assertProblem(tagged("team=" + "x".repeat(257)), "Invalid value of tag 'team'");
        assertProblem(tagged("team=a\"b$!"), "Invalid value of tag 'team'");
        StringBuilder many = new StringBuilder();
        for (int i = 0; i < 51; i++) {
            many.append(i == 0 ? "" : ",").append("k").append(i).append("=v");
        }
        assertProblem(tagged(many.toString()), "51 tags", "at most 50");

        assertThat(deployment(tagged("team=" + "x".repeat(256) + ",env=prod east:1/a+b@c")).tags())
                .containsEntry("env", "prod east:1/a+b@c");
    }

    /**
     * IAM compares tag keys ignoring case: a role tagged Team and team is refused at deploy time ("Duplicate tag keys
     * found. Please note that Tag keys are case insensitive.", also moto's answer), and every generated stack has a
     * role. A key given twice in the same case would silently lose one of its values. Both are refused.
     */
    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = { "Team=platform,team=core", "team=platform,team=core",
            "\u00c9quipe=a,\u00e9quipe=b" })
    void aTagKeyGivenTwiceWhateverItsCaseIsRefused(String tags) {
        String second = tags.substring(tags.indexOf(',') + 1, tags.lastIndexOf('='));
        assertProblem(tagged("env=prod," + tags), "Tag key '" + second + "' in medplum-logs.tags is given twice",
                "ignoring case");
        assertThat(deployment(tagged("team=platform,teams=core")).tags()).containsOnlyKeys("team", "teams");
    }

    /** AWS reserves the prefix aws: in every case (aws:, AWS:, Aws:) for its own tag keys; the deploy would fail. */
    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = { "aws:team=platform", "AWS:team=platform",
            "Aws:team=platform", "aWS:cloudformation:stack-name=x" })
    void aTagKeyWithAwsReservedPrefixInAnyCaseIsRefused(String tag) {
        String key = tag.substring(0, tag.indexOf('='));
        assertProblem(tagged("env=prod," + tag), "Tag key '" + key + "' in medplum-logs.tags starts with aws:",
                "reserves", "Rename the key, e.g. to '" + key.substring(4) + "'.");
        assertThat(deployment(tagged("awsteam=a,team=aws:x,my-aws:key=b")).tags())
                .containsOnlyKeys("awsteam", "team", "my-aws:key");
    }

    @Test
    void aFilterPatternLongerThanCloudWatchTakesIsRefused() {
        assertProblem(Requests.filtering(Requests.datadog(), "x".repeat(1025)), "medplum-logs.filterPattern",
                "1025 characters", "at most 1024");
        assertThat(deployment(Requests.filtering(Requests.datadog(), "x".repeat(1024))).filterPattern()).hasSize(1024);
    }

    /**
     * A pasted Windows curly quote read with the wrong encoding becomes U+0093/U+0094: a pattern that never matches a
     * log line, and a character YAML does not allow raw. Such characters are refused with where they are.
     */
    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.CsvSource(delimiter = '|', value = {
        "{ $.msg = \u0093Login failed\u0094 }|U+0093 at character 11",
        "{ $.msg = \"x\uFFFF\" }|U+FFFF at character 13",
        "ERROR \u0000 WARN|U+0000 at character 7",
        "ERROR \u007F WARN|U+007F at character 7",
        "ERROR \u0085 WARN|U+0085 at character 7",
        "ERROR \uD800 WARN|U+D800 at character 7" })
    void aFilterPatternWithAControlCharacterOrNonCharacterIsRefused(String pattern, String where) {
        assertProblem(Requests.filtering(Requests.datadog(), pattern), "medplum-logs.filterPattern holds " + where,
                "straight quotes");
    }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = { "{ $.msg = \u201CLogin failed\u201D }",
            "ERROR\tWARN", "{ $.level = \"ERROR\" ||\n  $.level = \"WARN\" }", "caf\u00e9 \uD83D\uDE00",
            "[ip, user, ..., status_code=5*, size]" })
    void aFilterPatternOfPrintableCharactersTabsAndLineBreaksIsTaken(String pattern) {
        assertThat(deployment(Requests.filtering(Requests.datadog(), pattern)).filterPattern()).isEqualTo(pattern);
    }

    private static GenerateRequest named(GenerateRequest r, String functionName) {
        return new GenerateRequest(r.vendor(), r.logGroups(), r.formats(), r.secretArn(), false, r.filterPattern(),
                r.datadogSite(), r.splunkHecUrl(), functionName, r.memoryMb(), r.timeoutSeconds(),
                r.logRetentionDays(), r.retryAttempts(), r.maxEventAgeSeconds(), r.redriveSchedule(),
                r.failedLoginThreshold(), r.alarmTopicArn(), r.alarmEmail(), r.tags(), r.architecture(),
                r.snapStart(), Map.of(), r.forwarderVersion());
    }

    private static GenerateRequest tagged(String tags) {
        GenerateRequest r = Requests.datadog();
        return new GenerateRequest(r.vendor(), r.logGroups(), r.formats(), r.secretArn(), false, r.filterPattern(),
                r.datadogSite(), r.splunkHecUrl(), r.functionName(), r.memoryMb(), r.timeoutSeconds(),
                r.logRetentionDays(), r.retryAttempts(), r.maxEventAgeSeconds(), r.redriveSchedule(),
                r.failedLoginThreshold(), r.alarmTopicArn(), r.alarmEmail(), tags, r.architecture(), r.snapStart(),
                Map.of(), r.forwarderVersion());
    }

    private static GenerateRequest sized(int memory, int timeout, int retention, int retries, int maxEventAge,
            String schedule, int threshold) {
        GenerateRequest r = Requests.datadog();
        return new GenerateRequest(r.vendor(), r.logGroups(), r.formats(), r.secretArn(), false, r.filterPattern(),
                r.datadogSite(), r.splunkHecUrl(), r.functionName(), memory, timeout, retention, retries, maxEventAge,
                schedule, threshold, r.alarmTopicArn(), r.alarmEmail(), r.tags(), r.architecture(), r.snapStart(),
                Map.of(), r.forwarderVersion());
    }

    private static void assertProblem(GenerateRequest request, String... fragments) {
        assertThatThrownBy(() -> DeploymentFactory.create(request))
                .isInstanceOf(InvalidParametersException.class)
                .hasMessageContainingAll(fragments);
    }

    @Test
    void transportDefaultsToLambda() {
        assertThat(deployment(Requests.datadog()).transport()).isEqualTo(Transport.LAMBDA);
        assertThat(deployment(Requests.datadog().withTransport(" FireHose ")).transport()).isEqualTo(Transport.FIREHOSE);
    }

    @Test
    void unknownTransportNamesTheOptionAndTheValidValues() {
        assertThatThrownBy(() -> DeploymentFactory.create(Requests.datadog().withTransport("kinesis")))
                .isInstanceOfSatisfying(InvalidParametersException.class, e -> assertThat(e.problems())
                        .containsExactly("Unknown transport 'kinesis' in medplum-logs.transport. Valid transports:"
                                + " lambda, firehose (e.g. -Dmedplum-logs.transport=firehose; transports.adoc compares"
                                + " them)."));
    }

    @Test
    void sumoLogicHeadersCannotTravelWithFirehose() {
        GenerateRequest r = request("sumologic", "/ecs/a", SECRET, null,
                Map.of("medplum-logs.sumologic.category", "prod/fhir", "medplum-logs.sumologic.fields", "a=b"))
                .withTransport("firehose");
        assertThatThrownBy(() -> DeploymentFactory.create(r))
                .isInstanceOfSatisfying(InvalidParametersException.class, e -> assertThat(e.problems())
                        .hasSize(2).allSatisfy(p -> assertThat(p).contains("cannot be honoured with"
                                + " medplum-logs.transport=firehose", "X-Sumo-*", "-Dmedplum-logs.transport=lambda"))
                        .anySatisfy(p -> assertThat(p).startsWith("-Dmedplum-logs.sumologic.category"))
                        .anySatisfy(p -> assertThat(p).startsWith("-Dmedplum-logs.sumologic.fields")));
        assertThat(deployment(request("sumologic", "/ecs/a", SECRET, null, Map.of())
                .withTransport("firehose")).transport()).isEqualTo(Transport.FIREHOSE);
    }

    @Test
    void theStreamsOwnErrorLogGroupIsNeverSubscribed() {
        assertThatThrownBy(() -> DeploymentFactory.create(request("datadog",
                "/ecs/a,/aws/kinesisfirehose/medplum-logs-datadog", SECRET, null, Map.of()).withTransport("firehose")))
                .isInstanceOfSatisfying(InvalidParametersException.class, e -> assertThat(e.problems())
                        .singleElement().asString().contains("error log group", "would loop"));
    }

    @Test
    void firehoseIsNotBoundByTheLambdaPermissionLimit() {
        String groups = java.util.stream.IntStream.range(0, 60)
                .mapToObj(i -> "/ecs/app-" + i).collect(java.util.stream.Collectors.joining(","));
        GenerateRequest r = request("datadog", groups, SECRET, null, Map.of());
        assertThatThrownBy(() -> DeploymentFactory.create(r)).isInstanceOf(InvalidParametersException.class)
                .hasMessageContaining("-Dmedplum-logs.transport=firehose");
        assertThat(deployment(r.withTransport("firehose")).logGroups()).hasSize(60);
    }

    /**
     * Lambda keeps 20,480 bytes of the alias' resource-based policy, one statement per subscribed group of about
     * 400 bytes plus the group's name: 50 groups named like real ones do not fit although a count of 50 did, and the
     * deploy failed at about the 45th permission with the stack half-created.
     */
    @Test
    void logGroupsWhosePermissionsOverflowTheResourcePolicyAreRefusedBeforeAnythingIsWritten() {
        String groups = java.util.stream.IntStream.range(0, 50)
                .mapToObj(i -> "/aws/ecs/medplum-fhir-prod-api-" + i).collect(java.util.stream.Collectors.joining(","));
        assertProblem(request("datadog", groups, SECRET, null, Map.of()), "50 log groups",
                "resource-based policy", "20480", "the first 40 fit", "medplum-logs.functionName and its own medplum-logs.outputDirectory");

        String few = java.util.stream.IntStream.range(0, 40)
                .mapToObj(i -> "/aws/ecs/medplum-fhir-prod-api-" + i).collect(java.util.stream.Collectors.joining(","));
        assertThat(deployment(request("datadog", few, SECRET, null, Map.of())).logGroups()).hasSize(40);
    }

    /** A few long names take as much of the policy as many short ones. */
    @Test
    void longLogGroupNamesCountByTheirLength() {
        String groups = java.util.stream.IntStream.range(0, 30)
                .mapToObj(i -> "/aws/vendedlogs/" + "x".repeat(300) + i)
                .collect(java.util.stream.Collectors.joining(","));
        assertProblem(request("datadog", groups, SECRET, null, Map.of()), "30 log groups", "resource-based policy");
    }

    /**
     * CloudFormation takes a template of at most 1,000,000 bytes (from S3; cfn-lint's E1002 checks the same number).
     * Firehose's 200 groups fit its 500 resources, but each group's name is written six times and the filter pattern
     * once per group, so 200 names of CloudWatch's maximum 512 characters with a 1024-character pattern and 50 long
     * tags made a legal request whose template had 1.17 MB (1.15 MB as aws cloudformation package writes it): the
     * deploy failed. Refused before anything is written; Terraform has no such limit.
     */
    @Test
    void aTemplateAboveCloudFormationsSizeLimitIsRefusedBeforeAnythingIsWritten() {
        String groups = java.util.stream.IntStream.range(0, 200).mapToObj(i -> "/aws/vendedlogs/app-" + i + "-")
                .map(prefix -> prefix + "x".repeat(512 - prefix.length()))
                .collect(java.util.stream.Collectors.joining(","));
        String tags = java.util.stream.IntStream.range(0, 50).mapToObj(i -> "k" + i + "k".repeat(120) + "=" + "v".repeat(256))
                .collect(java.util.stream.Collectors.joining(","));
        GenerateRequest r = Requests.filtering(request("datadog", groups, SECRET, null, Map.of())
                .withTransport("firehose"), "{ $.level = \"ERROR\" }" + " ".repeat(1000));
        r = new GenerateRequest(r.vendor(), r.logGroups(), r.formats(), r.secretArn(), false, r.filterPattern(),
                r.datadogSite(), r.splunkHecUrl(), r.functionName(), r.memoryMb(), r.timeoutSeconds(),
                r.logRetentionDays(), r.retryAttempts(), r.maxEventAgeSeconds(), r.redriveSchedule(),
                r.failedLoginThreshold(), r.alarmTopicArn(), r.alarmEmail(), tags, r.architecture(), r.snapStart(),
                Map.of(), r.forwarderVersion(), r.transport());
        assertProblem(r, "The CloudFormation template would have", "CloudFormation takes at most 1000000",
                "medplum-logs.functionName (and its own medplum-logs.outputDirectory) for some", "-Dmedplum-logs.formats=terraform");
        GenerateRequest terraformOnly = new GenerateRequest(r.vendor(), r.logGroups(), "terraform", r.secretArn(),
                false, r.filterPattern(), r.datadogSite(), r.splunkHecUrl(), r.functionName(), r.memoryMb(),
                r.timeoutSeconds(), r.logRetentionDays(), r.retryAttempts(), r.maxEventAgeSeconds(),
                r.redriveSchedule(), r.failedLoginThreshold(), r.alarmTopicArn(), r.alarmEmail(), tags,
                r.architecture(), r.snapStart(), Map.of(), r.forwarderVersion(), r.transport());
        assertThat(deployment(terraformOnly).logGroups()).hasSize(200);
        // the same groups without the long pattern and tags fit (800 KB)
        assertThat(deployment(request("datadog", groups, SECRET, null, Map.of()).withTransport("firehose"))
                .logGroups()).hasSize(200);
    }

    @Test
    void transformationEnvironmentIsTheForwardersWithoutQueuesAndSecret() {
        ForwarderDeployment d = deployment(request("datadog", "/ecs/a", SECRET, null,
                Map.of("medplum-logs.datadog.service", "fhir-api")).withTransport("firehose"));
        Map<String, String> forwarder = d.environment(v -> v, "S", "Q", "F");
        Map<String, String> transform = d.transformEnvironment(v -> v);
        forwarder.keySet().removeAll(java.util.List.of(ForwarderContract.ENV_SECRET_ARN, ForwarderContract.ENV_DLQ_URL,
                ForwarderContract.ENV_ON_FAILURE_QUEUE_URL));
        assertThat(transform).isEqualTo(forwarder).containsEntry("MEDPLUM_LOGS_DATADOG_SERVICE", "fhir-api")
                .containsEntry(ForwarderContract.ENV_VENDOR, "datadog");
    }
}
