package io.medplumlogs.forwarder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.medplumlogs.contract.LogLineFields;
import io.medplumlogs.contract.Vendor;
import io.medplumlogs.forwarder.testing.ForwarderFixture;
import io.medplumlogs.forwarder.testing.ForwarderOutput;
import io.medplumlogs.forwarder.testing.InsightsQueries;
import io.medplumlogs.forwarder.testing.InsightsQueries.Query;
import io.medplumlogs.forwarder.testing.SubscriptionEvents;
import java.io.IOException;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The Logs Insights queries the docs quote are run as they stand; a field the lines do not carry, or a value in a
 * shape the line does not write, makes a query find nothing, silently. audit-lines.adoc's queries (the ones the Maven
 * plugin saves, {@code InsightsQueryTest}) read the application's lines: their fields are {@link LogLineFields}.
 * forwarder.adoc's read the forwarder's own lines: their fields are those the forwarder really writes when a chunk is
 * dead-lettered and when the DLQ refuses it too.
 */
class DocumentedInsightsQueriesTest {

    @RegisterExtension
    final ForwarderOutput output = new ForwarderOutput();

    /** Every page but forwarder.adoc speaks of the application's log groups. */
    static final List<String> APP_PAGES = List.of("audit-lines.adoc", "log-contract.adoc", "vendors.adoc",
            "index.adoc", "generate.adoc", "transports.adoc");

    @Test
    void queriesOnTheAppsLinesReadOnlyFieldsOfTheLogContract() {
        List<Query> queries = APP_PAGES.stream().flatMap(page -> InsightsQueries.onPage(page).stream()).toList();
        assertThat(queries).as("audit-lines.adoc quotes the four saved queries").hasSizeGreaterThanOrEqualTo(4);
        for (Query q : queries) {
            assertThat(q.fields()).as("%s%nreads fields no line of the log contract has", q.text())
                    .isSubsetOf(union(LogLineFields.ALL, InsightsQueries.BUILT_IN));
        }
    }

    @Test
    void queriesOnTheAppsLinesLookForMessagesTheExtensionWrites() {
        Set<String> messages = Set.of(quoted(LogLineFields.REQUEST_SERVED), quoted(LogLineFields.LOGIN_FAILED),
                quoted(LogLineFields.LOGIN_SUCCEEDED));
        for (String page : APP_PAGES) {
            for (Query q : InsightsQueries.onPage(page)) {
                assertThat(q.comparedWith().getOrDefault(LogLineFields.MSG, List.of())).as(q.text())
                        .isSubsetOf(messages);
                // IDs are strings on the line: an unquoted ID would compare a number with a string
                for (String id : List.of(LogLineFields.TRACE_ID, LogLineFields.OTEL_TRACE_ID,
                        LogLineFields.REQUEST_ID)) {
                    assertThat(q.comparedWith().getOrDefault(id, List.of())).as(q.text())
                            .allSatisfy(v -> assertThat(v).startsWith("\""));
                }
            }
        }
    }

    @Test
    void queriesOnTheForwardersOwnLogGroupReadFieldsItWritesInTheShapesItWritesThem() throws IOException {
        Map<String, Set<String>> written = fieldsWrittenOnFailurePaths();
        List<Query> queries = InsightsQueries.onPage("forwarder.adoc");
        assertThat(queries).as("forwarder.adoc's queries on the function's log group").hasSizeGreaterThanOrEqualTo(4);
        for (Query q : queries) {
            Set<String> fields = new HashSet<>(q.fields());
            fields.removeAll(InsightsQueries.BUILT_IN);
            assertThat(fields).as("%s%nreads fields the forwarder never wrote; it wrote %s", q.text(),
                    written.keySet()).isSubsetOf(written.keySet());
            q.comparedWith().forEach((field, literals) -> {
                for (String literal : literals) {
                    if (literal.startsWith("\"")) {
                        // a message or level compared with a string must be one the forwarder wrote (a placeholder
                        // ID aside, which the reader replaces)
                        if (!literal.contains("REPLACE_WITH")) {
                            assertThat(written.get(field)).as("%s: %s = %s", q.text(), field, literal)
                                    .contains(literal.substring(1, literal.length() - 1));
                        }
                    } else {
                        assertThat(written.get(field)).as("%s: %s compared with the number %s, but written as",
                                q.text(), field, literal).contains(NUMBER);
                    }
                }
            });
        }
    }

    /** Sanity of the parser the guard relies on: a misspelt field is caught, functions and aliases are not fields. */
    @Test
    void aMisspeltFieldInAQueryIsCaught() {
        String page = "[source]\n----\nfilter msg = \"Request served\" and ispresent(interaction)\n"
                + "| stats count(*) as requests, max(durationMillis) as maxMs by interaction, resourceType\n"
                + "| sort maxMs desc\n----\n";
        Query q = InsightsQueries.inText(page).get(0);
        assertThat(q.fields()).containsExactlyInAnyOrder("msg", "interaction", "durationMillis", "resourceType");
        assertThatThrownBy(() -> assertThat(q.fields()).isSubsetOf(LogLineFields.ALL))
                .hasMessageContaining("durationMillis");
    }

    /** Stands for "a number" among a field's written values. */
    static final String NUMBER = "<number>";

    /**
     * Each field the forwarder wrote, with its string values (and {@link #NUMBER} for a numeric one): one batch with a
     * chunk the vendor refuses (dead-lettered), then one whose DLQ write fails too (LOGS AT RISK, Invocation failed).
     */
    Map<String, Set<String>> fieldsWrittenOnFailurePaths() throws IOException {
        try (ForwarderFixture fixture = ForwarderFixture.start(Vendor.SPLUNK)) {
            ForwarderHandler handler = fixture.handler();
            fixture.vendor.failWhen(r -> r.body().contains(FailurePathMetricsTest.MARKER), 400);
            byte[] batch = SubscriptionEvents.builder().lines(FailurePathMetricsTest.threeChunksOfLines())
                    .invocation();
            ForwarderFixture.invoke(handler, batch);
            fixture.sqs.close();
            assertThatThrownBy(() -> ForwarderFixture.invoke(handler, batch, 20_000))
                    .isInstanceOf(RuntimeException.class);
        }
        Map<String, Set<String>> written = new HashMap<>();
        for (JsonNode line : output.lines()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = line.fields(); it.hasNext();) {
                Map.Entry<String, JsonNode> field = it.next();
                written.computeIfAbsent(field.getKey(), k -> new HashSet<>())
                        .add(field.getValue().isNumber() ? NUMBER : field.getValue().asText());
            }
        }
        assertThat(written.get(LogLineFields.LEVEL)).as(output.text()).contains("WARN", "ERROR");
        return written;
    }

    static Set<String> union(Set<String> a, Set<String> b) {
        Set<String> all = new HashSet<>(a);
        all.addAll(b);
        return all;
    }

    static String quoted(String s) {
        return "\"" + s + "\"";
    }
}
