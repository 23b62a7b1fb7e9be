package io.medplumlogs.maven;

import io.medplumlogs.maven.cloudformation.CloudFormationRenderer;
import io.medplumlogs.maven.model.AppLogGroup;
import io.medplumlogs.maven.model.FirehoseNames;
import io.medplumlogs.maven.model.ForwarderDeployment;
import io.medplumlogs.maven.model.OutputFormat;
import io.medplumlogs.maven.model.ResourcePolicy;
import io.medplumlogs.maven.model.Transport;
import io.medplumlogs.contract.DatadogSite;
import io.medplumlogs.contract.ForwarderContract;
import io.medplumlogs.contract.IntakeBaseUrl;
import io.medplumlogs.contract.LogGroupMapping;
import io.medplumlogs.contract.Setting;
import io.medplumlogs.contract.Vendor;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Turns what the user typed into a {@link ForwarderDeployment}, or into one error that lists every problem with
 * the fix. Everything AWS would reject only at deploy time (names, ARNs, ranges) is caught here, at build time.
 */
public final class DeploymentFactory {

    /** CloudWatch Logs' own rule for log group names. */
    private static final Pattern LOG_GROUP = Pattern.compile("[._/#A-Za-z0-9-]{1,512}");
    /** Lambda's limit for a function name. */
    private static final Pattern FUNCTION_NAME = Pattern.compile("[A-Za-z0-9_-]{1,64}");
    /**
     * With {@code transport=lambda} names are made from it: the redrive schedule's EventBridge rule
     * ({@code <name>-redrive}) may have 64 characters at most, which leaves 56.
     */
    static final int MAX_LAMBDA_FUNCTION_NAME = 64 - ForwarderDeployment.REDRIVE_RULE_SUFFIX.length();
    private static final String PARTITION = "arn:aws(?:-cn|-us-gov|-iso|-iso-b)?";
    private static final String REGION_ACCOUNT = ":[a-z]{2}(?:-[a-z]+)+-\\d+:\\d{12}:";
    private static final Pattern SECRET_ARN = Pattern.compile(
            PARTITION + ":secretsmanager" + REGION_ACCOUNT + "secret:[A-Za-z0-9/_+=.@-]{1,512}");
    private static final Pattern TOPIC_ARN = Pattern.compile(
            PARTITION + ":sns" + REGION_ACCOUNT + "[A-Za-z0-9_-]{1,256}(?:\\.fifo)?");
    /** Control characters, lone surrogates and non-characters are no part of an address SNS sends mail to. */
    private static final Pattern EMAIL = Pattern.compile(
            "[^@\\s\\p{Cc}\\p{Cs}\\x{FFFE}\\x{FFFF}]+@[^@\\s\\p{Cc}\\p{Cs}\\x{FFFE}\\x{FFFF}]+"
                    + "\\.[^@\\s\\p{Cc}\\p{Cs}\\x{FFFE}\\x{FFFF}]+");
    /**
     * EventBridge's schedule expressions: {@code rate(1 minute)} singular, {@code rate(n minutes)} plural for n > 1,
     * and {@code cron(...)} with its six fields.
     */
    private static final Pattern SCHEDULE = Pattern.compile(
            "rate\\((?:1 (?:minute|hour|day)|(?:[2-9]|[1-9]\\d+) (?:minutes|hours|days))\\)|cron\\([^()\\s]+(?: [^()\\s]+){5}\\)");
    /** What AWS takes as a tag value (the same characters as a key), and how many tags a resource may carry. */
    private static final Pattern TAG_VALUE = Pattern.compile("[\\p{L}\\p{Z}\\p{N}_.:/=+@-]{0,256}");
    static final int MAX_TAGS = 50;
    /** CloudWatch Logs' limit for a subscription filter's pattern. */
    static final int MAX_FILTER_PATTERN = 1024;
    /** AWS refuses tag keys starting with this, compared ignoring case. */
    private static final String RESERVED_TAG_PREFIX = "aws:";
    private static final Pattern TAG_KEY = Pattern.compile("[\\p{L}\\p{Z}\\p{N}_.:/=+@-]{1,128}");
    /** The values CloudWatch Logs accepts for RetentionInDays. */
    private static final Set<Integer> RETENTION_DAYS = Set.of(1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400,
            545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653);
    private static final List<String> ARCHITECTURES = List.of(ForwarderContract.ARCHITECTURE_ARM64,
            ForwarderContract.ARCHITECTURE_X86_64);
    /** Firehose needs no per-group permission; two resources per group (filter, metric filter) bound a stack. */
    static final int MAX_FIREHOSE_LOG_GROUPS = 200;

    /** {@code -Dmedplum-logs.logGroups=*}: every log group of the account, through one account policy. */
    static final String ALL_LOG_GROUPS = "*";

