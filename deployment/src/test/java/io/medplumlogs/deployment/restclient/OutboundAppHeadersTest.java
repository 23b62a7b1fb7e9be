package io.medplumlogs.deployment.restclient;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.medplumlogs.deployment.support.TestApp;
import io.quarkus.maven.dependency.Dependency;
import io.quarkus.test.QuarkusUnitTest;
import io.restassured.specification.RequestSpecification;

/**
 * Headers the application set on the call itself are left alone, whatever case it wrote their names in: none is
 * replaced or sent twice, and the caller's {@code tracestate} does not join a {@code traceparent} of the
 * application's (it belongs to the caller's).
 */
class OutboundAppHeadersTest {

    private static final String TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736";
    private static final String INCOMING = "00-" + TRACE_ID + "-00f067aa0ba902b7-01";
    private static final String APPS = "00-aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa-bbbbbbbbbbbbbbbb-00";

    @RegisterExtension
    static final QuarkusUnitTest APP = TestApp.plain(AppHeadersResource.class, AppHeadersClient.class, FactoryHeadersClient.class,
            FactoryHeadersClient.Factory.class)
            .setForcedDependencies(List.of(Dependency.of("io.quarkus", "quarkus-rest-client-deployment",
                    TestApp.quarkusVersion())));

    private static RequestSpecification incoming() {
        return given().header("traceparent", INCOMING).header("tracestate", "foo=1");
    }

    @Test
    void theAppsTraceparentStandsAloneWithoutTheCallersTracestate() {
        String received = incoming().queryParam("set", "traceparent").queryParam("value", APPS)
                .get("/outbound-with").asString();

        assertThat(received).isEqualTo("traceparent=[" + APPS + "] tracestate=[] X-Trace-Id=[" + TRACE_ID + "]");
    }

    @Test
    void theAppsTracestateIsNotReplaced() {
        String received = incoming().queryParam("set", "tracestate").queryParam("value", "app=7")
                .get("/outbound-with").asString();

        assertThat(received).matches("traceparent=\\[00-" + TRACE_ID + "-[0-9a-f]{16}-01\\] tracestate=\\[app=7\\] "
                + "X-Trace-Id=\\[" + TRACE_ID + "\\]");
    }

    @Test
    void theAppsXTraceIdIsNotReplaced() {
        String received = incoming().queryParam("set", "x-trace-id").queryParam("value", "job-42")
                .get("/outbound-with").asString();

        assertThat(received).matches("traceparent=\\[00-" + TRACE_ID + "-[0-9a-f]{16}-01\\] tracestate=\\[foo=1\\] "
                + "X-Trace-Id=\\[job-42\\]");
    }

    // the MicroProfile ways of setting a header: a ClientHeadersFactory, @ClientHeaderParam
    @Test
    void headersFromAFactoryOrAnAnnotationAreTheAppsToo() {
        String factory = incoming().queryParam("set", "factory").get("/outbound-with").asString();
        String annotation = incoming().queryParam("set", "annotation").get("/outbound-with").asString();

        assertThat(factory).isEqualTo("traceparent=[" + APPS + "] tracestate=[] X-Trace-Id=[" + TRACE_ID + "]");
        // (the factory is the interface's, so it sets traceparent here too)
        assertThat(annotation).isEqualTo("traceparent=[" + APPS + "] tracestate=[] X-Trace-Id=[annotated-7]");
    }
}
