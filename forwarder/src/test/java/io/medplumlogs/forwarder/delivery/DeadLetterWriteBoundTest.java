package io.medplumlogs.forwarder.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.medplumlogs.contract.ForwarderContract;
import io.medplumlogs.contract.Vendor;
import io.medplumlogs.forwarder.ForwarderHandler;
import io.medplumlogs.forwarder.ForwarderLog;
import io.medplumlogs.forwarder.testing.FakeVendor.Answer;
import io.medplumlogs.forwarder.testing.ForwarderFixture;
import io.medplumlogs.forwarder.testing.SubscriptionEvents;
import io.medplumlogs.forwarder.testing.TestContext;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The time reserve is for DLQ writes, and a DLQ write must end within the invocation: an SQS endpoint that takes the
 * connection and never answers (a VPC without an SQS endpoint) would otherwise hold the write for the SDK's 30 s,
 * Lambda would cut the invocation off first, and neither the LOGS AT RISK line nor the metrics line would be written.
 */
class DeadLetterWriteBoundTest {

    @AfterEach
    void restoreLog() {
        ForwarderLog.redirect(null);
    }

    @Test
    void aDlqThatNeverAnswersFailsTheInvocationBeforeItsEndWithBothLines() throws Exception {
        try (ServerSocket sqs = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
                ForwarderFixture fixture = ForwarderFixture.start(Vendor.DATADOG)) {
            Thread acceptor = new Thread(() -> neverAnswer(sqs), "sqs that never answers");
            acceptor.setDaemon(true);
            acceptor.start();
            String base = "http://127.0.0.1:" + sqs.getLocalPort();
            fixture.environment().put("AWS_ENDPOINT_URL_SQS", base);
            fixture.environment().put(ForwarderContract.ENV_DLQ_URL, base + "/123456789012/medplum-logs-forwarder-dlq");
            fixture.environment().put(ForwarderContract.ENV_TIME_RESERVE_MS, "2000");
            ForwarderHandler handler = fixture.handler();
            fixture.vendor.enqueue(Answer.status(400));
            ByteArrayOutputStream log = new ByteArrayOutputStream();
            ForwarderLog.redirect(new PrintStream(log, true, StandardCharsets.UTF_8));
            TestContext context = new TestContext(6_000);

            assertThatThrownBy(() -> ForwarderFixture.invoke(handler,
                    SubscriptionEvents.builder().lines("a").invocation(), context))
                    .isInstanceOf(DeadLetterWriteException.class);

            assertThat(context.getRemainingTimeInMillis()).isPositive();
            assertThat(log.toString(StandardCharsets.UTF_8)).contains("LOGS AT RISK", "Forwarder metrics");
        }
    }

    private static void neverAnswer(ServerSocket server) {
        while (!server.isClosed()) {
            try {
                Socket socket = server.accept();
                Thread reader = new Thread(() -> {
                    try (socket; InputStream in = socket.getInputStream()) {
                        in.transferTo(java.io.OutputStream.nullOutputStream());
                    } catch (Exception closed) {
                        // the client gave up
                    }
                });
                reader.setDaemon(true);
                reader.start();
            } catch (Exception closed) {
                return;
            }
        }
    }
}