    private final List<String> problems = new ArrayList<>();

    private DeploymentFactory(List<String> earlier) {
        problems.addAll(earlier);
    }

    public static ForwarderDeployment create(GenerateRequest request) throws InvalidParametersException {
        return create(request, List.of());
    }

    /**
     * With the problems found before the request was made ({@link ParameterText}'s), so that one error lists them all
     * with the request's own.
     */
    static ForwarderDeployment create(GenerateRequest request, List<String> earlier) throws InvalidParametersException {
        return new DeploymentFactory(earlier).build(request);
    }

    private ForwarderDeployment build(GenerateRequest r) throws InvalidParametersException {
        Optional<Vendor> vendor = vendor(r.vendor());
        Set<OutputFormat> formats = formats(r.formats());
        String functionName = functionName(r.functionName(), vendor);
        List<AppLogGroup> logGroups = logGroups(r.logGroups(), functionName);
        Optional<String> secretArn = secretArn(r, vendor);
        // checked with the others: a refused pattern never reaches the template, whose size is counted below
        String filterPattern = filterPattern(r.filterPattern());
        Optional<DatadogSite> site = vendor.filter(v -> v == Vendor.DATADOG).flatMap(v -> datadogSite(r.datadogSite()));
        Optional<String> endpoint = vendor.filter(v -> v == Vendor.SPLUNK).flatMap(v -> hecUrl(r.splunkHecUrl()));
        ForwarderDeployment.Sizing sizing = sizing(r);
        ForwarderDeployment.Alarms alarms = alarms(r);
        TreeMap<String, String> tags = tags(r.tags());
        Map<String, String> vendorSettings = new LinkedHashMap<>(
                vendor.map(v -> vendorSettings(v, r.vendorSettings())).orElse(Map.of()));
        logGroupMapping(r.vendorSettings())
                .ifPresent(mapping -> vendorSettings.put(ForwarderContract.ENV_LOG_GROUP_MAPPING, mapping));
        Optional<Transport> transport = transport(r.transport());
        if (transport.orElse(null) == Transport.FIREHOSE) {
            vendor.ifPresent(v -> firehoseProblems(v, vendorSettings, logGroups, functionName));
            transformTimeoutProblem(r.timeoutSeconds());
        } else {
            int policyBytes = ResourcePolicy.bytes(functionName, logGroups);
            if (policyBytes > ResourcePolicy.MAX_BYTES) {
                problems.add(logGroups.size() + " log groups in " + GoalProperties.LOG_GROUPS + " need one Lambda"
                        + " permission each, up to " + policyBytes + " bytes of the forwarder's resource-based policy,"
                        + " and Lambda keeps at most " + ResourcePolicy.MAX_BYTES + " (the deploy would fail half-way):"
                        + " the first " + ResourcePolicy.groupsThatFit(functionName, logGroups) + " fit; generate a"
                        + " second forwarder with " + GoalProperties.FUNCTION_NAME + " and its own "
                        + GoalProperties.OUTPUT_DIRECTORY + " for the rest, or use "
                        + GoalProperties.flag(GoalProperties.TRANSPORT, "firehose") + ".");
            }
            if (transport.isPresent()) {
                lambdaProblems(r.timeoutSeconds(), functionName);
            }
        }
        if (!problems.isEmpty()) {
            throw new InvalidParametersException(problems);
        }
        ForwarderDeployment deployment = new ForwarderDeployment(vendor.orElseThrow(), formats, functionName,
                logGroups, filterPattern, secretArn, site, endpoint,
                vendorSettings, sizing, alarms, tags, r.forwarderVersion(), transport.orElseThrow());
        environmentFits(deployment, deployment.vendor());
        templateFits(deployment);
        if (!problems.isEmpty()) {
            throw new InvalidParametersException(problems);
        }
        return deployment;
    }

