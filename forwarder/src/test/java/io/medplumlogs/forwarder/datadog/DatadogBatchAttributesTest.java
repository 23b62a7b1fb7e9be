package io.medplumlogs.forwarder.datadog;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.medplumlogs.contract.ForwarderContract;
import io.medplumlogs.contract.Vendor;
import io.medplumlogs.forwarder.ForwarderHandler;
import io.medplumlogs.forwarder.testing.AbstractMotoTest;
import io.medplumlogs.forwarder.testing.ForwarderFixture;
import io.medplumlogs.forwarder.testing.OnFailureRecords;
import io.medplumlogs.forwarder.testing.SubscriptionEvents;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code ddsource}, {@code service}, {@code ddtags} and {@code aws.awslogs} are worked out once per batch: every
 * entry still carries its own batch's values, whichever batch came before it, written as Datadog's JSON expects them.
 */
class DatadogBatchAttributesTest extends AbstractMotoTest {

    private static final String MAPPING = "/ecs/api=service:fhir-api,source:java,tags:team:core";

    @Test
    void eachBatchCarriesItsOwnLogGroupStreamAndMappedAttributes() {
        ForwarderHandler handler = handler();
        ForwarderFixture.invoke(handler, batch("/ecs/api", "stream-a", "a1", "a2"));
        ForwarderFixture.invoke(handler, batch("/ecs/worker", "stream-b", "b1"));
        ForwarderFixture.invoke(handler, batch("/ecs/api", "stream-c", "c1"));

        List<JsonNode> entries = fixture.vendor.acceptedEntries();
        assertThat(entries).extracting(e -> e.get("message").asText() + " " + e.at("/aws/awslogs/logGroup").asText()
                + " " + e.at("/aws/awslogs/logStream").asText() + " " + e.get("service").asText() + " "
                + e.get("ddsource").asText() + " " + e.path("ddtags").asText("-"))
                .containsExactly("a1 /ecs/api stream-a fhir-api java env:test,team:core",
                        "a2 /ecs/api stream-a fhir-api java env:test,team:core",
                        "b1 /ecs/worker stream-b /ecs/worker medplum-logs env:test",
                        "c1 /ecs/api stream-c fhir-api java env:test,team:core");
    }

    /** A redrive recovers several invocations one after the other, each from its own log group. */
    @Test
    void aRedriveOfInvocationsFromTwoLogGroupsKeepsEachGroupsAttributes() {
        ForwarderHandler handler = handler();
        fixture.onFailure.add(OnFailureRecords.retriesExhausted(SubscriptionEvents.builder().logGroup("/ecs/api")
                .logStream("s-1").owner("111111111111").lines("from api").invocationJson()));
        fixture.onFailure.add(OnFailureRecords.retriesExhausted(SubscriptionEvents.builder().logGroup("/ecs/worker")
                .logStream("s-2").owner("222222222222").lines("from worker").invocationJson()));

        String out = ForwarderFixture.invoke(handler, ForwarderContract.REDRIVE_EVENT);

        assertThat(out).contains("\"invocationsRecovered\":2");
        assertThat(fixture.vendor.acceptedEntries()).extracting(e -> e.get("message").asText() + " "
                + e.at("/aws/awslogs").toString() + " " + e.get("service").asText())
                .containsExactlyInAnyOrder(
                        "from api {\"logGroup\":\"/ecs/api\",\"logStream\":\"s-1\",\"owner\":\"111111111111\"} fhir-api",
                        "from worker {\"logGroup\":\"/ecs/worker\",\"logStream\":\"s-2\",\"owner\":\"222222222222\"}"
                                + " /ecs/worker");
    }

    /** Log stream names may hold almost anything (not {@code :} or {@code *}): quotes, backslashes, control, non-ASCII. */
    @Test
    void oddCharactersInNamesAreEscapedOnceAndNonAsciiIsSentAsUtf8() {
        String stream = "2026/12/04/[$LATEST]\"quoted\" back\\slash\ttab Zoë 患者 🩺";
        ForwarderHandler handler = handler();
        ForwarderFixture.invoke(handler, batch("/ecs/worker", stream, "x", "{\"level\":\"INFO\",\"msg\":\"y\"}"));

        List<JsonNode> entries = fixture.vendor.acceptedEntries();
        assertThat(entries).extracting(e -> e.at("/aws/awslogs/logStream").asText()).containsExactly(stream, stream);
        String body = fixture.vendor.requests().get(0).body();
        assertThat(body).contains("\"aws\":{\"awslogs\":{\"logGroup\":\"/ecs/worker\",\"logStream\":"
                + "\"2026/12/04/[$LATEST]\\\"quoted\\\" back\\\\slash\\ttab Zoë 患者 🩺\",\"owner\":\"123456789012\"}}}");
        assertThat(fixture.vendor.requests().get(0).body().getBytes(StandardCharsets.UTF_8))
                .containsSequence("Zoë 患者 🩺".getBytes(StandardCharsets.UTF_8));
    }

    /** Half a surrogate pair in a name (not valid Unicode) arrives as {@code ?}, as in a message. */
    @Test
    void aLoneSurrogateInAStreamNameArrivesAsQuestionMark() {
        ForwarderHandler handler = handler();
        ForwarderFixture.invoke(handler, batch("/ecs/worker", "half \ud800 pair", "x"));

        assertThat(fixture.vendor.acceptedEntries().get(0).at("/aws/awslogs/logStream").asText())
                .isEqualTo("half ? pair");
    }

    /**
     * A line's own {@code aws} (not an object) or {@code service} field is replaced where it stands, and kept as
     * {@code mdc.aws} / {@code mdc.service}; the entry stays one object.
     */
    @Test
    void aLinesOwnFieldsOfTheSameNamesAreReplacedInPlaceAndKeptAsMdc() {
        ForwarderHandler handler = handler();
        String time = Instant.ofEpochMilli(SubscriptionEvents.FIRST_TIMESTAMP + 678).toString(); // recent: not re-stamped
        ForwarderFixture.invoke(handler, batch("/ecs/worker", "s", "{\"aws\":\"mine\",\"level\":\"INFO\","
                + "\"service\":{\"name\":\"app\"},\"msg\":\"m\",\"timestamp\":\"" + time + "\"}"));

        assertThat(fixture.vendor.requests().get(0).body()).isEqualTo("[{\"aws\":{\"awslogs\":{\"logGroup\":"
                + "\"/ecs/worker\",\"logStream\":\"s\",\"owner\":\"123456789012\"}},\"level\":\"INFO\","
                + "\"service\":\"/ecs/worker\",\"timestamp\":\"" + time + "\",\"message\":\"m\","
                + "\"status\":\"info\",\"ddsource\":\"medplum-logs\",\"mdc.service\":{\"name\":\"app\"},"
                + "\"ddtags\":\"env:test\",\"mdc.aws\":\"mine\"}]");
    }

    private ForwarderHandler handler() {
        startFixture(Vendor.DATADOG);
        fixture.environment().put(ForwarderContract.ENV_LOG_GROUP_MAPPING, MAPPING);
        fixture.environment().put(DatadogIntake.TAGS, "env:test");
        return fixture.handler();
    }

    private static byte[] batch(String logGroup, String logStream, String... lines) {
        return SubscriptionEvents.builder().logGroup(logGroup).logStream(logStream).lines(lines).invocation();
    }
}
