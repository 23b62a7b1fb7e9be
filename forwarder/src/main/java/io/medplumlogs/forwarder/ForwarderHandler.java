package io.medplumlogs.forwarder;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.medplumlogs.forwarder.cloudwatch.MalformedEventException;
import io.medplumlogs.forwarder.cloudwatch.SubscriptionEvent;
import io.medplumlogs.forwarder.cloudwatch.SubscriptionEventDecoder;
import io.medplumlogs.forwarder.datadog.DatadogIntake;
import io.medplumlogs.forwarder.delivery.DeadLetterQueue;
import io.medplumlogs.forwarder.delivery.DeadLetterWriteException;
import io.medplumlogs.forwarder.delivery.Deadline;
import io.medplumlogs.forwarder.delivery.Delivery;
import io.medplumlogs.forwarder.delivery.Intake;
import io.medplumlogs.forwarder.delivery.Redrive;
import io.medplumlogs.forwarder.delivery.SqsDeadLetterQueue;
import io.medplumlogs.forwarder.delivery.VendorCredential;
import io.medplumlogs.forwarder.delivery.VendorSender;
import io.medplumlogs.forwarder.splunk.SplunkIntake;
import io.medplumlogs.forwarder.sumologic.SumoLogicIntake;
import io.medplumlogs.contract.ForwarderContract;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The Lambda entry point ({@value ForwarderContract#HANDLER}). Lambda creates one instance per execution environment:
 * settings, secret, HTTP client and AWS clients are set up here once, in the cold start, and reused.
 *
 * <p>Input is a CloudWatch Logs subscription event, or {@link ForwarderContract#REDRIVE_EVENT} to re-send the DLQ.
 * Output is a small JSON summary (ignored by asynchronous invocations, handy for manual ones).
 */
public class ForwarderHandler implements RequestStreamHandler {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final ForwarderSettings settings;
    private final Delivery delivery;
    private final Redrive redrive;
    /** The first invocation of this execution environment is the one that paid for the cold start. */
    private boolean firstInvocation = true;
    /** The own-log-group guard speaks once per execution environment: a line per batch would feed a loop. */
    private boolean ownLogGroupReported;

    /** What Lambda calls: configuration from the process environment. */
    public ForwarderHandler() {
        this(System.getenv());
    }

    public ForwarderHandler(Map<String, String> environment) {
        this(environment, VendorHttpClient.shared());
    }

    /** @param vendorHttp the client for vendor intakes (tests pass one that trusts their self-signed certificate) */
    public ForwarderHandler(Map<String, String> environment, HttpClient vendorHttp) {
        try {
            this.settings = ForwarderSettings.fromEnvironment(environment);
            // kept for the life of the environment: a 401/403 makes the sender read the secret again (rotation)
            var secrets = AwsClients.secretsManager(settings.aws());
            Supplier<String> readSecret = () -> VendorSecret.read(secrets, settings.secretArn(), settings.vendor());
            VendorCredential credential = new VendorCredential(readSecret.get(), readSecret,
                    secret -> intake(settings, secret));
            Intake intake = credential.intake();
            var sqs = AwsClients.sqs(settings.aws());
            DeadLetterQueue dlq = new SqsDeadLetterQueue(sqs, settings.dlqUrl());
            VendorSender sender = new VendorSender(credential, vendorHttp, settings.retry());
            this.delivery = new Delivery(intake, sender, dlq);
            Optional<DeadLetterQueue> onFailure = settings.onFailureQueueUrl()
                    .map(url -> new SqsDeadLetterQueue(sqs, url));
            this.redrive = new Redrive(settings.vendor(), sender, dlq, delivery, onFailure,
                    group -> settings.ownLogGroup().filter(group::equals).isPresent(), this::metrics);
            ForwarderLog.info("Forwarder ready", "vendor", settings.vendor().id(), "dlq", settings.dlqUrl());
        } catch (RuntimeException e) {
            ForwarderLog.error("Forwarder cannot start: fix its configuration", e);
            throw e;
        }
    }

    private static Intake intake(ForwarderSettings settings, String secret) {
        return switch (settings.vendor()) {
            case DATADOG -> new DatadogIntake(settings.endpoint(), secret, settings.vendorSettings());
            case SPLUNK -> new SplunkIntake(settings.endpoint(), secret, settings.vendorSettings());
            case SUMOLOGIC -> new SumoLogicIntake(Endpoints.requireSecure(ForwarderContract.ENV_SECRET_ARN
                    + " (the Sumo Logic HTTP source URL it holds)", secret), settings.vendorSettings());
        };
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        ForwarderLog.beginInvocation(context.getAwsRequestId(), firstInvocation);
        firstInvocation = false;
        try {
            handle(input, output, context);
        } finally {
            ForwarderLog.endInvocation();
        }
    }

    private void handle(InputStream input, OutputStream output, Context context) throws IOException {
        Deadline deadline = Deadline.inMillis(Math.max(0,
                (long) context.getRemainingTimeInMillis() - settings.timeReserveMillis()));
        ObjectNode result = JSON.createObjectNode();
        JsonNode invocation;
        try {
            invocation = JSON.readTree(new String(input.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw malformed(new MalformedEventException("invocation payload is not JSON: " + e.getMessage(), e));
        }
        if (invocation != null && "redrive".equals(invocation.path("medplumLogs").asText())) {
            Redrive.Summary summary = redrive.run(deadline);
            ForwarderLog.object(EmbeddedMetrics.MSG, EmbeddedMetrics.ofRedrive(settings.vendor(), summary,
                    System.currentTimeMillis()));
            result.put("redelivered", summary.redelivered());
            result.put("stillFailing", summary.stillFailing());
            result.put("invocationsRecovered", summary.invocationsRecovered());
            result.put("invocationsStillFailing", summary.invocationsStillFailing());
        } else {
            SubscriptionEvent event;
            try {
                event = SubscriptionEventDecoder.decode(invocation == null ? JSON.createObjectNode() : invocation);
            } catch (MalformedEventException e) {
                throw malformed(e);
            }
            forward(event, deadline, result);
        }
        output.write(result.toString().getBytes(StandardCharsets.UTF_8));
    }

    private void forward(SubscriptionEvent event, Deadline deadline, ObjectNode result) {
        if (event.isControlMessage()) {
            ForwarderLog.info("Skipped CloudWatch control message", "logGroup", event.logGroup());
            result.put("skipped", "control message");
            return;
        }
        if (settings.ownLogGroup().filter(event.logGroup()::equals).isPresent()) {
            if (!ownLogGroupReported) {
                ownLogGroupReported = true;
                ForwarderLog.warn("Not forwarding the forwarder's own log group (remove its subscription filter);"
                        + " said once per execution environment", "logGroup", event.logGroup());
            }
            result.put("skipped", "own log group");
            return;
        }
        Delivery.Summary summary;
        try {
            summary = delivery.deliver(event, deadline);
        } catch (DeadLetterWriteException e) {
            // already logged as LOGS AT RISK; the metrics line must not depend on the invocation succeeding
            metrics(event, e.partial());
            throw e;
        } catch (RuntimeException e) {
            ForwarderLog.error("Invocation failed; Lambda retries it, then sends it to the on-failure queue", e,
                    "logGroup", event.logGroup(), "events", event.logEvents().size());
            metrics(event, Delivery.Summary.none());
            throw e;
        }
        metrics(event, summary);
        result.put("chunks", summary.chunks());
        result.put("chunksDelivered", summary.chunksDelivered());
        result.put("chunksDeadLettered", summary.chunksDeadLettered());
        result.put("entriesDelivered", summary.entriesDelivered());
    }

    private void metrics(SubscriptionEvent event, Delivery.Summary summary) {
        ForwarderLog.object(EmbeddedMetrics.MSG, EmbeddedMetrics.of(settings.vendor(), event.logGroup(),
                event.logEvents().size(), summary, System.currentTimeMillis()));
    }

    private static MalformedEventException malformed(MalformedEventException e) {
        ForwarderLog.error("Malformed invocation payload; nothing forwarded", e);
        return e;
    }
}
