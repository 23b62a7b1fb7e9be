package io.medplumlogs.forwarder;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.medplumlogs.contract.Vendor;
import io.medplumlogs.forwarder.testing.ContractLines;
import io.medplumlogs.forwarder.testing.FakeVendor;
import io.medplumlogs.forwarder.testing.ForwarderFixture;
import io.medplumlogs.forwarder.testing.SubscriptionEvents;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * vendors.adoc, "Check it end to end": the search and the attributes each vendor's row names, read from the page
 * itself, find the {@code Request served} line of the page's trace ID as the forwarder delivers it (the line as the
 * extension writes it for a request with {@code X-Trace-Id: 4bf92f3577b34da6a3ce929d0e0e4736}).
 */
class VendorsPageEndToEndTest {

    private static final Path PAGE = Path.of("..", "docs", "modules", "ROOT", "pages", "vendors.adoc");

    /** Every {@code @name} and {@code @name:value} of the Datadog row is an attribute of the entry, with that value. */
    @Test
    void datadogRow() {
        JsonNode entry = delivered(Vendor.DATADOG).entries().get(0);
        List<String> searched = backticked(row("Datadog"), "@[A-Za-z_.]+(:[0-9a-f]+)?");
        assertThat(searched).contains("@traceId:4bf92f3577b34da6a3ce929d0e0e4736", "@http.status_code", "@duration");
        for (String search : searched) {
            String[] nameValue = search.substring(1).split(":", 2);
            JsonNode value = entry.at("/" + nameValue[0].replace('.', '/'));
            assertThat(value.isMissingNode()).as(search).isFalse();
            if (nameValue.length == 2) {
                assertThat(value.asText()).as(search).isEqualTo(nameValue[1]);
            }
        }
        List<String> kept = backticked(row("Datadog").split("standard attributes")[0], "[a-zA-Z]+");
        assertThat(kept).contains("requestId", "durationMs");
        for (String field : kept) {
            assertThat(entry.has(field)).as(field).isTrue();
        }
    }

    /** {@code traceId=<id>} and every field named under its own name are keys of the event object. */
    @Test
    void splunkRow() {
        JsonNode entry = delivered(Vendor.SPLUNK).entries().get(0);
        String row = row("Splunk");
        Matcher search = Pattern.compile("`(\\w+)=([0-9a-f]+)`").matcher(row);
        assertThat(search.find()).isTrue();
        assertThat(entry.at("/event/" + search.group(1)).asText()).isEqualTo(search.group(2));
        assertThat(entry.get("sourcetype").asText()).isEqualTo("_json");
        for (String field : List.of("status", "method", "durationMs")) {
            assertThat(row).contains("`" + field + "`");
            assertThat(entry.at("/event/" + field).isMissingNode()).as(field).isFalse();
        }
    }

    /** {@code json "traceId"} finds the record's key; logGroup, logStream and account are in X-Sumo-Fields. */
    @Test
    void sumoLogicRow() {
        FakeVendor.Request request = delivered(Vendor.SUMOLOGIC);
        JsonNode record = request.entries().get(0);
        String row = row("Sumo Logic");
        Matcher search = Pattern.compile("json \"(\\w+)\" \\\\\\| where \\1 = \"([0-9a-f]+)\"").matcher(row);
        assertThat(search.find()).as(row).isTrue();
        assertThat(record.get(search.group(1)).asText()).isEqualTo(search.group(2));
        for (String field : List.of("status", "method", "durationMs")) {
            assertThat(record.has(field)).as(field).isTrue();
        }
        for (String key : List.of("logGroup", "logStream", "account")) {
            assertThat(row).contains("`" + key + "`");
            assertThat(request.header("X-Sumo-Fields")).contains(key + "=");
        }
    }

    private static FakeVendor.Request delivered(Vendor vendor) {
        try (ForwarderFixture fixture = ForwarderFixture.start(vendor)) {
            ForwarderFixture.invoke(fixture.handler(), SubscriptionEvents.builder()
                    .lines(ContractLines.REQUEST_SERVED_FHIR_SEARCH).invocation());
            assertThat(fixture.vendor.accepted()).hasSize(1);
            return fixture.vendor.accepted().get(0);
        }
    }

    /** The text of the page's end-to-end table row for {@code vendor}. */
    private static String row(String vendor) {
        try {
            String page = Files.readString(PAGE, StandardCharsets.UTF_8);
            String section = page.substring(page.indexOf("== Check it end to end"));
            Matcher row = Pattern.compile("(?m)^\\| " + Pattern.quote(vendor) + " \\| (.+)$").matcher(section);
            assertThat(row.find()).as("vendors.adoc's end-to-end row for %s", vendor).isTrue();
            return row.group(1);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<String> backticked(String text, String shape) {
        List<String> found = new ArrayList<>();
        Matcher code = Pattern.compile("`(" + shape + ")`").matcher(text);
        while (code.find()) {
            found.add(code.group(1));
        }
        return found;
    }
}
