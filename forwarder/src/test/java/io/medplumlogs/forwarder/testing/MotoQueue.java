package io.medplumlogs.forwarder.testing;

import io.medplumlogs.contract.ForwarderContract;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * One SQS queue in {@link MotoServer}, sized like the generated DLQ ({@link ForwarderContract#DLQ_MAX_MESSAGE_BYTES}).
 * Reads here never take messages away: {@link #messages()} makes what it received visible again at once.
 */
public final class MotoQueue {

    private final SqsClient sqs;
    private final String name;
    private String url;

    MotoQueue(SqsClient sqs, String name) {
        this.sqs = sqs;
        this.name = name;
        create();
    }

    public String url() {
        return url;
    }

    /** Deletes the queue: sends fail as they would for a deleted or denied DLQ. */
    public void delete() {
        sqs.deleteQueue(b -> b.queueUrl(url));
    }

    /** Creates it again, under the same name and URL. */
    public void create() {
        url = sqs.createQueue(b -> b.queueName(name).attributes(Map.of(QueueAttributeName.MAXIMUM_MESSAGE_SIZE,
                String.valueOf(ForwarderContract.DLQ_MAX_MESSAGE_BYTES)))).queueUrl();
    }

    public void add(String body) {
        sqs.sendMessage(b -> b.queueUrl(url).messageBody(body));
    }

    /** Messages in the queue, visible or in flight (hidden by a reader's visibility timeout). */
    public int count() {
        Map<QueueAttributeName, String> attributes = sqs.getQueueAttributes(b -> b.queueUrl(url).attributeNames(
                QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES,
                QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE)).attributes();
        return Integer.parseInt(attributes.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES))
                + Integer.parseInt(attributes.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE));
    }

    /** Bodies of the visible messages; they stay in the queue and visible. */
    public List<String> messages() {
        List<Message> taken = new ArrayList<>();
        while (true) {
            List<Message> batch = sqs.receiveMessage(b -> b.queueUrl(url).maxNumberOfMessages(10)
                    .visibilityTimeout(60).waitTimeSeconds(0)).messages();
            if (batch.isEmpty()) {
                break;
            }
            taken.addAll(batch);
        }
        for (Message message : taken) {
            sqs.changeMessageVisibility(b -> b.queueUrl(url).receiptHandle(message.receiptHandle())
                    .visibilityTimeout(0));
        }
        return taken.stream().map(Message::body).toList();
    }
}
