package io.medplumlogs.forwarder.firehose;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.medplumlogs.contract.ForwarderContract;
import io.medplumlogs.contract.Vendor;
import io.medplumlogs.forwarder.ForwarderHandler;
import io.medplumlogs.forwarder.testing.ContractLines;
import io.medplumlogs.forwarder.testing.FakeVendor;
import io.medplumlogs.forwarder.testing.ForwarderFixture;
import io.medplumlogs.forwarder.testing.ForwarderOutput;
import io.medplumlogs.forwarder.testing.SubscriptionEvents;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * transports.adoc: "the transformation sends the same entries the forwarder sends", "the same lines at the vendor
 * whichever transport carries them". One batch (contract lines, a plain line, a mapped group) through the Lambda path
 * to the fake vendor and through the transformation, read back as each destination reads it: the same entries, in
 * order. Sumo Logic's are the same but for the keys the Firehose record carries in place of the X-Sumo-Fields header,
 * which must hold the same values.
 */
class TransportParityTest {

    private static final String MAPPING = "/ecs/api=service:fhir-api,source:java,tags:env:prod+team:core";

    @RegisterExtension
    final ForwarderOutput output = new ForwarderOutput();

    private static SubscriptionEvents batch() {
        return SubscriptionEvents.builder().logGroup("/ecs/api").logStream("ecs/api/0f1e").lines(
                ContractLines.REQUEST_SERVED, "plain text line", ContractLines.REQUEST_SERVED_FHIR_SEARCH,
                "{\"msg\":\"Login failed\",\"level\":\"WARN\",\"user\":\"m\u00fcller\"}");
    }

    @ParameterizedTest
    @EnumSource(Vendor.class)
    void theTransformationSendsTheEntriesTheForwarderSends(Vendor vendor) {
        List<JsonNode> lambda;
        String sumoFields;
        try (ForwarderFixture fixture = ForwarderFixture.start(vendor)) {
            fixture.environment().put(ForwarderContract.ENV_LOG_GROUP_MAPPING, MAPPING);
            ForwarderHandler handler = fixture.handler();
            ForwarderFixture.invoke(handler, batch().invocation());
            List<FakeVendor.Request> requests = fixture.vendor.requests();
            assertThat(requests).hasSize(1);
            lambda = requests.get(0).entries();
            sumoFields = requests.get(0).header("X-Sumo-Fields");
        }

        Map<String, String> env = new HashMap<>();
        env.put(ForwarderContract.ENV_VENDOR, vendor.id());
        env.put(ForwarderContract.ENV_LOG_GROUP_MAPPING, MAPPING);
        JsonNode answer = FirehoseEvents.invoke(new FirehoseTransformHandler(env),
                new FirehoseEvents().record("r", batch()).bytes()).get(0);
        assertThat(answer.get("result").asText()).isEqualTo("Ok");
        List<JsonNode> firehose = entries(vendor, FirehoseEvents.data(answer));

        if (vendor == Vendor.SUMOLOGIC) {
            // the header's fields are keys of each Firehose line (where the line has none of that name)
            for (String field : sumoFields.split(",")) {
                String key = field.substring(0, field.indexOf('='));
                for (int i = 0; i < firehose.size(); i++) {
                    JsonNode line = firehose.get(i);
                    if (!lambda.get(i).has(key)) {
                        assertThat(line.get(key).asText()).as(key).isEqualTo(field.substring(key.length() + 1));
                        ((ObjectNode) line).remove(key);
                    }
                }
            }
        }
        // a line older than the vendor keeps is re-stamped with the time it is sent (originalTimestamp keeps its own),
        // which is a moment later on the second path: FirehoseAgeLimitTest holds that one
        for (List<JsonNode> entries : List.of(lambda, firehose)) {
            entries.stream().filter(e -> e.has("originalTimestamp")).forEach(e -> ((ObjectNode) e).remove("timestamp"));
        }
        assertThat(firehose).isEqualTo(lambda);
    }

    private static List<JsonNode> entries(Vendor vendor, byte[] data) {
        return switch (vendor) {
            case DATADOG -> {
                List<JsonNode> entries = new ArrayList<>();
                FirehoseEvents.gunzipJson(data).get("logEvents")
                        .forEach(e -> entries.add(FirehoseWireFormatTest.parse(e.get("message").asText())));
                yield entries;
            }
            case SPLUNK -> FirehoseEvents.jsonObjects(new String(data, StandardCharsets.UTF_8));
            case SUMOLOGIC -> {
                List<JsonNode> lines = new ArrayList<>();
                for (String line : new String(data, StandardCharsets.UTF_8).split("\n")) {
                    lines.add(FirehoseWireFormatTest.parse(line));
                }
                yield lines;
            }
        };
    }
}
