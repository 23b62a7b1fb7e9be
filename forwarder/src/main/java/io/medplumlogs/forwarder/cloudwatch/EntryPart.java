package io.medplumlogs.forwarder.cloudwatch;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.medplumlogs.contract.SplitEntryFields;

/**
 * Which part of a split log event an entry is ({@link SplitEntryFields}): a message above the vendor's per-event limit
 * goes as several entries rather than being cut, and these fields let the vendor's user find them and put them back.
 *
 * @param of the CloudWatch event id, shared by the event's parts
 * @param number from 1
 * @param count how many parts the event has
 */
public record EntryPart(String of, int number, int count) {

    /** As attributes of a Datadog or Sumo Logic entry: numbers, so that they sort as numbers. */
    public void putInto(ObjectNode entry) {
        entry.put(SplitEntryFields.PART_OF, of);
        entry.put(SplitEntryFields.PART, number);
        entry.put(SplitEntryFields.PARTS, count);
    }

    /** As Splunk indexed fields, which are flat strings. */
    public void putTextInto(ObjectNode fields) {
        fields.put(SplitEntryFields.PART_OF, of);
        fields.put(SplitEntryFields.PART, String.valueOf(number));
        fields.put(SplitEntryFields.PARTS, String.valueOf(count));
    }
}