    /**
     * Lambda refuses, at deploy time, a function whose environment variables (names and values) exceed 4 KB in
     * total. The user's values (vendor settings, the mapping) are what can grow that far, whatever the transport, so
     * the total is checked for every deployment, with the secret ARN the user gave as given and every reference the
     * stack fills in (a created secret's ARN, the queue URLs) counted at {@link #REFERENCE_BYTES}; the longest value
     * the user gave is named as the one to shorten.
     */
    private void environmentFits(ForwarderDeployment deployment, Vendor vendor) {
        String reference = "x".repeat(REFERENCE_BYTES);
        // the user's secret ARN is written as given (a secret's name may have 512 characters); a created one and the
        // queue URLs are filled in by the stack, within REFERENCE_BYTES
        String secretArn = deployment.existingSecretArn().orElse(reference);
        Map<String, String> environment = deployment.transport() == Transport.FIREHOSE
                ? deployment.transformEnvironment(v -> v)
                : deployment.environment(v -> v, secretArn, reference, reference);
        int bytes = environment.entrySet().stream()
                .mapToInt(e -> utf8Length(e.getKey()) + utf8Length(e.getValue())).sum();
        if (bytes <= LAMBDA_ENVIRONMENT_MAX_BYTES) {
            return;
        }
        String longest = GoalProperties.LOG_GROUP_MAPPING;
        String longestValue = deployment.logGroupMapping().orElse("");
        for (Setting setting : vendor.settings()) {
            String value = environment.getOrDefault(setting.environmentVariable(), "");
            if (value.length() > longestValue.length()) {
                longest = setting.pluginProperty();
                longestValue = value;
            }
        }
        String limit = "Invalid -D" + longest + ": " + longestValue.length() + " characters, which with the function's"
                + " other variables (about " + bytes + " bytes) exceed Lambda's 4 KB limit for a function's"
                + " environment; the deploy would fail. ";
        problems.add(limit + (longest.equals(GoalProperties.LOG_GROUP_MAPPING)
                ? "Map several groups with a prefix entry (/ecs/*=source:java) or leave out groups that keep the"
                        + " defaults."
                : "Shorten it (to at most about " + Math.max(0, longestValue.length() - (bytes
                        - LAMBDA_ENVIRONMENT_MAX_BYTES)) + " characters) or leave it out."));
    }

    /**
     * CloudFormation refuses a template above {@link CloudFormationRenderer#MAX_TEMPLATE_BYTES}. Each subscribed
     * group writes its name several times and the filter pattern once, so Firehose's 200 groups with long names, a
     * long pattern and many tags pass it although they fit the 500 resources. Counted as CloudFormation gets it, once
     * packaged ({@code PackagedSize}). Terraform has no such limit.
     */
    private void templateFits(ForwarderDeployment deployment) {
        if (!deployment.formats().contains(OutputFormat.CLOUDFORMATION)) {
            return;
        }
        int bytes = CloudFormationRenderer.bytesAsDeployed(deployment);
        if (bytes > CloudFormationRenderer.MAX_TEMPLATE_BYTES) {
            problems.add("The CloudFormation template would have " + bytes + " bytes (as aws cloudformation package"
                    + " writes it: non-ASCII characters escaped, long values folded onto indented lines), and"
                    + " CloudFormation takes at most " + CloudFormationRenderer.MAX_TEMPLATE_BYTES
                    + " (the deploy would fail): each of the "
                    + deployment.logGroups().size() + " log groups in " + GoalProperties.LOG_GROUPS + " adds its name"
                    + " several times and the filter pattern once. Generate a second stack with "
                    + GoalProperties.FUNCTION_NAME + " (and its own " + GoalProperties.OUTPUT_DIRECTORY
                    + ") for some of the groups, shorten " + GoalProperties.FILTER_PATTERN
                    + " or " + GoalProperties.TAGS + ", or write Terraform only ("
                    + GoalProperties.flag(GoalProperties.FORMATS, "terraform") + ").");
        }
    }

    private static int utf8Length(String text) {
        return text.getBytes(StandardCharsets.UTF_8).length;
    }

    private Optional<Vendor> vendor(String value) {
        if (blank(value)) {
            missing(GoalProperties.VENDOR, "vendor", "datadog", "one of: " + Vendor.validIds());
            return Optional.empty();
        }
        Optional<Vendor> vendor = Vendor.fromId(value);
        if (vendor.isEmpty()) {
            problems.add("Unknown vendor '" + value + "' in " + GoalProperties.VENDOR + ". Valid vendors: "
                    + Vendor.validIds() + " (e.g. " + GoalProperties.flag(GoalProperties.VENDOR, "datadog") + ").");
        }
        return vendor;
    }

    private Optional<Transport> transport(String value) {
        Optional<Transport> transport = Transport.fromId(value);
        if (transport.isEmpty()) {
            problems.add("Unknown transport '" + value.trim() + "' in " + GoalProperties.TRANSPORT + ". Valid transports: "
                    + Transport.validIds() + " (e.g. " + GoalProperties.flag(GoalProperties.TRANSPORT, "firehose")
                    + "; transports.adoc compares them).");
        }
        return transport;
    }

