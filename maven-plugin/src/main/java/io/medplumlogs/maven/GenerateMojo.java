package io.medplumlogs.maven;

import io.medplumlogs.maven.model.Defaults;
import io.medplumlogs.maven.model.ForwarderDeployment;
import io.medplumlogs.maven.model.Transport;
import io.medplumlogs.contract.Setting;
import io.medplumlogs.contract.Vendor;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import javax.inject.Inject;
import org.apache.maven.execution.MavenSession;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.project.MavenProject;
import org.eclipse.aether.RepositorySystem;
import org.eclipse.aether.RepositorySystemSession;
import org.eclipse.aether.repository.RemoteRepository;

/**
 * Writes a deployable configuration of the medplum-logs forwarder Lambda for Datadog, Splunk or Sumo Logic into
 * {@code <outputDirectory>/<vendor>/}: {@code cloudformation/template.yaml}, a Terraform module, the forwarder zip
 * and a {@code README.md} with the deploy commands. Example:
 * {@code mvn medplum-logs:generate -Dmedplum-logs.vendor=datadog -Dmedplum-logs.logGroups=/ecs/my-fhir-api}.
 *
 * <p>Vendor settings are read from the user or project property of the same name when set:
 * {@code medplum-logs.datadog.service}, {@code medplum-logs.datadog.source}, {@code medplum-logs.datadog.tags},
 * {@code medplum-logs.splunk.index}, {@code medplum-logs.splunk.sourcetype}, {@code medplum-logs.splunk.source},
 * {@code medplum-logs.splunk.host}, {@code medplum-logs.splunk.maxEventBytes}, {@code medplum-logs.sumologic.category},
 * {@code medplum-logs.sumologic.name}, {@code medplum-logs.sumologic.host}, {@code medplum-logs.sumologic.fields}.
 *
 * <p>Bad parameters fail the build with what is wrong and how to fix it, and nothing is written.
 */
@Mojo(name = "generate", requiresProject = false, threadSafe = true)
// The @Parameter fields below are alike in shape on purpose: Maven binds each -D property to its own documented field;
// they become one GenerateRequest, which DeploymentFactory validates.
public class GenerateMojo extends AbstractMojo {

    private static final String OUTPUT_FOLDER = "medplum-logs";
    private static final String DEFAULT_OUTPUT_DIRECTORY = "${project.build.directory}/" + OUTPUT_FOLDER;

    /** Log vendor: {@code datadog}, {@code splunk} or {@code sumologic}. */
    @Parameter(property = GoalProperties.VENDOR)
    String vendor;

    /**
     * Comma-separated CloudWatch log groups of the application to subscribe, e.g. {@code /ecs/my-fhir-api}; or
     * {@code *} alone for every log group of the account (one account-level subscription policy).
     */
    @Parameter(property = GoalProperties.LOG_GROUPS)
    String logGroups;

    /** Comma-separated output formats: {@code cloudformation}, {@code terraform}. */
    @Parameter(property = GoalProperties.FORMATS, defaultValue = Defaults.FORMATS)
    String formats;

    /**
     * Where to write; the files go to a sub-folder named after the vendor, replaced on each run but for what the goal
     * did not write in its {@code terraform/} folder (Terraform's state and lock file, your backend.tf or tfvars),
     * which is kept. A sub-folder of that name the goal did not write is refused, not replaced. Relative to the
     * project; blank is the default.
     */
    @Parameter(property = GoalProperties.OUTPUT_DIRECTORY, defaultValue = DEFAULT_OUTPUT_DIRECTORY)
    String outputDirectory;

    /**
     * ARN of an existing Secrets Manager secret holding the vendor credential (Datadog API key, Splunk HEC token,
     * Sumo Logic HTTP source URL). Required unless {@code createSecret} is set: the credential then never passes
     * through the generated files, CloudFormation parameters or Terraform state.
     */
    @Parameter(property = GoalProperties.SECRET_ARN)
    String secretArn;

