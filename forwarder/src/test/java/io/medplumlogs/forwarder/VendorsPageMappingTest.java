package io.medplumlogs.forwarder;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.medplumlogs.contract.ForwarderContract;
import io.medplumlogs.contract.Vendor;
import io.medplumlogs.forwarder.testing.ContractLines;
import io.medplumlogs.forwarder.testing.FakeVendor;
import io.medplumlogs.forwarder.testing.ForwarderFixture;
import io.medplumlogs.forwarder.testing.SubscriptionEvents;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * vendors.adoc, "A service, source and tags per log group": each vendor's example mapping, read from the page itself,
 * gives {@code /ecs/api}'s entries what the page says the vendor shows, and an unmapped group the defaults it names.
 */
class VendorsPageMappingTest {

    private static final Path PAGE = Path.of("..", "docs", "modules", "ROOT", "pages", "vendors.adoc");

    @Test
    void datadogExample() {
        try (ForwarderFixture fixture = ForwarderFixture.start(Vendor.DATADOG)) {
            fixture.environment().put(ForwarderContract.ENV_LOG_GROUP_MAPPING, example("Datadog"));
            JsonNode mapped = forward(fixture, "/ecs/api").entries().get(0);
            assertThat(mapped.get("service").asText()).isEqualTo("fhir-api");
            assertThat(mapped.get("ddsource").asText()).isEqualTo("java");
            assertThat(mapped.get("ddtags").asText().split(",")).contains("env:prod", "team:core");
            assertThat(forward(fixture, "/aws/lambda/echo").entries().get(0).get("ddsource").asText())
                    .isEqualTo("lambda");
            JsonNode other = forward(fixture, "/ecs/worker").entries().get(0);
            assertThat(other.get("service").asText()).isEqualTo("/ecs/worker");
            assertThat(other.get("ddsource").asText()).isEqualTo("medplum-logs");
        }
    }

    @Test
    void splunkExample() {
        try (ForwarderFixture fixture = ForwarderFixture.start(Vendor.SPLUNK)) {
            fixture.environment().put(ForwarderContract.ENV_LOG_GROUP_MAPPING, example("Splunk"));
            fixture.environment().put("MEDPLUM_LOGS_SPLUNK_SOURCETYPE", "medplum:json");
            JsonNode mapped = forward(fixture, "/ecs/api").entries().get(0);
            assertThat(mapped.get("source").asText()).isEqualTo("java");
            assertThat(mapped.at("/fields/service").asText()).isEqualTo("fhir-api");
            assertThat(mapped.at("/fields/env").asText()).isEqualTo("prod");
            // "The sourcetype stays -Dmedplum-logs.splunk.sourcetype"
            assertThat(mapped.get("sourcetype").asText()).isEqualTo("medplum:json");
            assertThat(forward(fixture, "/ecs/worker").entries().get(0).get("source").asText())
                    .isEqualTo("/ecs/worker");
        }
    }

    @Test
    void sumoLogicExample() {
        try (ForwarderFixture fixture = ForwarderFixture.start(Vendor.SUMOLOGIC)) {
            fixture.environment().put(ForwarderContract.ENV_LOG_GROUP_MAPPING, example("Sumo Logic"));
            fixture.environment().put("MEDPLUM_LOGS_SUMOLOGIC_CATEGORY", "prod/medplum");
            FakeVendor.Request mapped = forward(fixture, "/ecs/api");
            assertThat(mapped.header("X-Sumo-Category")).isEqualTo("prod/fhir/api");
            assertThat(mapped.header("X-Sumo-Fields")).endsWith(",service=fhir-api,env=prod,team=core");
            assertThat(forward(fixture, "/ecs/worker").header("X-Sumo-Category")).isEqualTo("prod/medplum");
        }
    }

    /** The mapping of the page's paragraph that starts with {@code <vendor>::}. */
    private static String example(String vendor) {
        try {
            String page = Files.readString(PAGE, StandardCharsets.UTF_8);
            Matcher example = Pattern.compile("(?m)^" + Pattern.quote(vendor)
                    + ":: `-Dmedplum-logs\\.logGroupMapping='([^']+)'`").matcher(page);
            assertThat(example.find()).as("vendors.adoc has a %s example", vendor).isTrue();
            return example.group(1);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static FakeVendor.Request forward(ForwarderFixture fixture, String logGroup) {
        int before = fixture.vendor.requests().size();
        ForwarderFixture.invoke(fixture.handler(), SubscriptionEvents.builder().logGroup(logGroup)
                .lines(ContractLines.REQUEST_SERVED).invocation());
        return fixture.vendor.requests().get(before);
    }
}