    /**
     * What Firehose cannot do that the Lambda path does: it sends no custom HTTP headers, so Sumo Logic's
     * {@code X-Sumo-*} metadata has no way there; and its error log group must not be subscribed either.
     */
    private void firehoseProblems(Vendor vendor, Map<String, String> settings, List<AppLogGroup> groups,
            String functionName) {
        for (Setting setting : vendor.settings()) {
            if (vendor == Vendor.SUMOLOGIC && settings.containsKey(setting.environmentVariable())) {
                problems.add("-D" + setting.pluginProperty() + " cannot be honoured with "
                        + GoalProperties.TRANSPORT + "=firehose: Firehose sends no X-Sumo-* headers to Sumo Logic. Set"
                        + " it on the Sumo Logic Kinesis Firehose for Logs source instead and remove -D"
                        + setting.pluginProperty() + ", or use " + GoalProperties.flag(GoalProperties.TRANSPORT, "lambda")
                        + ".");
            }
        }
        String errors = ForwarderDeployment.firehoseErrorLogGroupName(functionName);
        if (groups.stream().anyMatch(g -> g.name().equals(errors))) {
            problems.add("Log group '" + errors + "' in " + GoalProperties.LOG_GROUPS + " is the delivery stream's own"
                    + " error log group; subscribing it would loop. Remove it from " + GoalProperties.LOG_GROUPS + ".");
        }
        if (groups.size() > MAX_FIREHOSE_LOG_GROUPS) {
            problems.add(groups.size() + " log groups in " + GoalProperties.LOG_GROUPS + ": at most "
                    + MAX_FIREHOSE_LOG_GROUPS + " per generated stack (CloudFormation's 500 resources, two per group);"
                    + " generate a second stream with " + GoalProperties.FUNCTION_NAME + " and its own "
                    + GoalProperties.OUTPUT_DIRECTORY + " for the rest.");
        }
    }

    private Set<OutputFormat> formats(String text) {
        String value = blank(text) ? io.medplumlogs.maven.model.Defaults.FORMATS : text;
        Set<OutputFormat> formats = EnumSet.noneOf(OutputFormat.class);
        for (String id : split(value)) {
            OutputFormat.fromId(id).ifPresentOrElse(formats::add, () -> problems.add("Unknown format '" + id
                    + "' in " + GoalProperties.FORMATS + ". Valid formats: " + OutputFormat.validIds() + "."));
        }
        if (formats.isEmpty() && split(value).isEmpty()) {
            problems.add(GoalProperties.FORMATS + " is empty. Give at least one of: " + OutputFormat.validIds() + ".");
        }
        return formats;
    }

    private String functionName(String value, Optional<Vendor> vendor) {
        String name = blank(value)
                ? io.medplumlogs.maven.model.Defaults.FUNCTION_NAME_PREFIX + vendor.map(Vendor::id).orElse("forwarder")
                : value.trim();
        if (!FUNCTION_NAME.matcher(name).matches()) {
            problems.add("Invalid function name '" + name + "' in " + GoalProperties.FUNCTION_NAME
                    + ": use 1-64 letters, digits, '-' or '_'.");
        }
        return name;
    }

    /** An empty list stands for {@link #ALL_LOG_GROUPS}: {@link ForwarderDeployment#accountWide()}. */
    private List<AppLogGroup> logGroups(String value, String functionName) {
        List<String> names = split(value);
        if (names.isEmpty()) {
            missing(GoalProperties.LOG_GROUPS, "logGroups", "/ecs/my-fhir-api",
                    "the comma-separated CloudWatch log groups of your application, or * for all of the account's");
            return List.of();
        }
        if (names.contains(ALL_LOG_GROUPS)) {
            if (names.stream().anyMatch(name -> !name.equals(ALL_LOG_GROUPS))) {
                problems.add("-D" + GoalProperties.LOG_GROUPS + " mixes * with named log groups: * already subscribes every"
                        + " log group of the account. Give either " + GoalProperties.flag(GoalProperties.LOG_GROUPS, "*")
                        + " or the list of groups, not both.");
            }
            return List.of();
        }
        // a trailing * reads as a prefix (the forwarder's logGroupMapping syntax); any other * is an invalid name below
        List<String> patterns = names.stream().filter(name -> name.endsWith("*")).toList();
        for (String name : patterns) {
            problems.add("Log group pattern '" + name + "' in -D" + GoalProperties.LOG_GROUPS + " cannot be generated:"
                    + " an account-level subscription policy selects log groups only by 'LogGroupName NOT IN [...]',"
                    + " not by prefix. List the groups by name (e.g. "
                    + GoalProperties.flag(GoalProperties.LOG_GROUPS, "/ecs/my-fhir-api,/ecs/my-fhir-worker")
                    + "), or subscribe every log group of the account with "
                    + GoalProperties.flag(GoalProperties.LOG_GROUPS, "*") + ".");
        }
        if (!patterns.isEmpty()) {
            return List.of();
        }
        String own = ForwarderDeployment.forwarderLogGroupName(functionName);
        List<AppLogGroup> groups = new ArrayList<>();
        for (String name : new LinkedHashSet<>(names)) {
            if (!LOG_GROUP.matcher(name).matches()) {
                problems.add("Invalid log group name '" + name + "' in " + GoalProperties.LOG_GROUPS
                        + ": CloudWatch log group names are 1-512 characters of letters, digits and . - _ / #.");
            } else if (name.equals(own)) {
                problems.add("Log group '" + name + "' in " + GoalProperties.LOG_GROUPS + " is the forwarder's own log"
                        + " group; subscribing it would forward the forwarder's lines forever. Remove it from "
                        + GoalProperties.LOG_GROUPS + ".");
            } else {
                groups.add(AppLogGroup.of(name));
            }
        }
        return groups;
    }