    /**
     * Opt-in instead of {@code secretArn}: the output creates the secret from a NoEcho CloudFormation parameter /
     * sensitive Terraform variable. Terraform then stores the credential in plain text in its state file.
     */
    @Parameter(property = GoalProperties.CREATE_SECRET, defaultValue = "false")
    String createSecret;

    /**
     * CloudWatch Logs filter pattern of the subscriptions; empty forwards every line. At most 1024 characters, without
     * control characters other than tab and line breaks.
     */
    @Parameter(property = GoalProperties.FILTER_PATTERN, defaultValue = "")
    String filterPattern;

    /** Datadog site (the domain of your Datadog URL), e.g. {@code datadoghq.eu}. */
    @Parameter(property = GoalProperties.DATADOG_SITE, defaultValue = "datadoghq.com")
    String datadogSite;

    /** Splunk HEC base URL, {@code https://} only; required for Splunk. */
    @Parameter(property = GoalProperties.SPLUNK_HEC_URL)
    String splunkHecUrl;

    /** Name of the forwarder function; default {@code medplum-logs-<vendor>}. Its log group is never subscribed. */
    @Parameter(property = GoalProperties.FUNCTION_NAME)
    String functionName;

    /** Forwarder memory in MB (128–10240). */
    @Parameter(property = GoalProperties.MEMORY, defaultValue = Defaults.MEMORY_MB)
    String memory;

    /** Forwarder timeout in seconds: 10–900 with {@code transport=lambda}, 1–300 for the Firehose transformation. */
    @Parameter(property = GoalProperties.TIMEOUT, defaultValue = Defaults.TIMEOUT_SECONDS)
    String timeout;

    /** Retention in days of the forwarder's own log group (a value CloudWatch accepts: 1, 3, 5, 7, 14, 30 …). */
    @Parameter(property = GoalProperties.LOG_RETENTION_DAYS, defaultValue = Defaults.LOG_RETENTION_DAYS)
    String logRetentionDays;

    /** Lambda's retries of a failed asynchronous invocation (0–2) before it goes to the dead-letter queue. */
    @Parameter(property = GoalProperties.RETRY_ATTEMPTS, defaultValue = Defaults.RETRY_ATTEMPTS)
    String retryAttempts;

    /** Oldest asynchronous event Lambda still processes, in seconds (60–21600). */
    @Parameter(property = GoalProperties.MAX_EVENT_AGE, defaultValue = Defaults.MAX_EVENT_AGE_SECONDS)
    String maxEventAge;

    /**
     * EventBridge schedule of the redrive invocation that re-sends the dead-letter queue: {@code rate(...)} or a
     * six-field {@code cron(...)} with {@code ?} in exactly one of day-of-month and day-of-week, e.g.
     * {@code cron(0 8 ? * MON-FRI *)}.
     */
    @Parameter(property = GoalProperties.REDRIVE_SCHEDULE, defaultValue = Defaults.REDRIVE_SCHEDULE)
    String redriveSchedule;

    /** Failed logins within five minutes that raise the failed-login spike alarm. */
    @Parameter(property = GoalProperties.FAILED_LOGIN_THRESHOLD, defaultValue = Defaults.FAILED_LOGIN_THRESHOLD)
    String failedLoginThreshold;

    /** Existing SNS topic ARN the alarms notify. */
    @Parameter(property = GoalProperties.ALARM_TOPIC_ARN)
    String alarmTopicArn;

    /**
     * E-mail address for alarms, without control characters; the output creates an SNS topic for it (ignored when a
     * topic ARN is given).
     */
    @Parameter(property = GoalProperties.ALARM_EMAIL)
    String alarmEmail;

    /**
     * Tags for the created resources, comma-separated {@code key=value} pairs; no key may start with {@code aws:} in
     * any case (AWS reserves it), and each key is given once whatever its case (IAM compares keys ignoring case).
     */
    @Parameter(property = GoalProperties.TAGS)
    String tags;

