package io.medplumlogs.runtime.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.jboss.logmanager.ExtLogRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.logging.json.runtime.JsonLogConfig.AdditionalFieldConfig;
import io.quarkus.logging.json.runtime.JsonLogConfig.JsonConfig;
import io.quarkus.runtime.configuration.ConfigurationException;

/**
 * pretty-print and log-format are never applied to our line; where logging-json's console formatter is on (the prod
 * default) it would apply them to the start-up lines it formats, so they stop start-up there and only warn elsewhere.
 */
class ConsoleJsonSettingsTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void prettyPrintStopsStartUpWhereLoggingJsonFormatsTheStartUpLines() {
        assertThatThrownBy(() -> apply(config(true, JsonConfig.LogFormat.DEFAULT), true, new ArrayList<>()))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("quarkus.log.console.json.pretty-print=true")
                .hasMessageContaining("applies it to the start-up lines").hasMessageContaining("remove it");
    }

    @Test
    void logFormatStopsStartUpWhereLoggingJsonFormatsTheStartUpLines() {
        assertThatThrownBy(() -> apply(config(false, JsonConfig.LogFormat.ECS), true, new ArrayList<>()))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("quarkus.log.console.json.log-format=ecs")
                .hasMessageContaining("field names instead of the log contract's");
    }

    @Test
    void withoutLoggingJsonsConsoleBothOnlyWarn() {
        List<String> warnings = new ArrayList<>();
        apply(config(true, JsonConfig.LogFormat.GCP), false, warnings);

        assertThat(warnings).hasSize(2).allSatisfy(w -> assertThat(w).contains("it is not applied"));
    }

    @Test
    void theDefaultsSayNothing() {
        List<String> warnings = new ArrayList<>();
        apply(config(false, JsonConfig.LogFormat.DEFAULT), true, warnings);

        assertThat(warnings).isEmpty();
    }

    @Test
    void anAdditionalFieldNamedLikeACorrelationIdStopsStartUp() {
        JsonConfig json = config(false, JsonConfig.LogFormat.DEFAULT, Map.of("traceId", stringField("static")));

        assertThatThrownBy(() -> apply(json, false, new ArrayList<>())).isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("quarkus.log.console.json.additional-field.\"traceId\"")
                .hasMessageContaining("correlation ID");
    }

    /**
     * An additional field under a name the line writes itself: {@code msg}, {@code level} or {@code truncated} was
     * left out of every line without a word (the line's own field wins), {@code status} or {@code user} was written
     * as a constant string on every line but the audit lines, where a query on the HTTP status or the identity rule's
     * user found it.
     */
    @ParameterizedTest
    @ValueSource(strings = { "msg", "level", "truncated", "stack", "status", "user", "path" })
    void anAdditionalFieldNamedLikeAFieldOfTheLineStopsStartUp(String name) {
        JsonConfig json = config(false, JsonConfig.LogFormat.DEFAULT, Map.of(name, stringField("static")));

        assertThatThrownBy(() -> apply(json, false, new ArrayList<>())).isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("quarkus.log.console.json.additional-field.\"" + name + "\"")
                .hasMessageContaining("a field the line writes itself");
    }

    /** Guard: a typed additional field whose value is no number stops start-up naming the key and the value. */
    @Test
    void anAdditionalFieldOfANumberTypeThatIsNoNumberStopsStartUp() {
        AdditionalFieldConfig shard = (AdditionalFieldConfig) Proxy.newProxyInstance(
                AdditionalFieldConfig.class.getClassLoader(), new Class<?>[] { AdditionalFieldConfig.class },
                (proxy, method, args) -> switch (method.getName()) {
                    case "value" -> "7x";
                    case "type" -> AdditionalFieldConfig.Type.INT;
                    default -> null;
                });
        JsonConfig json = config(false, JsonConfig.LogFormat.DEFAULT, Map.of("shard", shard));

        assertThatThrownBy(() -> apply(json, false, new ArrayList<>())).isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("quarkus.log.console.json.additional-field.\"shard\".value is not a number: 7x");
    }

    /** Guard: key-overrides that is not a list of key=name pairs stops start-up naming the key. */
    @Test
    void keyOverridesThatCannotBeReadStopStartUp() {
        JsonConfig json = config(false, JsonConfig.LogFormat.DEFAULT, Map.of(), "no-such-key=x");

        assertThatThrownBy(() -> apply(json, false, new ArrayList<>())).isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("quarkus.log.console.json.key-overrides is not a valid list of key=name pairs");
    }

    @Test
    void otherAdditionalFieldsAreTaken() {
        JsonLineLayout layout = ConsoleJsonSettings.apply(JsonLineLayout.contract(16_384),
                config(false, JsonConfig.LogFormat.DEFAULT, Map.of("service", stringField("fhir-api"))), false,
                w -> { });

        assertThat(layout.additionalFields()).containsEntry("service", "fhir-api");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            // Datadog's usual name for the level: the Request served line's HTTP status was dropped
            "level=status|renames level to 'status', a field the line writes itself",
            // requestId written twice on one line
            "logger-name=requestId|renames logger to 'requestId', a field the line writes itself",
            "level=severity,logger-name=severity|also the new name of",
            "logger-name=service|the name of additional-field.\"service\"" })
    void aRenameOntoANameTheLineWritesStopsStartUp(String overrides, String problem) {
        JsonConfig json = config(false, JsonConfig.LogFormat.DEFAULT, Map.of("service", stringField("fhir-api")),
                overrides);

        assertThatThrownBy(() -> apply(json, false, new ArrayList<>())).isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("quarkus.log.console.json.key-overrides").hasMessageContaining(problem);
    }

    @Test
    void otherRenamesAreTaken() {
        JsonLineLayout layout = ConsoleJsonSettings.apply(JsonLineLayout.contract(16_384),
                config(false, JsonConfig.LogFormat.DEFAULT, Map.of(), "level=severity,message=msg"), false, w -> { });

        assertThat(layout.level()).isEqualTo("severity");
        assertThat(layout.msg()).isEqualTo("msg");
    }

    /**
     * index.adoc: record-delimiter applies to the JSON line, whose contract is one JSON object per line. A delimiter
     * without a line feed at its end (",", a space, a tab) put every record of the process on one line, which the
     * awslogs driver splits at 16 KiB in the middle of a record; one with something after its line feed started
     * every line with it, so no line was a JSON object.
     */
    @ParameterizedTest
    @ValueSource(strings = { ",", " ", "\t", "\n,", "\n\n", "\u2028", "\r" })
    void aRecordDelimiterThatDoesNotEndEveryLineStopsStartUp(String delimiter) {
        JsonConfig json = config(false, JsonConfig.LogFormat.DEFAULT, Map.of(), null, delimiter);

        assertThatThrownBy(() -> apply(json, false, new ArrayList<>())).isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("quarkus.log.console.json.record-delimiter").hasMessageContaining("line feed");
    }

    @ParameterizedTest
    @ValueSource(strings = { "\n", "\r\n" })
    void aRecordDelimiterThatEndsTheLineIsTaken(String delimiter) {
        JsonLineLayout layout = ConsoleJsonSettings.apply(JsonLineLayout.contract(16_384),
                config(false, JsonConfig.LogFormat.DEFAULT, Map.of(), null, delimiter), false, w -> { });

        assertThat(layout.delimiter()).isEqualTo(delimiter);
    }

    /**
     * What the delimiter puts before its line feed counts against max-line-bytes (log-contract.adoc). Spaces that take
     * half the bound or more left a line no room: with max-line-bytes=1024 and 2,000 spaces every record became
     * {@code {"truncated":true}} followed by the spaces, over the bound, without a word. Refused naming both keys;
     * a delimiter that leaves the line most of its bound is taken.
     */
    @Test
    void aRecordDelimiterThatLeavesTheLineNoRoomStopsStartUp() {
        JsonConfig json = config(false, JsonConfig.LogFormat.DEFAULT, Map.of(), null, " ".repeat(2000) + "\n");

        assertThatThrownBy(() -> ConsoleJsonSettings.apply(JsonLineLayout.contract(1024), json, false, w -> { }))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("quarkus.log.console.json.record-delimiter")
                .hasMessageContaining("quarkus.medplum-logs.max-line-bytes");
        String some = " ".repeat(100) + "\r\n";
        assertThat(ConsoleJsonSettings.apply(JsonLineLayout.contract(1024),
                config(false, JsonConfig.LogFormat.DEFAULT, Map.of(), null, some), false, w -> { }).delimiter())
                .isEqualTo(some);
    }

    /**
     * excluded-keys with logging-json's names of the fields ({@code stackTrace}, {@code loggerName}, {@code message},
     * and {@code exception}, its exception object): a configuration written for logging-json kept every stack trace,
     * logger and message on the JSON line without a word. They now leave out the field they name, under whatever name
     * key-overrides gives it; the line's own names still work.
     */
    @Test
    void excludedKeysByLoggingJsonsNamesLeaveOutTheFieldTheyName() throws Exception {
        JsonNode byStackTrace = line(excluding("stackTrace,loggerName", "message=text"));
        JsonNode byException = line(excluding("exception", null));
        JsonNode byMessage = line(excluding("message,level", "message=text"));

        assertThat(byStackTrace.has("stack")).as(byStackTrace.toString()).isFalse();
        assertThat(byStackTrace.has("logger")).as(byStackTrace.toString()).isFalse();
        assertThat(byStackTrace.get("error").asText()).isEqualTo("java.lang.IllegalStateException: boom");
        assertThat(byStackTrace.get("text").asText()).isEqualTo("failed");
        assertThat(byException.has("stack")).as(byException.toString()).isFalse();
        assertThat(byException.has("error")).as(byException.toString()).isFalse();
        assertThat(byMessage.has("text")).as(byMessage.toString()).isFalse();
        assertThat(byMessage.has("level")).as(byMessage.toString()).isFalse();
        assertThat(byMessage.has("error")).as(byMessage.toString()).isTrue();
    }

    private static JsonNode line(JsonConfig json) throws Exception {
        JsonLineLayout layout = ConsoleJsonSettings.apply(JsonLineLayout.contract(16_384), json, false, w -> { });
        ExtLogRecord record = new ExtLogRecord(org.jboss.logmanager.Level.ERROR, "failed",
                ExtLogRecord.FormatStyle.NO_FORMAT, "test");
        record.setLoggerName("io.example.Test");
        record.setMdc(Map.of());
        record.setThrown(new IllegalStateException("boom"));
        return JSON.readTree(new JsonLineFormatter(layout).format(record));
    }

    /** "unless date-format or zone-id is set: then as they say"; zone-id alone changes nothing and says so. */
    @Test
    void dateFormatAndZoneIdApplyToTheTimestamp() throws Exception {
        ExtLogRecord record = new ExtLogRecord(org.jboss.logmanager.Level.INFO, "hi",
                ExtLogRecord.FormatStyle.NO_FORMAT, "test");
        record.setLoggerName("io.example.Test");
        record.setMdc(Map.of());
        record.setInstant(java.time.Instant.parse("2026-11-25T17:20:04.123Z"));

        JsonLineLayout berlin = ConsoleJsonSettings.apply(JsonLineLayout.contract(16_384),
                dated("dd.MM.yyyy HH:mm:ss.SSS XXX", "Europe/Berlin"), false, w -> { });
        JsonLineLayout utc = ConsoleJsonSettings.apply(JsonLineLayout.contract(16_384),
                dated("yyyy-MM-dd HH:mm:ss", "default"), false, w -> { });
        List<String> warnings = new ArrayList<>();
        JsonLineLayout zoneOnly = ConsoleJsonSettings.apply(JsonLineLayout.contract(16_384),
                dated("default", "Europe/Berlin"), false, warnings::add);

        assertThat(timestamp(berlin, record)).isEqualTo("25.11.2026 18:20:04.123 +01:00");
        assertThat(timestamp(utc, record)).isEqualTo("2026-11-25 17:20:04");
        assertThat(timestamp(zoneOnly, record)).isEqualTo("2026-11-25T17:20:04.123Z");
        assertThat(warnings).singleElement().asString().contains("zone-id only applies together with");
    }

    private static String timestamp(JsonLineLayout layout, ExtLogRecord record) throws Exception {
        return JSON.readTree(new JsonLineFormatter(layout).format(record))
                .get("timestamp").asText();
    }

    private static JsonConfig excluding(String excludedKeys, String keyOverrides) {
        JsonConfig plain = config(false, JsonConfig.LogFormat.DEFAULT, Map.of(), keyOverrides);
        return (JsonConfig) Proxy.newProxyInstance(JsonConfig.class.getClassLoader(), new Class<?>[] { JsonConfig.class },
                (proxy, method, args) -> method.getName().equals("excludedKeys")
                        ? Optional.of(Set.of(excludedKeys.split(",")))
                        : method.invoke(plain, args));
    }

    private static JsonConfig dated(String dateFormat, String zoneId) {
        JsonConfig plain = config(false, JsonConfig.LogFormat.DEFAULT);
        return (JsonConfig) Proxy.newProxyInstance(JsonConfig.class.getClassLoader(), new Class<?>[] { JsonConfig.class },
                (proxy, method, args) -> switch (method.getName()) {
                    case "dateFormat" -> dateFormat;
                    case "zoneId" -> zoneId;
                    default -> method.invoke(plain, args);
                });
    }

    private static AdditionalFieldConfig stringField(String value) {
        return (AdditionalFieldConfig) Proxy.newProxyInstance(AdditionalFieldConfig.class.getClassLoader(),
                new Class<?>[] { AdditionalFieldConfig.class }, (proxy, method, args) -> switch (method.getName()) {
                    case "value" -> value;
                    case "type" -> AdditionalFieldConfig.Type.STRING;
                    default -> null;
                });
    }

    private static void apply(JsonConfig json, boolean earlyLinesByLoggingJson, List<String> warnings) {
        ConsoleJsonSettings.apply(JsonLineLayout.contract(16_384), json, earlyLinesByLoggingJson, warnings::add);
    }

    /** logging-json's console settings at their defaults, but for pretty-print and log-format. */
    private static JsonConfig config(boolean prettyPrint, JsonConfig.LogFormat logFormat) {
        return config(prettyPrint, logFormat, Map.of());
    }

    private static JsonConfig config(boolean prettyPrint, JsonConfig.LogFormat logFormat,
            Map<String, AdditionalFieldConfig> additional) {
        return config(prettyPrint, logFormat, additional, null);
    }

    private static JsonConfig config(boolean prettyPrint, JsonConfig.LogFormat logFormat,
            Map<String, AdditionalFieldConfig> additional, String keyOverrides) {
        return config(prettyPrint, logFormat, additional, keyOverrides, null);
    }

    private static JsonConfig config(boolean prettyPrint, JsonConfig.LogFormat logFormat,
            Map<String, AdditionalFieldConfig> additional, String keyOverrides, String recordDelimiter) {
        return (JsonConfig) Proxy.newProxyInstance(JsonConfig.class.getClassLoader(), new Class<?>[] { JsonConfig.class },
                (proxy, method, args) -> switch (method.getName()) {
                    case "prettyPrint" -> prettyPrint;
                    case "logFormat" -> logFormat;
                    case "dateFormat", "zoneId" -> "default";
                    case "additionalField" -> additional;
                    case "keyOverrides" -> Optional.ofNullable(keyOverrides);
                    case "recordDelimiter" -> Optional.ofNullable(recordDelimiter);
                    case "enable", "printDetails" -> false;
                    case "hashCode" -> 0;
                    case "equals" -> false;
                    case "toString" -> "JsonConfig";
                    default -> method.getReturnType() == Optional.class ? Optional.empty() : null;
                });
    }
}