    /**
     * An existing secret unless the user opts in to a created one: Terraform writes a created secret's value into its
     * state in plain text, so nobody should get that by leaving a parameter out.
     */
    private Optional<String> secretArn(GenerateRequest r, Optional<Vendor> vendor) {
        String example = "arn:aws:secretsmanager:eu-west-1:123456789012:secret:my-vendor-key-AbCdEf";
        if (r.createSecret() && !blank(r.secretArn())) {
            problems.add("Give either " + GoalProperties.SECRET_ARN + " or " + GoalProperties.CREATE_SECRET + "=true, not"
                    + " both: the first references an existing secret, the second creates one.");
            return Optional.empty();
        }
        if (!r.createSecret() && blank(r.secretArn())) {
            problems.add("Missing required parameter " + GoalProperties.SECRET_ARN + " (the Secrets Manager secret that"
                    + " holds " + vendor.map(Vendor::credential).orElse("the vendor credential") + "): add "
                    + GoalProperties.flag(GoalProperties.SECRET_ARN, example) + ". Or add "
                    + GoalProperties.flag(GoalProperties.CREATE_SECRET, "true") + " to have the stack create the secret from"
                    + " a parameter; Terraform then keeps the credential in plain text in its Terraform state.");
            return Optional.empty();
        }
        // a partial ARN (without the six characters Secrets Manager adds) is taken as given: the roles are granted
        // SecretGrant's pair, which matches the full ARN, and Secrets Manager finds the secret by the partial one
        return optionalMatching(r.secretArn(), SECRET_ARN, GoalProperties.SECRET_ARN, example,
                "a Secrets Manager secret ARN");
    }

    private Optional<DatadogSite> datadogSite(String value) {
        String domain = blank(value) ? DatadogSite.DEFAULT.domain() : value;
        Optional<DatadogSite> site = DatadogSite.fromDomain(domain);
        if (site.isEmpty()) {
            problems.add("Unknown Datadog site '" + value + "' in " + GoalProperties.DATADOG_SITE + ". Valid sites: "
                    + DatadogSite.validDomains() + " (the domain in your Datadog URL).");
        }
        return site;
    }

    private Optional<String> hecUrl(String value) {
        String example = "https://http-inputs-mycompany.splunkcloud.com";
        if (blank(value)) {
            missing(GoalProperties.SPLUNK_HEC_URL, "splunkHecUrl", example, "the base URL of your Splunk HTTP Event Collector");
            return Optional.empty();
        }
        String url = value.trim();
        // quoted in messages without its user info, up to the last '@' (a password may hold '/'): a password there
        // must not reach the build's output
        int authority = url.indexOf("//");
        int at = url.lastIndexOf('@');
        String shown = authority >= 0 && at > authority ? url.substring(0, authority + 2) + "***" + url.substring(at)
                : url;
        try {
            URI uri = new URI(url);
            if (!"https".equals(uri.getScheme()) || uri.getHost() == null) {
                problems.add("The Splunk HEC URL '" + shown + "' in " + GoalProperties.SPLUNK_HEC_URL + " must be an"
                        + " https:// URL (the token travels with every request), e.g. "
                        + GoalProperties.flag(GoalProperties.SPLUNK_HEC_URL, example) + ".");
                return Optional.empty();
            }
            if (IntakeBaseUrl.problem(uri).isPresent()) {
                problems.add("The Splunk HEC URL '" + shown + "' in " + GoalProperties.SPLUNK_HEC_URL + " must be the base"
                        + " URL only (scheme, host, port), without /services/collector, query or fragment, e.g. "
                        + example + ".");
                return Optional.empty();
            }
        } catch (URISyntaxException e) {
            problems.add("The Splunk HEC URL '" + shown + "' in " + GoalProperties.SPLUNK_HEC_URL + " is not a URL: "
                    + e.getReason() + ". Use e.g. " + example + ".");
            return Optional.empty();
        }
        return Optional.of(url.replaceAll("/+$", ""));
    }

