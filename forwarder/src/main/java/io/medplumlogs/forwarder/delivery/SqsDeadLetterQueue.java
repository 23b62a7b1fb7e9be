package io.medplumlogs.forwarder.delivery;

import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;
import software.amazon.awssdk.awscore.AwsRequestOverrideConfiguration;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.ReceiveMessageRequest;

/**
 * {@link DeadLetterQueue} on SQS (also used to receive and delete the Lambda on-failure records); the SDK verifies the MD5 of
 * what it sends and receives.
 */
public final class SqsDeadLetterQueue implements DeadLetterQueue {

    private final Supplier<SqsClient> sqs;
    private final String queueUrl;

    public SqsDeadLetterQueue(SqsClient sqs, String queueUrl) {
        this(() -> sqs, queueUrl);
    }

    /** @param sqs the client, built on first use: most invocations never touch the DLQ (cold start) */
    public SqsDeadLetterQueue(Supplier<SqsClient> sqs, String queueUrl) {
        this.sqs = sqs;
        this.queueUrl = queueUrl;
    }

    @Override
    public void send(String body, long timeoutMillis) {
        // the call as a whole, retries included: a queue that never answers (a VPC without an SQS endpoint) must
        // not hold the invocation past its end, where Lambda would cut it off before the LOGS AT RISK line
        sqs.get().sendMessage(b -> b.queueUrl(queueUrl).messageBody(body)
                .overrideConfiguration(o -> within(o, timeoutMillis)));
    }

    @Override
    public List<Message> receive(int max, int visibilitySeconds, long timeoutMillis) {
        ReceiveMessageRequest request = ReceiveMessageRequest.builder().queueUrl(queueUrl)
                .maxNumberOfMessages(max).visibilityTimeout(visibilitySeconds).waitTimeSeconds(1)
                .overrideConfiguration(o -> within(o, timeoutMillis)).build();
        return sqs.get().receiveMessage(request).messages().stream()
                .map(m -> new Message(m.body(), m.receiptHandle())).toList();
    }

    @Override
    public void delete(String receiptHandle, long timeoutMillis) {
        // a redrive's delete, like a DLQ write: one that never gets an answer must end before the invocation does,
        // so that it is counted and reported rather than cut off by Lambda with the run's lines unwritten
        sqs.get().deleteMessage(b -> b.queueUrl(queueUrl).receiptHandle(receiptHandle)
                .overrideConfiguration(o -> within(o, timeoutMillis)));
    }

    private static void within(AwsRequestOverrideConfiguration.Builder call, long timeoutMillis) {
        Duration timeout = Duration.ofMillis(timeoutMillis);
        call.apiCallTimeout(timeout).apiCallAttemptTimeout(timeout);
    }
}
