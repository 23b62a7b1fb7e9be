package io.medplumlogs.deployment.audit;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;

import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import com.fasterxml.jackson.databind.JsonNode;

import io.medplumlogs.deployment.support.TestApp;
import io.medplumlogs.testsupport.ConsoleLines;
import io.medplumlogs.testsupport.RawHttp;
import io.quarkus.test.QuarkusUnitTest;

/**
 * log-contract.adoc, Security: a request target in absolute form may carry user info, and a password written with
 * '/' or '?' unencoded ends RFC 3986's authority early: Vert.x then serves {@code /etPW@localhost/boom}, and
 * Quarkus' error handler quotes the whole target. No line may hold any part of the password.
 */
class AbsoluteTargetWithPasswordTest {

    @RegisterExtension
    static final QuarkusUnitTest APP = TestApp.withJson(RawHttp.class, Boom.class);

    @Path("/")
    public static class Boom {
        @GET
        @Path("{any: .*}")
        public String boom() {
            throw new IllegalStateException("boom");
        }
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = { "http://alice:s3cr/etPW@localhost/boom?x=1|/boom?x=***",
            "http://alice:s3cr?etPW@localhost/boom|/boom", "http://alice:s3cret@localhost/boom?x=1|/boom?x=***" })
    void noPartOfThePasswordIsWritten(String target, String loggedPath) throws Exception {
        try (ConsoleLines console = ConsoleLines.capture()) {
            RawHttp.Response response = RawHttp.get(target);
            JsonNode served = console.await(m -> m.equals("Request served"), 1).get(0);

            assertThat(response.status()).isEqualTo(500);
            assertThat(served.get("path").asText()).isEqualTo(loggedPath);
            assertThat(console.lines()).isNotEmpty().noneMatch(l -> l.contains("s3cr") || l.contains("etPW"));
        }
    }
}