    /** Above Firehose's 5-minute invocation limit, however far; below 1 s is the range check's (Lambda's own limit). */
    private void transformTimeoutProblem(int timeoutSeconds) {
        if (timeoutSeconds > FirehoseNames.MAX_TRANSFORM_TIMEOUT_SECONDS) {
            problems.add(GoalProperties.TIMEOUT + "=" + timeoutSeconds + " is longer than Firehose waits for its"
                    + " transformation function: it invokes it for at most 5 minutes and counts a longer invocation as"
                    + " failed (the records are retried, then backed up to S3); with " + GoalProperties.TRANSPORT
                    + "=firehose use 1 to " + FirehoseNames.MAX_TRANSFORM_TIMEOUT_SECONDS + " seconds.");
        }
    }

    /** What only the Lambda transport makes from the timeout and the name: its DLQ reserve, its redrive rule. */
    private void lambdaProblems(int timeoutSeconds, String functionName) {
        if (timeoutSeconds >= 1 && timeoutSeconds < ForwarderContract.MIN_TIMEOUT_SECONDS) {
            // the forwarder keeps the last 5 s for DLQ writes: up to 5 s it would send nothing at all, and a few
            // seconds more are less than one vendor request may take
            problems.add(GoalProperties.TIMEOUT + "=" + timeoutSeconds + " leaves the forwarder too little time to"
                    + " send: it keeps the last " + ForwarderContract.DEFAULT_TIME_RESERVE_MS / 1000 + " s of each"
                    + " invocation for DLQ writes; use " + ForwarderContract.MIN_TIMEOUT_SECONDS + " to "
                    + ForwarderContract.MAX_TIMEOUT_SECONDS + " seconds.");
        }
        if (functionName.length() > MAX_LAMBDA_FUNCTION_NAME) {
            problems.add("Function name '" + functionName + "' in " + GoalProperties.FUNCTION_NAME + " has "
                    + functionName.length() + " characters: with transport lambda use at most "
                    + MAX_LAMBDA_FUNCTION_NAME + " (its redrive schedule rule <name>-redrive may have 64).");
        }
    }

    private String filterPattern(String value) {
        String pattern = value == null ? "" : value;
        if (pattern.length() > MAX_FILTER_PATTERN) {
            problems.add(GoalProperties.FILTER_PATTERN + " has " + pattern.length() + " characters: CloudWatch Logs takes"
                    + " at most " + MAX_FILTER_PATTERN + " in a subscription filter pattern.");
        }
        for (int i = 0; i < pattern.length(); i++) {
            char c = pattern.charAt(i);
            if (Character.isSurrogatePair(c, i + 1 < pattern.length() ? pattern.charAt(i + 1) : 0)) {
                i++;
            } else if (notInAFilterPattern(c)) {
                problems.add(GoalProperties.FILTER_PATTERN + " holds " + String.format("U+%04X", (int) c)
                        + " at character " + (i + 1) + ": control characters (but tab and line breaks), U+FFFE, U+FFFF"
                        + " and unpaired surrogates match no log line and are refused. U+0091 to U+0094 are Windows"
                        + " curly quotes read with the wrong encoding: type straight quotes (\" or ') instead.");
                break;
            }
        }
        return pattern;
    }

    /**
     * A filter pattern is matched against the text of log events: a control character in it is a paste or encoding
     * accident (U+0093/U+0094 are mis-decoded curly quotes), and the non-characters and unpaired surrogates are not
     * text at all; tab and line breaks are whitespace to the pattern syntax and stay allowed.
     */
    private static boolean notInAFilterPattern(char c) {
        return isNotText(c) && c != '\t' && c != '\n' && c != '\r';
    }

    /** Control characters, the non-characters U+FFFE and U+FFFF, and (unpaired) surrogates: nothing a user typed. */
    private static boolean isNotText(char c) {
        return Character.isISOControl(c) || Character.isSurrogate(c) || c == '\uFFFE' || c == '\uFFFF';
    }

