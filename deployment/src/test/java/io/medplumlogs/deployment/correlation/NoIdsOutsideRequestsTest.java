package io.medplumlogs.deployment.correlation;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Inject;

import org.eclipse.microprofile.context.ManagedExecutor;
import org.jboss.logging.Logger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import com.fasterxml.jackson.databind.JsonNode;

import io.medplumlogs.deployment.support.TestApp;
import io.medplumlogs.testsupport.ConsoleLines;
import io.quarkus.test.QuarkusUnitTest;
import io.vertx.core.Vertx;

/**
 * A request's IDs are on its own lines and on no line written outside any request, even by a pooled thread that
 * served requests just before (worker pool) or an event loop that did: no ID is left behind in a thread.
 */
class NoIdsOutsideRequestsTest {

    private static final Logger LOG = Logger.getLogger(NoIdsOutsideRequestsTest.class);

    @RegisterExtension
    static final QuarkusUnitTest APP = TestApp.withJson();

    @Inject
    ManagedExecutor executor;

    @Inject
    Vertx vertx;

    @Test
    void backgroundWorkAfterRequestsCarriesNoRequestIds() throws Exception {
        try (ConsoleLines console = ConsoleLines.capture()) {
            for (int i = 0; i < 8; i++) {
                given().get("/log/worker?tag=req" + i).then().statusCode(200);
                given().get("/log/event-loop?tag=loop" + i).then().statusCode(200);
            }
            List<CompletableFuture<?>> done = new ArrayList<>();
            for (int i = 0; i < 16; i++) {
                int n = i;
                // the same worker pool that served the blocking requests, with no request context around
                done.add(executor.runAsync(() -> LOG.infof("background on worker %d", n)));
                // the event loops that served the non-blocking ones
                CompletableFuture<Void> onLoop = new CompletableFuture<>();
                vertx.runOnContext(v -> {
                    LOG.infof("background on event loop %d", n);
                    onLoop.complete(null);
                });
                done.add(onLoop);
            }
            CompletableFuture.allOf(done.toArray(CompletableFuture[]::new)).get(10, TimeUnit.SECONDS);

            List<JsonNode> requests = console.await(m -> m.startsWith("on worker req"), 8);
            assertThat(requests).hasSize(8).allSatisfy(line -> assertThat(line.has("requestId")).isTrue());
            List<JsonNode> background = console.await(m -> m.startsWith("background on"), 32);
            assertThat(background).hasSize(32).allSatisfy(line -> {
                assertThat(line.has("requestId")).as(line.toString()).isFalse();
                assertThat(line.has("traceId")).as(line.toString()).isFalse();
            });
        }
    }
}
