package io.medplumlogs.forwarder;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.medplumlogs.contract.ForwarderContract;
import io.medplumlogs.contract.Vendor;
import io.medplumlogs.forwarder.testing.ContractLines;
import io.medplumlogs.forwarder.testing.FakeVendor;
import io.medplumlogs.forwarder.testing.ForwarderFixture;
import io.medplumlogs.forwarder.testing.SubscriptionEvents;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import java.util.List;

/**
 * Log group and stream names are the vendor's metadata (Datadog's {@code service} and {@code aws.awslogs}, HEC's
 * {@code source} and indexed fields, Sumo Logic's headers). CloudWatch allows only {@code [.\-_/#A-Za-z0-9]} in a log
 * group name, up to 512 characters, but a stream name may hold almost anything, and a redriven or forged payload names
 * what it likes: quotes, commas, colons, equals signs, non-ASCII, line breaks. Each must reach the vendor as the value
 * it is (JSON-escaped), or, in a header, made printable ASCII without splitting {@code X-Sumo-Fields}; and a mapped
 * prefix still matches a 512-character name.
 */
class HostileLogGroupNameTest {

    static List<String> names() {
        return List.of("/ecs/\"api\",service:x=y;z", "/ecs/ünïcødé/患者/🩺", "/ecs/line\r\nX-Injected: 1",
                "/ecs/" + "a".repeat(507), "/ecs/back\\slash\t#tab");
    }

    private static final String MAPPING = "/ecs/*=source:mapped,tags:env:prod";

    private static FakeVendor.Request forward(ForwarderFixture fixture, String name) {
        fixture.environment().put(ForwarderContract.ENV_LOG_GROUP_MAPPING, MAPPING);
        ForwarderFixture.invoke(fixture.handler(), SubscriptionEvents.builder().logGroup(name).logStream(name)
                .lines(ContractLines.REQUEST_SERVED, "plain").invocation());
        assertThat(fixture.vendor.requests()).hasSize(1);
        FakeVendor.Request request = fixture.vendor.requests().get(0);
        assertThat(request.status() / 100).as("the vendor took it").isEqualTo(2);
        assertThat(fixture.sqs.everSent()).isEmpty();
        return request;
    }

    @ParameterizedTest
    @MethodSource("names")
    void datadogGetsTheNameAsItIs(String name) {
        try (ForwarderFixture fixture = ForwarderFixture.start(Vendor.DATADOG)) {
            FakeVendor.Request request = forward(fixture, name);
            assertThat(request.entries()).hasSize(2).allSatisfy(entry -> {
                assertThat(entry.get("service").asText()).isEqualTo(name);
                assertThat(entry.at("/aws/awslogs/logGroup").asText()).isEqualTo(name);
                assertThat(entry.at("/aws/awslogs/logStream").asText()).isEqualTo(name);
                assertThat(entry.get("ddsource").asText()).isEqualTo("mapped");
                assertThat(entry.get("ddtags").asText()).isEqualTo("env:prod");
            });
        }
    }

    @ParameterizedTest
    @MethodSource("names")
    void splunkGetsTheNameAsItIs(String name) {
        try (ForwarderFixture fixture = ForwarderFixture.start(Vendor.SPLUNK)) {
            FakeVendor.Request request = forward(fixture, name);
            assertThat(request.body().split("\n")).hasSize(2);
            assertThat(request.entries()).hasSize(2).allSatisfy(entry -> {
                assertThat(entry.get("source").asText()).isEqualTo("mapped");
                assertThat(entry.get("host").asText()).isEqualTo(name);
                assertThat(entry.at("/fields/logGroup").asText()).isEqualTo(name);
                assertThat(entry.at("/fields/logStream").asText()).isEqualTo(name);
                assertThat(entry.at("/fields/env").asText()).isEqualTo("prod");
            });
        }
    }

    @ParameterizedTest
    @MethodSource("names")
    void sumoGetsPrintableHeadersThatKeepEachField(String name) {
        try (ForwarderFixture fixture = ForwarderFixture.start(Vendor.SUMOLOGIC)) {
            FakeVendor.Request request = forward(fixture, name);
            // each UTF-16 unit outside printable ASCII becomes one '_' (an emoji, two halves, two)
            String perChar = name.chars().mapToObj(c -> c >= 0x20 && c < 0x7f ? Character.toString(c) : "_")
                    .reduce("", String::concat);
            assertThat(request.header("X-Sumo-Name")).isEqualTo(perChar);
            assertThat(request.header("X-Sumo-Host")).isEqualTo(perChar);
            assertThat(request.header("X-Injected")).isNull();
            String fieldValue = perChar.replace(',', '_').replace('=', '_');
            assertThat(request.header("X-Sumo-Fields")).isEqualTo("logGroup=" + fieldValue + ",logStream="
                    + fieldValue + ",account=123456789012,env=prod");
            assertThat(request.header("X-Sumo-Category")).isEqualTo("mapped");
            JsonNode plain = request.entries().get(1);
            assertThat(plain.get("message").asText()).isEqualTo("plain");
        }
    }
}
