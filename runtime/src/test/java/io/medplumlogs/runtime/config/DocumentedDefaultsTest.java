package io.medplumlogs.runtime.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

import io.medplumlogs.runtime.fhir.FhirInteractionClassifier;
import io.medplumlogs.runtime.redaction.QueryRedactor;
import io.smallrye.config.WithDefault;

/**
 * Defaults written in more than one place: the {@code @WithDefault} the application reads (and the generated
 * reference shows), the constants the runtime classes fall back to, and the prose of the guide. They agree.
 */
class DocumentedDefaultsTest {

    private static final Path PAGES = Path.of("..", "docs", "modules", "ROOT", "pages");

    @Test
    void theAllowListIsTheSameInTheKeyTheRedactorAndTheLogContract() throws Exception {
        String configured = withDefault(MedplumLogsConfig.Fhir.class, "allowedParameters");
        assertThat(Arrays.asList(configured.split(","))).containsExactlyInAnyOrderElementsOf(
                QueryRedactor.DEFAULT_ALLOWED_PARAMETERS);

        String prose = find(page("log-contract.adoc"), "Default allow-list[^\\n]*\\n(.*?)\\. The list is configurable");
        String documented = Pattern.compile("`([^`]+)`").matcher(prose).results().map(m -> m.group(1))
                .collect(Collectors.joining(","));
        assertThat(documented).isEqualTo(configured);
    }

    @Test
    void theFhirBaseIsTheSameInTheKeyAndTheClassifier() throws Exception {
        assertThat(withDefault(MedplumLogsConfig.Fhir.class, "basePaths"))
                .isEqualTo(FhirInteractionClassifier.DEFAULT_BASE);
    }

    @Test
    void theGuidesQueueSizeIsTheKeysDefault() throws Exception {
        String documented = find(page("index.adoc"),
                "`quarkus\\.medplum-logs\\.console-writer\\.queue-size`, default (\\d+) lines");
        assertThat(documented).isEqualTo(withDefault(ConsoleWriterConfig.class, "queueSize"));
    }

    @Test
    void theGuidesLineBoundIsTheKeysDefault() throws Exception {
        String kib = find(page("log-contract.adoc"),
                "`quarkus\\.medplum-logs\\.max-line-bytes` \\(default (\\d+) KiB");
        assertThat(Integer.parseInt(withDefault(MedplumLogsConfig.class, "maxLineBytes")))
                .isEqualTo(Integer.parseInt(kib) * 1024);
    }

    private static String withDefault(Class<?> mapping, String method) throws NoSuchMethodException {
        return mapping.getMethod(method).getAnnotation(WithDefault.class).value();
    }

    private static String page(String name) throws IOException {
        return Files.readString(PAGES.resolve(name), StandardCharsets.UTF_8);
    }

    private static String find(String text, String regex) {
        Matcher m = Pattern.compile(regex, Pattern.DOTALL).matcher(text);
        assertThat(m.find()).as(regex).isTrue();
        return m.group(1);
    }
}