    private ForwarderDeployment.Sizing sizing(GenerateRequest r) {
        range(GoalProperties.MEMORY, r.memoryMb(), 128, 10240, "MB");
        // with firehose, above 300 s is transformTimeoutProblem's to say (with why), also above Lambda's 900 s: told
        // "1 to 900" first, the user would be refused again at 900
        if (Transport.fromId(r.transport()).orElse(null) != Transport.FIREHOSE) {
            range(GoalProperties.TIMEOUT, r.timeoutSeconds(), 1, ForwarderContract.MAX_TIMEOUT_SECONDS, "seconds");
        } else if (r.timeoutSeconds() < 1) {
            range(GoalProperties.TIMEOUT, r.timeoutSeconds(), 1, FirehoseNames.MAX_TRANSFORM_TIMEOUT_SECONDS, "seconds");
        }
        range(GoalProperties.RETRY_ATTEMPTS, r.retryAttempts(), 0, 2, "retries");
        range(GoalProperties.MAX_EVENT_AGE, r.maxEventAgeSeconds(), 60, 21600, "seconds");
        if (!RETENTION_DAYS.contains(r.logRetentionDays())) {
            problems.add(GoalProperties.LOG_RETENTION_DAYS + "=" + r.logRetentionDays() + " is not a value CloudWatch"
                    + " Logs accepts; use one of " + new java.util.TreeSet<>(RETENTION_DAYS) + ".");
        }
        String schedule = blank(r.redriveSchedule()) ? io.medplumlogs.maven.model.Defaults.REDRIVE_SCHEDULE
                : r.redriveSchedule().trim();
        if (!SCHEDULE.matcher(schedule).matches()) {
            problems.add("Invalid " + GoalProperties.REDRIVE_SCHEDULE + " '" + schedule + "': use an EventBridge"
                    + " schedule expression such as rate(15 minutes) or cron(0/15 * * * ? *).");
        } else if (schedule.startsWith("cron(") && !oneDayFieldIsQuestionMark(schedule)) {
            problems.add("Invalid " + GoalProperties.REDRIVE_SCHEDULE + " '" + schedule + "': EventBridge's cron"
                    + " takes '?' in exactly one of day-of-month (3rd field) and day-of-week (5th field), and nowhere"
                    + " else; e.g. cron(0/15 * * * ? *) every 15 minutes, cron(0 8 ? * MON-FRI *) on weekdays.");
        }
        return new ForwarderDeployment.Sizing(r.memoryMb(), r.timeoutSeconds(), r.logRetentionDays(),
                r.retryAttempts(), r.maxEventAgeSeconds(), schedule, architecture(r.architecture()),
                snapStart(r.snapStart()));
    }

    /**
     * EventBridge refuses a cron that gives both day fields (the Unix habit of '*' in both) or neither: one of them
     * must be '?', the "no specific value" that only those two fields take.
     */
    private static boolean oneDayFieldIsQuestionMark(String cron) {
        String[] fields = cron.substring("cron(".length(), cron.length() - 1).split(" ");
        boolean dayOfMonth = fields[2].equals("?");
        boolean dayOfWeek = fields[4].equals("?");
        boolean elsewhere = java.util.stream.IntStream.of(0, 1, 3, 5).anyMatch(i -> fields[i].contains("?"))
                || (!dayOfMonth && fields[2].contains("?")) || (!dayOfWeek && fields[4].contains("?"));
        return dayOfMonth != dayOfWeek && !elsewhere;
    }

    private String architecture(String value) {
        String arch = blank(value) ? ForwarderContract.DEFAULT_ARCHITECTURE : value.trim();
        if (!ARCHITECTURES.contains(arch)) {
            problems.add("Unknown architecture '" + arch + "' in " + GoalProperties.ARCHITECTURE + ": use "
                    + ForwarderContract.ARCHITECTURE_ARM64 + " (Graviton, the default) or "
                    + ForwarderContract.ARCHITECTURE_X86_64 + ", e.g. " + GoalProperties.flag(GoalProperties.ARCHITECTURE,
                    ForwarderContract.ARCHITECTURE_X86_64) + ".");
        }
        return arch;
    }

    private boolean snapStart(String value) {
        if (blank(value)) {
            return true;
        }
        Optional<Boolean> flag = ParameterText.flag(value);
        if (flag.isEmpty()) {
            problems.add(ParameterText.flagProblem(GoalProperties.SNAP_START, value, true));
        }
        return flag.orElse(true);
    }

    private ForwarderDeployment.Alarms alarms(GenerateRequest r) {
        range(GoalProperties.FAILED_LOGIN_THRESHOLD, r.failedLoginThreshold(), 1, 1_000_000, "failed logins");
        Optional<String> topic = optionalMatching(r.alarmTopicArn(), TOPIC_ARN, GoalProperties.ALARM_TOPIC_ARN,
                "arn:aws:sns:eu-west-1:123456789012:ops-alarms", "an SNS topic ARN");
        Optional<String> email = optionalMatching(r.alarmEmail(), EMAIL, GoalProperties.ALARM_EMAIL,
                "ops@example.com", "an e-mail address");
        return new ForwarderDeployment.Alarms(r.failedLoginThreshold(), topic, email);
    }

