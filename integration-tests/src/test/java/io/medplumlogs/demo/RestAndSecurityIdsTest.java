package io.medplumlogs.demo;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.medplumlogs.demo.support.Served;
import io.medplumlogs.testsupport.ConsoleLines;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

/** The plain REST side of the demo: thread hops, an unhandled failure, Basic auth. */
@QuarkusTest
class RestAndSecurityIdsTest {

    @Test
    void workerTimerAndExecutorLinesCarryTheRequestsIds() {
        try (ConsoleLines console = ConsoleLines.captureOtherThreads()) {
            Response response = given().get("/demo/hops?tag=single-hop").andReturn();

            assertThat(response.statusCode()).isEqualTo(200);
            List<JsonNode> lines = console.json(m -> m.endsWith(" single-hop"));
            assertThat(lines).extracting(l -> l.get("msg").asText()).containsExactlyInAnyOrder(
                    "on worker single-hop", "after delay single-hop", "after executor switch single-hop");
            assertCarry(response, console);
        }
    }

    @Test
    void unhandledFailureIsA500WhoseErrorLineCarriesTheIds() {
        try (ConsoleLines console = ConsoleLines.captureOtherThreads()) {
            Response response = given().get("/demo/boom").andReturn();

            assertThat(response.statusCode()).isEqualTo(500);
            assertCarry(response, console);
            List<JsonNode> lines = console.json();
            assertThat(lines).anySatisfy(l -> {
                assertThat(l.path("level").asText()).isEqualTo("ERROR");
                assertThat(l.path("error").asText()).isEqualTo("java.lang.IllegalStateException: demo failure on purpose");
                assertThat(l.path("stack").asText()).contains("at io.medplumlogs.demo.rest.HopsResource.boom");
            });
        }
    }

    @Test
    void goodBasicLoginReachesTheEndpointWithTheRequestsIds() {
        try (ConsoleLines console = ConsoleLines.captureOtherThreads()) {
            Response response = given().auth().preemptive().basic("alice", "Wonderland-Zebu-42")
                    .get("/secure/whoami").andReturn();

            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.body().asString()).isEqualTo("alice");
            assertThat(console.json(m -> m.equals("secure endpoint called"))).hasSize(1);
            assertCarry(response, console);
        }
    }

    @Test
    void badBasicLoginIs401WithIds() {
        assertRefusedWithIds("alice", "not-her-password", 401);
    }

    @Test
    void wrongRoleIs403WithIds() {
        assertRefusedWithIds("bob", "Builder-Yak-17", 403);
    }

    /** A refused Basic login: the response has {@code status} and both IDs, and every line carries them. */
    private static void assertRefusedWithIds(String user, String password, int status) {
        Response response;
        try (ConsoleLines console = ConsoleLines.captureOtherThreads()) {
            response = given().auth().preemptive().basic(user, password).get("/secure/whoami").andReturn();
            assertCarry(response, console);
        }

        assertThat(response.statusCode()).isEqualTo(status);
        assertThat(response.header("X-Request-Id")).matches(Served.UUID);
        assertThat(response.header("X-Trace-Id")).matches(Served.HEX32);
    }

    /** Every line written while serving (none from the test thread) carries the response's IDs. */
    static void assertCarry(Response response, ConsoleLines console) {
        console.awaitRequestServed(response.header("X-Request-Id"));
        List<JsonNode> lines = console.json();
        String requestId = response.header("X-Request-Id");
        String traceId = response.header("X-Trace-Id");
        assertThat(requestId).matches(Served.UUID);
        assertThat(traceId).matches(Served.HEX32);
        assertThat(lines).isNotEmpty().allSatisfy(line -> {
            assertThat(line.path("requestId").asText()).as(line.toString()).isEqualTo(requestId);
            assertThat(line.path("traceId").asText()).as(line.toString()).isEqualTo(traceId);
        });
    }
}
