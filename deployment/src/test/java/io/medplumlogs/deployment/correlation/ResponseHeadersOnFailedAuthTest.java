package io.medplumlogs.deployment.correlation;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.medplumlogs.deployment.support.Ids;
import io.medplumlogs.deployment.support.SecuredResource;
import io.medplumlogs.deployment.support.TestApp;
import io.quarkus.test.QuarkusUnitTest;
import io.restassured.response.Response;

class ResponseHeadersOnFailedAuthTest {

    @RegisterExtension
    static final QuarkusUnitTest APP = TestApp.withBasicAuth(TestApp.plain(SecuredResource.class), "wonderland");

    @Test
    void failedAuthenticationStillGetsIds() {
        Response response = given().auth().preemptive().basic("alice", "wrong")
                .header("X-Trace-Id", "auth-401").get("/secured").andReturn();

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.header("X-Request-Id")).matches(Ids.UUID);
        assertThat(response.header("X-Trace-Id")).isEqualTo("auth-401");
    }

    @Test
    void missingCredentialsStillGetIds() {
        Response response = given().get("/secured").andReturn();

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.header("X-Request-Id")).matches(Ids.UUID);
    }
}