    private TreeMap<String, String> tags(String value) {
        TreeMap<String, String> tags = new TreeMap<>();
        // IAM compares tag keys ignoring case and refuses a role whose keys differ only in case
        Set<String> keysIgnoringCase = new HashSet<>();
        for (String pair : split(value)) {
            int eq = pair.indexOf('=');
            String key = eq < 0 ? "" : pair.substring(0, eq).trim();
            String tagValue = eq < 0 ? "" : pair.substring(eq + 1).trim();
            if (eq < 0 || !TAG_KEY.matcher(key).matches()) {
                problems.add("Invalid tag '" + pair + "' in " + GoalProperties.TAGS + ": write key=value pairs separated"
                        + " by commas, e.g. " + GoalProperties.flag(GoalProperties.TAGS, "team=platform,env=prod") + ".");
            } else if (key.regionMatches(true, 0, RESERVED_TAG_PREFIX, 0, RESERVED_TAG_PREFIX.length())) {
                problems.add("Tag key '" + key + "' in " + GoalProperties.TAGS + " starts with " + RESERVED_TAG_PREFIX
                        + ", which AWS reserves for its own tags in any case (aws:, AWS:, Aws:); the deploy would fail."
                        + " Rename the key" + (key.length() > RESERVED_TAG_PREFIX.length()
                                ? ", e.g. to '" + key.substring(RESERVED_TAG_PREFIX.length()) + "'" : "") + ".");
            } else if (!keysIgnoringCase.add(key.toLowerCase(Locale.ROOT))) {
                problems.add("Tag key '" + key + "' in " + GoalProperties.TAGS + " is given twice (AWS compares tag keys"
                        + " ignoring case, and IAM refuses a role whose keys differ only in case): give each key once.");
            } else if (!TAG_VALUE.matcher(tagValue).matches()) {
                problems.add("Invalid value of tag '" + key + "' in " + GoalProperties.TAGS + ": at most 256 letters,"
                        + " digits, spaces and _ . : / = + - @ (what AWS accepts in a tag value).");
            } else {
                tags.put(key, tagValue);
            }
        }
        if (tags.size() > MAX_TAGS) {
            problems.add(tags.size() + " tags in " + GoalProperties.TAGS + ": AWS allows at most " + MAX_TAGS
                    + " per resource.");
        }
        return tags;
    }

    /** Lambda's limit for all environment variables of a function together, names and values. */
    static final int LAMBDA_ENVIRONMENT_MAX_BYTES = 4096;
    /** What a reference in the environment (an ARN, a queue URL) is counted as: longer than any we generate. */
    private static final int REFERENCE_BYTES = 256;

    /** Checked with the forwarder's own parser, so a mapping the plugin writes never fails a cold start. */
    private Optional<String> logGroupMapping(Map<String, String> given) {
        String value = given == null ? null : given.get(GoalProperties.LOG_GROUP_MAPPING);
        if (blank(value)) {
            return Optional.empty();
        }
        try {
            LogGroupMapping.parse(value);
            return Optional.of(value.trim());
        } catch (IllegalArgumentException e) {
            problems.add("Invalid -D" + GoalProperties.LOG_GROUP_MAPPING + ": " + e.getMessage() + ". Write "
                    + GoalProperties.flag(GoalProperties.LOG_GROUP_MAPPING,
                            "'/ecs/api=service:fhir-api,source:java,tags:env:prod+team:core;/aws/lambda/*=source:lambda'")
                    + ".");
            return Optional.empty();
        }
    }

    /**
     * Only the settings of the chosen vendor, in the vendor's order; blank values count as unset. A value the
     * forwarder would refuse at cold start ({@link Setting#problem}, the same rule) is reported here instead.
     */
    private Map<String, String> vendorSettings(Vendor vendor, Map<String, String> given) {
        Map<String, String> env = new LinkedHashMap<>();
        for (Setting setting : vendor.settings()) {
            String value = given == null ? null : given.get(setting.pluginProperty());
            if (!blank(value)) {
                setting.problem(value.trim()).ifPresent(problem -> problems.add("Invalid value for -D"
                        + setting.pluginProperty() + ": it " + problem + ". Fix or remove -D"
                        + setting.pluginProperty() + "."));
                env.put(setting.environmentVariable(), value.trim());
            }
        }
        return env;
    }

    private Optional<String> optionalMatching(String value, Pattern pattern, String property, String example,
            String what) {
        if (blank(value)) {
            return Optional.empty();
        }
        String trimmed = value.trim();
        if (!pattern.matcher(trimmed).matches()) {
            problems.add("'" + trimmed + "' in " + property + " is not " + what + ". Expected e.g. "
                    + GoalProperties.flag(property, example) + ".");
            return Optional.empty();
        }
        return Optional.of(trimmed);
    }

    private void range(String property, int value, int min, int max, String unit) {
        if (value < min || value > max) {
            problems.add(property + "=" + value + " is out of range: use " + min + " to " + max + " " + unit + ".");
        }
    }

    private void missing(String property, String parameter, String example, String what) {
        problems.add("Missing required parameter " + property + " (" + what + "): add "
                + GoalProperties.flag(property, example) + " or <" + parameter + "> in the plugin's configuration.");
    }

    private static List<String> split(String value) {
        List<String> parts = new ArrayList<>();
        if (value != null) {
            for (String part : value.split(",")) {
                if (!part.isBlank()) {
                    parts.add(part.trim());
                }
            }
        }
        return parts;
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }
}
