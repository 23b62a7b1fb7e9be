package io.medplumlogs.maven;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.medplumlogs.maven.model.Defaults;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.maven.plugin.MojoFailureException;
import org.codehaus.plexus.component.configurator.BasicComponentConfigurator;
import org.codehaus.plexus.component.configurator.expression.DefaultExpressionEvaluator;
import org.codehaus.plexus.configuration.xml.XmlPlexusConfiguration;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The goal's boolean and number parameters as Maven hands them to the mojo: each {@code -D} value is text that Maven's
 * configurator converts to the field's type (the same {@link BasicComponentConfigurator} here), so what a field of
 * type {@code boolean} or {@code int} does with {@code yes} or {@code abc} is what the user gets. generate.adoc: such a
 * value fails the build with the parameter, the value and what is accepted, and nothing is written.
 */
class GenerateMojoParametersTest {

    @TempDir
    Path out;

    /** Every parameter the goal reads, at what the user would give; {@code changes} override some. */
    private GenerateMojo configured(Map<String, String> changes) throws Exception {
        Map<String, String> values = new LinkedHashMap<>();
        values.put("vendor", "datadog");
        values.put("logGroups", "/ecs/my-fhir-api");
        values.put("formats", Defaults.FORMATS);
        values.put("outputDirectory", out.toString());
        values.put("secretArn", Requests.SECRET_ARN);
        values.put("createSecret", "false");
        values.put("memory", Defaults.MEMORY_MB);
        values.put("timeout", Defaults.TIMEOUT_SECONDS);
        values.put("logRetentionDays", Defaults.LOG_RETENTION_DAYS);
        values.put("retryAttempts", Defaults.RETRY_ATTEMPTS);
        values.put("maxEventAge", Defaults.MAX_EVENT_AGE_SECONDS);
        values.put("redriveSchedule", Defaults.REDRIVE_SCHEDULE);
        values.put("failedLoginThreshold", Defaults.FAILED_LOGIN_THRESHOLD);
        values.put("skip", "false");
        values.putAll(changes);
        XmlPlexusConfiguration configuration = new XmlPlexusConfiguration("configuration");
        values.forEach((name, value) -> configuration.addChild(name, value));
        GenerateMojo mojo = new GenerateMojo(null);
        new BasicComponentConfigurator().configureComponent(mojo, configuration, new DefaultExpressionEvaluator(),
                null);
        mojo.pluginVersion = "1.2.3";
        // what vendorSettings() reads the -D vendor settings from; none are given here
        mojo.session = new org.apache.maven.execution.MavenSession(null, null,
                new org.apache.maven.execution.DefaultMavenExecutionRequest(),
                new org.apache.maven.execution.DefaultMavenExecutionResult());
        return mojo;
    }

    @ParameterizedTest
    @CsvSource({ "createSecret,yes", "createSecret,ture", "createSecret,1", "createSecret,on", "skip,yes",
            "skip,1" })
    void aBooleanThatIsNotTrueOrFalseIsAnErrorNamingIt(String parameter, String value) throws Exception {
        assertThatThrownBy(() -> configured(Map.of(parameter, value)).execute())
                .isInstanceOf(MojoFailureException.class)
                .hasMessageContaining("medplum-logs." + parameter)
                .hasMessageContaining("'" + value + "'")
                .hasMessageContaining("true or false");
        assertThat(out).isEmptyDirectory();
    }

    @ParameterizedTest
    @CsvSource({ "memory,abc", "memory,1024MB", "timeout,1.5", "logRetentionDays,thirty",
            "retryAttempts,99999999999", "failedLoginThreshold,20 logins" })
    void aNumberThatIsNotAWholeNumberIsAnErrorNamingIt(String parameter, String value) throws Exception {
        assertThatThrownBy(() -> configured(Map.of(parameter, value)).execute())
                .isInstanceOf(MojoFailureException.class)
                .hasMessageContaining("medplum-logs." + parameter)
                .hasMessageContaining("'" + value + "'")
                .hasMessageContaining("whole number");
        assertThat(out).isEmptyDirectory();
    }

