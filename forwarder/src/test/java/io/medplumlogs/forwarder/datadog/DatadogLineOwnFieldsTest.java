package io.medplumlogs.forwarder.datadog;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.medplumlogs.contract.Vendor;
import io.medplumlogs.forwarder.testing.ForwarderFixture;
import io.medplumlogs.forwarder.testing.SubscriptionEvents;
import org.junit.jupiter.api.Test;

/**
 * What the forwarder adds for Datadog never costs the line a field: dd-trace's log injection writes its own {@code dd}
 * object (service, env, version, IDs), an application may log an {@code aws} object, a {@code trace_id} or a
 * {@code service} of its own. Objects get only the members they lack; standard attributes are only added where the
 * line has none; what Datadog reserves is the forwarder's, and the line's own value is kept as {@code mdc.<name>}.
 */
class DatadogLineOwnFieldsTest {

    static final String TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736";

    @Test
    void aLinesOwnDdObjectAndTraceIdsAreKeptAndOnlyMissingMembersAdded() {
        String line = "{\"level\":\"INFO\",\"msg\":\"Request served\",\"traceId\":\"" + TRACE_ID + "\","
                + "\"spanId\":\"00f067aa0ba902b7\",\"trace_id\":\"otel-own-id\","
                + "\"dd\":{\"service\":\"fhir-api\",\"env\":\"prod\",\"version\":\"1.2.3\",\"span_id\":\"42\"}}";
        JsonNode entry = sent(line);

        assertThat(entry.get("dd").toString()).isEqualTo("{\"service\":\"fhir-api\",\"env\":\"prod\","
                + "\"version\":\"1.2.3\",\"span_id\":\"42\",\"trace_id\":\"" + DatadogTraceIds.decimalTraceId(TRACE_ID)
                .orElseThrow() + "\"}");
        assertThat(entry.get("trace_id").asText()).isEqualTo("otel-own-id");
        assertThat(entry.get("span_id").asText()).isEqualTo("00f067aa0ba902b7");
    }

    /** A {@code dd} or {@code aws} that is not an object cannot hold the forwarder's members: it is kept beside. */
    @Test
    void aLinesOwnDdOrAwsThatIsNotAnObjectIsKeptAsMdc() {
        JsonNode entry = sent("{\"level\":\"INFO\",\"msg\":\"m\",\"traceId\":\"" + TRACE_ID + "\",\"dd\":\"own\","
                + "\"aws\":\"eu-west-1\"}");

        assertThat(entry.get("mdc.dd").asText()).isEqualTo("own");
        assertThat(entry.at("/dd/trace_id").asText()).isEqualTo(DatadogTraceIds.decimalTraceId(TRACE_ID).orElseThrow());
        assertThat(entry.get("mdc.aws").asText()).isEqualTo("eu-west-1");
        assertThat(entry.at("/aws/awslogs/logGroup").asText()).isEqualTo("/ecs/medplum-fhir");
    }

    /**
     * The attributes Datadog reserves (its status, service, ddsource, ddtags) are the forwarder's; a line's own value
     * of those names is kept beside them.
     */
    @Test
    void aLinesOwnReservedAttributesAreKeptAsMdc() {
        JsonNode entry = sent("{\"level\":\"WARN\",\"msg\":\"m\",\"status\":\"suspended\",\"service\":\"billing\","
                + "\"ddsource\":\"java\",\"ddtags\":\"team:a\",\"http\":\"1.1\"}");

        assertThat(entry.get("status").asText()).isEqualTo("warn");
        assertThat(entry.get("mdc.status").asText()).isEqualTo("suspended");
        assertThat(entry.get("mdc.service").asText()).isEqualTo("billing");
        assertThat(entry.get("mdc.ddsource").asText()).isEqualTo("java");
        // no MEDPLUM_LOGS_DATADOG_TAGS here: the forwarder sets no ddtags, the line's own stays
        assertThat(entry.get("ddtags").asText()).isEqualTo("team:a");
        assertThat(entry.get("http").asText()).isEqualTo("1.1");
    }

    @Test
    void aLinesOwnAwsObjectKeepsItsFieldsNextToAwsAwslogs() {
        JsonNode entry = sent("{\"level\":\"INFO\",\"msg\":\"s3 put\",\"aws\":{\"region\":\"eu-west-1\","
                + "\"bucket\":\"fhir-binary\",\"awslogs\":{\"logGroup\":\"own\"}}}");

        assertThat(entry.at("/aws/region").asText()).isEqualTo("eu-west-1");
        assertThat(entry.at("/aws/bucket").asText()).isEqualTo("fhir-binary");
        assertThat(entry.at("/aws/awslogs/logGroup").asText()).isEqualTo("own");
        assertThat(entry.at("/aws/awslogs/logStream").asText()).isNotEmpty();
        assertThat(entry.at("/aws/awslogs/owner").asText()).isNotEmpty();
    }

    @Test
    void aLinesOwnAwsObjectWithoutAwslogsGetsIt() {
        JsonNode entry = sent("{\"level\":\"INFO\",\"msg\":\"s3 put\",\"aws\":{\"region\":\"eu-west-1\"}}");

        assertThat(entry.at("/aws/region").asText()).isEqualTo("eu-west-1");
        assertThat(entry.at("/aws/awslogs/logGroup").asText()).isEqualTo("/ecs/medplum-fhir");
    }

    private static JsonNode sent(String line) {
        try (ForwarderFixture fixture = ForwarderFixture.start(Vendor.DATADOG)) {
            ForwarderFixture.invoke(fixture.handler(), SubscriptionEvents.builder().lines(line).invocation());
            return fixture.vendor.acceptedEntries().get(0);
        }
    }
}