    /**
     * Per log group, the {@code service}, {@code source} and tags the vendor shows:
     * {@code <log group>[*]=service:<name>,source:<name>,tags:<k>:<v>+<k>:<v>} entries separated by {@code ;}
     * (a trailing {@code *} makes a prefix; an exact name wins over a prefix, the longest prefix over shorter ones).
     */
    @Parameter(property = GoalProperties.LOG_GROUP_MAPPING)
    String logGroupMapping;

    /**
     * Instruction set of the function: {@code arm64} (Graviton: same code, lower price per GB-second) or
     * {@code x86_64}.
     */
    @Parameter(property = GoalProperties.ARCHITECTURE, defaultValue = Defaults.ARCHITECTURE)
    String architecture;

    /**
     * Lambda SnapStart ({@code true}/{@code false}): the stack publishes a version, Lambda snapshots its initialised
     * JVM and the log subscriptions invoke it through the {@code live} alias, so cold starts skip JVM and client
     * set-up. With {@code false} the alias stays, on a version without a snapshot.
     */
    @Parameter(property = GoalProperties.SNAP_START, defaultValue = Defaults.SNAP_START)
    String snapStart;

    /**
     * How the logs travel: {@code lambda} (the forwarder function subscribed to each group) or {@code firehose} (an
     * Amazon Data Firehose delivery stream per vendor, with the forwarder code as its transformation function).
     */
    @Parameter(property = GoalProperties.TRANSPORT, defaultValue = Transport.DEFAULT)
    String transport;

    /** Skips the goal ({@code true}/{@code false}). */
    @Parameter(property = GoalProperties.SKIP, defaultValue = "false")
    String skip;

    @Parameter(defaultValue = "${session}", readonly = true, required = true)
    MavenSession session;

    @Parameter(defaultValue = "${project}", readonly = true)
    MavenProject project;

    @Parameter(defaultValue = "${plugin.version}", readonly = true, required = true)
    String pluginVersion;

    @Parameter(defaultValue = "${repositorySystemSession}", readonly = true, required = true)
    RepositorySystemSession repositorySession;

    @Parameter(defaultValue = "${project.remotePluginRepositories}", readonly = true)
    List<RemoteRepository> pluginRepositories;

    @Parameter(defaultValue = "${project.remoteProjectRepositories}", readonly = true)
    List<RemoteRepository> projectRepositories;

    private final RepositorySystem repositorySystem;

    @Inject
    public GenerateMojo(RepositorySystem repositorySystem) {
        this.repositorySystem = repositorySystem;
    }

    @Override
    public void execute() throws MojoExecutionException, MojoFailureException {
        // a skip that is neither true nor false fails alone: the other parameters may well be unset then
        ParameterText skipText = new ParameterText();
        boolean skipped = skipText.flag(GoalProperties.SKIP, skip, false);
        if (!skipText.problems().isEmpty()) {
            throw new MojoFailureException(new InvalidParametersException(skipText.problems()).getMessage());
        }
        if (skipped) {
            getLog().info("medplum-logs:generate skipped (" + GoalProperties.SKIP + "=true)");
            return;
        }
        ForwarderDeployment deployment;
        try {
            ParameterText text = new ParameterText();
            GenerateRequest request = request(text);
            deployment = DeploymentFactory.create(request, text.problems());
        } catch (InvalidParametersException e) {
            throw new MojoFailureException(e.getMessage(), e);
        }
        Path zip = new ForwarderZipResolver(repositorySystem, repositorySession, repositories())
                .resolve(pluginVersion);
        try {
            // the folder's name is the user's: quoted escaped (ErrorText) in each line that names it
            Path written = OutputWriter.write(deployment, zip, outputDirectory(),
                    warning -> getLog().warn(ErrorText.printable(warning)));
            getLog().info("Wrote the " + deployment.vendor().displayName() + " forwarder deployment to "
                    + ErrorText.printable(written.toString()) + "; see README.md there for the deploy commands.");
        } catch (IOException e) {
            // the cause escaped too: Maven's error summary appends each cause's message that the message does not
            // hold as it is (DefaultExceptionHandler), which for the raw one would print the folder's name raw
            String reason = ErrorText.printable(String.valueOf(e.getMessage()));
            IOException quoted = new IOException(reason);
            quoted.setStackTrace(e.getStackTrace());
            throw new MojoExecutionException(ErrorText.printable("Cannot write to " + outputDirectory() + ": ")
                    + reason, quoted);
        }
    }

