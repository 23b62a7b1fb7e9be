package io.medplumlogs.deployment.restclient;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.medplumlogs.deployment.support.TestApp;
import io.quarkus.maven.dependency.Dependency;
import io.quarkus.test.QuarkusUnitTest;

/**
 * Outbound calls carry the current request's trace (log-contract.adoc, Outbound calls), and a value is never sent on
 * unless it passed the trace rules. A job of the application's own, outside any request, whose MDC holds a
 * {@code traceId} of its own (taken from a queue message, say) has no request's trace to carry: its value must not go
 * out as {@code X-Trace-Id} or {@code traceparent}.
 */
class OutboundOutsideARequestTest {

    @RegisterExtension
    static final QuarkusUnitTest APP = TestApp.plain(EchoResource.class, EchoClient.class, BackgroundJobResource.class)
            .setForcedDependencies(List.of(Dependency.of("io.quarkus", "quarkus-rest-client-deployment",
                    TestApp.quarkusVersion())));

    @Test
    void anAppsOwnMdcTraceIdOutsideARequestIsNotSentOn() {
        String injected = "from-a-queue message;$(whatever) <x>";
        String echoed = given().queryParam("traceId", injected).get("/job").asString();
        assertThat(echoed).doesNotContain("from-a-queue").isEqualTo("null null ");

        String hex = "0af7651916cd43dd8448eb211c80319c";
        echoed = given().queryParam("traceId", hex).get("/job").asString();
        assertThat(echoed).doesNotContain(hex).isEqualTo("null null ");
    }
}
