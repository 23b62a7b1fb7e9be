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
import io.medplumlogs.forwarder.delivery.Jitter;
import io.medplumlogs.forwarder.delivery.Priming;
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
import java.util.function.Function;
import org.crac.Core;
import org.crac.Resource;

/**
 * The Lambda entry point ({@value ForwarderContract#HANDLER}). Lambda creates one instance per execution environment:
 * settings, secret, HTTP client and AWS clients are set up here once, in the cold start, and reused. Init also primes
 * the hot path with a synthetic batch (nothing sent to the vendor; under SnapStart also one HTTPS request to itself over
 * loopback); under SnapStart ({@code beforeCheckpoint}/{@code afterRestore}) the secret is read only by the first batch
 * after each restore and the retry jitter is re-seeded per restored environment.
 *
 * <p>Input is a CloudWatch Logs subscription event, or {@link ForwarderContract#REDRIVE_EVENT} to re-send the DLQ.
 * Output is a small JSON summary (ignored by asynchronous invocations, handy for manual ones).
 */
public class ForwarderHandler implements RequestStreamHandler, Resource {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** Set by Lambda during init: {@code snap-start} when the init is the one a SnapStart snapshot is taken of. */
    static final String ENV_INITIALIZATION_TYPE = "AWS_LAMBDA_INITIALIZATION_TYPE";
    static final String SNAP_START = "snap-start";
    /** Header- and URL-safe; {@code .invalid} never resolves, and nothing built with it is ever sent. */
    private static final String PLACEHOLDER_CREDENTIAL = "https://priming.invalid/medplum-logs-placeholder";
    private static final int PRIMING_EVENTS = 500;
    /** Init time is not on any request's path under SnapStart: enough rounds for the JIT to compile the hot path. */
    private static final int PRIMING_ROUNDS_SNAPSHOT = 20;
    /** Without SnapStart init is on the first batch's path: one round loads the classes, more would only cost. */
    private static final int PRIMING_ROUNDS_ON_DEMAND = 1;