    /** A whole number out of the parameter's range gets the range (DeploymentFactory's check, as before). */
    @org.junit.jupiter.api.Test
    void aNumberOutOfRangeIsAnErrorWithTheRange() throws Exception {
        assertThatThrownBy(() -> configured(Map.of("memory", "64")).execute())
                .hasMessageContaining("medplum-logs.memory=64 is out of range: use 128 to 10240 MB");
        assertThat(out).isEmptyDirectory();
    }

    /** Every problem at once: a bad number does not hide a missing vendor. */
    @org.junit.jupiter.api.Test
    void aBadNumberIsListedWithTheOtherProblems() throws Exception {
        assertThatThrownBy(() -> configured(Map.of("memory", "lots", "vendor", "")).execute())
                .hasMessageContaining("medplum-logs.memory").hasMessageContaining("medplum-logs.vendor");
    }

    /**
     * {@code -Dmedplum-logs.snapStart=} reaches the mojo as the empty string, not as "not given" (a real Maven 3.8.7
     * run: an {@code int} field failed with "Cannot convert '' to int: Zero length string", a String field gets "").
     * generate.adoc's rule: an empty or blank value is read as leaving the parameter out, for every parameter, so a
     * script's {@code -Dmedplum-logs.memory=$MEMORY} with the variable unset gets the default, as snapStart always did.
     */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = { "formats|" + Defaults.FORMATS, "createSecret|false",
            "memory|" + Defaults.MEMORY_MB, "timeout|" + Defaults.TIMEOUT_SECONDS,
            "logRetentionDays|" + Defaults.LOG_RETENTION_DAYS, "retryAttempts|" + Defaults.RETRY_ATTEMPTS,
            "maxEventAge|" + Defaults.MAX_EVENT_AGE_SECONDS, "redriveSchedule|" + Defaults.REDRIVE_SCHEDULE,
            "failedLoginThreshold|" + Defaults.FAILED_LOGIN_THRESHOLD, "architecture|" + Defaults.ARCHITECTURE,
            "snapStart|" + Defaults.SNAP_START, "transport|lambda", "datadogSite|datadoghq.com",
            "functionName|medplum-logs-datadog" })
    void aBlankParameterIsReadAsLeftOut(String parameter, String defaultValue) throws Exception {
        io.medplumlogs.maven.model.ForwarderDeployment byDefault = deployment(configured(Map.of(parameter,
                defaultValue)));
        for (String blank : new String[] { "", "  " }) {
            GenerateMojo mojo = configured(Map.of());
            GenerateMojo.class.getDeclaredField(parameter).set(mojo, blank); // what Maven injects for -Dx= (above)
            assertThat(deployment(mojo)).as("-Dmedplum-logs." + parameter + "='" + blank + "'").isEqualTo(byDefault);
        }
    }

    /** A blank skip is not skipping and no problem of its own: the goal runs (here, to the missing vendor). */
    @org.junit.jupiter.api.Test
    void aBlankSkipRunsTheGoal() throws Exception {
        GenerateMojo mojo = configured(Map.of("vendor", ""));
        mojo.skip = "";
        assertThatThrownBy(mojo::execute).hasMessageContaining("medplum-logs.vendor")
                .hasMessageNotContaining("medplum-logs.skip");
    }

    /**
     * Maven reads {@code -Dmedplum-logs.outputDirectory=} into a {@code File} field as the project's own folder: the
     * goal then replaced {@code <project>/datadog/} as its output folder, deleting whatever the project kept there.
     * Blank is the default {@code target/medplum-logs} like every other parameter; a relative path stays relative
     * to the project, as Maven resolves it.
     */
    @org.junit.jupiter.api.Test
    void aBlankOutputDirectoryIsTheDefaultNotTheProjectFolder() throws Exception {
        org.apache.maven.project.MavenProject project = new org.apache.maven.project.MavenProject();
        project.setFile(out.resolve("pom.xml").toFile());
        project.getBuild().setDirectory(out.resolve("target").toString());
        GenerateMojo mojo = configured(Map.of());
        mojo.project = project;
        for (String blank : new String[] { "", " " }) {
            mojo.outputDirectory = blank;
            assertThat(mojo.outputDirectory()).isEqualTo(out.resolve("target").resolve("medplum-logs"));
        }
        mojo.outputDirectory = "generated/logs";
        assertThat(mojo.outputDirectory()).isEqualTo(out.resolve("generated/logs"));
        mojo.outputDirectory = out.resolve("elsewhere").toString();
        assertThat(mojo.outputDirectory()).isEqualTo(out.resolve("elsewhere"));
    }

    /**
     * The output folder is quoted in the goal's own lines (where it wrote, why it could not): a line break or an
     * escape character in it must not start a log line of its own or act on the terminal. That holds for what the build
     * prints too: Maven's error summary is the message plus each cause's message it does not already hold, and the
     * cause's held the folder raw.
     */
    @org.junit.jupiter.api.Test
    void theOutputFolderIsQuotedEscapedInTheGoalsLines() throws Exception {
        Path zip = Files.writeString(out.resolve("forwarder.zip"), "zip");
        String hostile = "a\n[INFO] BUILD SUCCESS\u001B[31m";
        java.util.List<String> lines = new java.util.ArrayList<>();
        GenerateMojo mojo = new GenerateMojo((org.eclipse.aether.RepositorySystem) java.lang.reflect.Proxy
                .newProxyInstance(getClass().getClassLoader(),
                        new Class<?>[] { org.eclipse.aether.RepositorySystem.class }, (proxy, method, args) -> {
                            var request = (org.eclipse.aether.resolution.ArtifactRequest) args[1];
                            return new org.eclipse.aether.resolution.ArtifactResult(request)
                                    .setArtifact(request.getArtifact().setFile(zip.toFile()));
                        }));
        GenerateMojo configured = configured(Map.of());
        for (java.lang.reflect.Field field : GenerateMojo.class.getDeclaredFields()) {
            if (!java.lang.reflect.Modifier.isStatic(field.getModifiers())
                    && !java.lang.reflect.Modifier.isFinal(field.getModifiers())) {
                field.setAccessible(true);
                field.set(mojo, field.get(configured));
            }
        }
        mojo.setLog(new org.apache.maven.plugin.logging.SystemStreamLog() {
            @Override
            public void info(CharSequence content) {
                lines.add(content.toString());
            }

            @Override
            public void warn(CharSequence content) {
                lines.add(content.toString());
            }
        });

        mojo.outputDirectory = out.resolve(hostile).toString();
        mojo.execute();
        assertThat(out.resolve(hostile).resolve("datadog/README.md")).isRegularFile();

        Files.writeString(out.resolve("blocked" + hostile), "a file where the folder would go");
        mojo.outputDirectory = out.resolve("blocked" + hostile).resolve("sub").toString();
        Throwable failed = org.assertj.core.api.Assertions.catchThrowable(mojo::execute);
        assertThat(failed).isInstanceOf(org.apache.maven.plugin.MojoExecutionException.class);
        lines.add(failed.getMessage());
        // what the build prints: Maven's error summary appends each cause's message the message does not already hold
        lines.add(new org.apache.maven.exception.DefaultExceptionHandler().handleException(failed).getMessage());

        Path theirs = Files.createDirectories(out.resolve("theirs" + hostile).resolve("datadog"));
        Files.writeString(theirs.resolve("notes.txt"), "not the goal's");
        mojo.outputDirectory = theirs.getParent().toString();
        Throwable refused = org.assertj.core.api.Assertions.catchThrowable(mojo::execute);
        assertThat(refused).isInstanceOf(org.apache.maven.plugin.MojoExecutionException.class)
                .hasMessageContaining("not written by medplum-logs:generate");
        lines.add(new org.apache.maven.exception.DefaultExceptionHandler().handleException(refused).getMessage());

        assertThat(lines).hasSize(4).allSatisfy(line -> assertThat(line.chars())
                .as(line).noneMatch(Character::isISOControl));
    }

    private static io.medplumlogs.maven.model.ForwarderDeployment deployment(GenerateMojo mojo) throws Exception {
        ParameterText text = new ParameterText();
        return DeploymentFactory.create(mojo.request(text), text.problems());
    }

    @ParameterizedTest
    @ValueSource(strings = { "TRUE", "True", " true " })
    void trueAndFalseAreReadInAnyCase(String value) throws Exception {
        GenerateMojo mojo = configured(Map.of("skip", value));
        mojo.execute();
        assertThat(out).isEmptyDirectory();
        assertThat(Files.exists(out)).isTrue();
    }
}