    /**
     * The folder the vendor's folder is written into. A text field, not a {@code File}: Maven reads
     * {@code -Dmedplum-logs.outputDirectory=} into a {@code File} as the project's own folder, and the goal would then
     * replace {@code <project>/<vendor>/} as its output. Left out (blank) is the default, as for every parameter; a
     * relative path is the project's, as Maven resolves a {@code File}.
     */
    Path outputDirectory() {
        Path base = project != null && project.getBasedir() != null ? project.getBasedir().toPath()
                : Path.of("").toAbsolutePath();
        if (ParameterText.leftOut(outputDirectory)) {
            String build = project != null ? project.getBuild().getDirectory() : null;
            return (build != null ? Path.of(build) : base.resolve("target")).resolve(OUTPUT_FOLDER);
        }
        return base.resolve(outputDirectory.trim());
    }

    /** The parameters, with the flags and numbers read by {@code text}, which keeps what is wrong with them. */
    GenerateRequest request(ParameterText text) {
        return new GenerateRequest(vendor, logGroups, formats, secretArn,
                text.flag(GoalProperties.CREATE_SECRET, createSecret, false), filterPattern, datadogSite, splunkHecUrl,
                functionName, text.number(GoalProperties.MEMORY, memory, Defaults.MEMORY_MB),
                text.number(GoalProperties.TIMEOUT, timeout, Defaults.TIMEOUT_SECONDS),
                text.number(GoalProperties.LOG_RETENTION_DAYS, logRetentionDays, Defaults.LOG_RETENTION_DAYS),
                text.number(GoalProperties.RETRY_ATTEMPTS, retryAttempts, Defaults.RETRY_ATTEMPTS),
                text.number(GoalProperties.MAX_EVENT_AGE, maxEventAge, Defaults.MAX_EVENT_AGE_SECONDS),
                redriveSchedule,
                text.number(GoalProperties.FAILED_LOGIN_THRESHOLD, failedLoginThreshold,
                        Defaults.FAILED_LOGIN_THRESHOLD),
                alarmTopicArn, alarmEmail, tags, architecture, snapStart, vendorSettings(), pluginVersion, transport);
    }

    /**
     * Settings of every vendor are looked up; the factory keeps the chosen vendor's. User properties win. The
     * log-group mapping travels with them: like them, it ends up in the function's environment.
     */
    private Map<String, String> vendorSettings() {
        Map<String, String> values = new TreeMap<>();
        if (logGroupMapping != null) {
            values.put(GoalProperties.LOG_GROUP_MAPPING, logGroupMapping);
        }
        for (Vendor v : Vendor.values()) {
            for (Setting setting : v.settings()) {
                String name = setting.pluginProperty();
                String value = session.getUserProperties().getProperty(name);
                if (value == null && project != null) {
                    value = project.getProperties().getProperty(name);
                }
                if (value != null) {
                    values.put(name, value);
                }
            }
        }
        return values;
    }

    /** Plugin repositories first: the zip is published with the plugin. */
    private List<RemoteRepository> repositories() {
        List<RemoteRepository> all = new java.util.ArrayList<>();
        if (pluginRepositories != null) {
            all.addAll(pluginRepositories);
        }
        if (projectRepositories != null) {
            projectRepositories.stream().filter(r -> !all.contains(r)).forEach(all::add);
        }
        return all;
    }
}