    // (Fields and constructors alike to FirehoseTransformHandler's: two Lambda entry points, different inputs.)
    private final ForwarderSettings settings;
    private final VendorCredential credential;
    private final Delivery delivery;
    private final Redrive redrive;
    /** The first invocation of this execution environment is the one that paid for the cold start. */
    private boolean firstInvocation = true;
    /** The own-log-group guard speaks once per execution environment: a line per batch would feed a loop. */
    private boolean ownLogGroupReported;
    /** A reserve that leaves no time is said once per execution environment, like the own log group. */
    private boolean reserveReported;

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
            boolean snapshot = SNAP_START.equals(environment.get(ENV_INITIALIZATION_TYPE));
            // kept for the life of the environment: a 401/403 makes the sender read the secret again (rotation)
            var secrets = AwsClients.secretsManager(settings.aws());
            VendorCredential.Reader readSecret = timeoutMillis -> VendorSecret.read(secrets, settings.secretArn(),
                    settings.vendor(), timeoutMillis);
            Function<String, Intake> intakeFor = secret -> intake(settings, secret);
            // a secret read now would be in the SnapStart snapshot; otherwise read now, so a bad one fails the start
            this.credential = snapshot ? VendorCredential.onFirstUse(readSecret, intakeFor)
                    : new VendorCredential(VendorSecret.read(secrets, settings.secretArn(), settings.vendor()),
                            readSecret, intakeFor);
            // encoding and framing never depend on the credential: chunks are built with a placeholder one
            Intake encoding = intake(settings, PLACEHOLDER_CREDENTIAL);
            var sqs = AwsClients.sqsOnFirstUse(settings.aws());
            if (snapshot) {
                sqs.get(); // its set-up goes into the snapshot instead of the first DLQ write
            }
            DeadLetterQueue dlq = new SqsDeadLetterQueue(sqs, settings.dlqUrl());
            VendorSender sender = new VendorSender(credential, vendorHttp, settings.retry());
            this.delivery = new Delivery(encoding, sender, dlq);
            Optional<DeadLetterQueue> onFailure = settings.onFailureQueueUrl()
                    .map(url -> new SqsDeadLetterQueue(sqs, url));
            this.redrive = new Redrive(settings.vendor(), sender, dlq, delivery, onFailure,
                    group -> settings.ownLogGroup().filter(group::equals).isPresent(), this::metrics);
            SubscriptionEvent priming = prime(encoding, snapshot ? PRIMING_ROUNDS_SNAPSHOT : PRIMING_ROUNDS_ON_DEMAND);
            if (snapshot) {
                SdkPriming.getSecretValue(); // without SnapStart the real read in init already did this
                // the HTTPS client's handshake and exchange code, over loopback only: nothing goes to the vendor; on a
                // send thread, where chunks' requests run
                delivery.primeSendThreads(() -> LoopbackPriming.send(Priming.firstRequest(encoding, priming)));
            } else {
                delivery.primeSendThreads(() -> { });
            }
            Core.getGlobalContext().register(this);
            for (String unread : ForwarderSettings.unreadVariables(settings.vendor(), environment)) {
                // the name only: a value may be a secret pasted into the wrong variable
                ForwarderLog.warn("Setting not read by this forwarder, ignored: a misspelt name, or another vendor's",
                        "variable", unread, "vendor", settings.vendor().id());
            }
            ForwarderLog.info("Forwarder ready", "vendor", settings.vendor().id(), "dlq", settings.dlqUrl());
        } catch (RuntimeException e) {
            ForwarderLog.error("Forwarder cannot start: fix its configuration", e);
            throw e;
        }
    }

    /**
     * A synthetic batch through parse → decode → encode → chunk → gzip → request (never sent), as the first real batch
     * would go: it loads the classes now, and under SnapStart the snapshot holds them loaded and their code warmed.
     */
    private SubscriptionEvent prime(Intake encoding, int rounds) {
        byte[] payload = Priming.invocation(PRIMING_EVENTS);
        SubscriptionEvent event = null;
        for (int i = 0; i < rounds; i++) {
            try {
                JsonNode invocation = JSON.readTree(new String(payload, StandardCharsets.UTF_8));
                event = SubscriptionEventDecoder.decode(invocation);
                Priming.encode(encoding, event);
            } catch (IOException e) {
                throw new IllegalStateException("priming batch is not JSON", e);
            }
        }
        return event;
    }

    /** Before a SnapStart snapshot: nothing secret may be in it. */
    @Override
    public void beforeCheckpoint(org.crac.Context<? extends Resource> context) {
        credential.forget();
    }

    /**
     * After a restore: one snapshot starts many environments, so the secret is read again on first use (it may have
     * been rotated since the snapshot) and the retry jitter gets a seed of its own. Not read here: Lambda fails a
     * restore whose hooks take longer than 10 s, and the Secrets Manager client can take up to 30 s where its endpoint
     * is unreachable; in the first batch a slow or failed read fails only that invocation, which Lambda retries.
     */
    @Override
    public void afterRestore(org.crac.Context<? extends Resource> context) {
        credential.forget();
        Jitter.reseed();
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
        long invocationMillis = context.getRemainingTimeInMillis();
        Deadline deadline = Deadline.ofInvocation(invocationMillis, settings.timeReserveMillis());
        if (invocationMillis <= settings.timeReserveMillis() && !reserveReported) {
            // the cold start cannot check this: Lambda tells the function its timeout only with an invocation
            reserveReported = true;
            ForwarderLog.error(ForwarderContract.ENV_TIME_RESERVE_MS + " is not below the invocation's time: vendor"
                    + " requests get none, every chunk goes to the DLQ unsent; set it below the function's timeout",
                    null, "reserveMs", settings.timeReserveMillis(), "invocationMs", invocationMillis);
        }
        ObjectNode result = JSON.createObjectNode();
        JsonNode invocation;
        try {
            invocation = JSON.readTree(new String(input.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw malformed(new MalformedEventException("invocation payload is not JSON: " + e.getMessage(), e));
        }
        if (invocation != null && "redrive".equals(invocation.path("medplumLogs").asText())) {
            Redrive.Summary summary = redrive.run(deadline);
            ForwarderLog.object(EmbeddedMetrics.MSG, EmbeddedMetrics.ofRedrive(settings.vendor(),
                    settings.functionName(), summary, System.currentTimeMillis()));
            result.put("redelivered", summary.redelivered());
            result.put("stillFailing", summary.stillFailing());
            result.put("invocationsRecovered", summary.invocationsRecovered());
            result.put("invocationsStillFailing", summary.invocationsStillFailing());
            result.put("redeliveredNotDeleted", summary.redeliveredNotDeleted());
            result.put("invocationsRecoveredNotDeleted", summary.invocationsRecoveredNotDeleted());
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
        ForwarderLog.object(EmbeddedMetrics.MSG, EmbeddedMetrics.of(settings.vendor(), settings.functionName(),
                event.logGroup(), event.logEvents().size(), summary, System.currentTimeMillis()));
    }

    private static MalformedEventException malformed(MalformedEventException e) {
        ForwarderLog.error("Malformed invocation payload; nothing forwarded", e);
        return e;
    }
}
