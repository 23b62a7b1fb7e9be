package io.medplumlogs.runtime.json;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.concurrent.CompletableFuture;

import org.jboss.logmanager.ExtLogRecord;
import org.jboss.logmanager.Level;
import org.jboss.logmanager.MDC;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The line reads a record's MDC the way {@link ExtLogRecord#getMdc(String)} does, without getMdcCopy()'s copies: a
 * record formatted on the thread that logged it shows that thread's MDC; a record copied for another thread (as an
 * async handler does) shows what the MDC held when it was logged, never the formatting thread's.
 */
class RecordMdcTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final JsonLineFormatter formatter = new JsonLineFormatter(JsonLineLayout.contract(16384));

    @AfterEach
    void clear() {
        MDC.clear();
    }

    @Test
    void aRecordFormattedWhereItWasLoggedShowsThatThreadsMdc() throws Exception {
        MDC.put("requestId", "r-1");
        MDC.put("tenant", "acme");
        MDC.putObject("attempt", 3); // an object value: written as its toString()

        JsonNode line = JSON.readTree(formatter.format(record()));

        assertThat(line.get("requestId").asText()).isEqualTo("r-1");
        assertThat(line.get("tenant").asText()).isEqualTo("acme");
        assertThat(line.get("attempt").asText()).isEqualTo("3");
    }

    @Test
    void aCopiedRecordShowsTheMdcItWasLoggedWithNotTheFormattingThreads() throws Exception {
        MDC.put("requestId", "r-logged");
        MDC.put("tenant", "acme");
        ExtLogRecord record = record();
        record.copyAll(); // what an async handler does before it hands the record to its thread
        MDC.clear();
        MDC.put("requestId", "r-later");

        JsonNode here = JSON.readTree(formatter.format(record));
        JsonNode elsewhere = JSON.readTree(CompletableFuture.supplyAsync(() -> formatter.format(record)).get());

        for (JsonNode line : new JsonNode[] { here, elsewhere }) {
            assertThat(line.get("requestId").asText()).isEqualTo("r-logged");
            assertThat(line.get("tenant").asText()).isEqualTo("acme");
        }
    }

    @Test
    void aRecordsMdcSetExplicitlyIsTheOneWritten() throws Exception {
        MDC.put("requestId", "r-thread");
        ExtLogRecord record = record();
        record.setMdc(Map.of("requestId", "r-set"));

        assertThat(JSON.readTree(formatter.format(record)).get("requestId").asText()).isEqualTo("r-set");
    }

    @Test
    void recordsOwnCopiesAreReadWithoutCopyingThemAgain() {
        // if the logmanager's field moved, lines stay right but every line pays for getMdcCopy() again
        assertThat(RecordMdc.readsRecordCopies()).isTrue();
    }

    private static ExtLogRecord record() {
        ExtLogRecord record = new ExtLogRecord(Level.INFO, "hello", RecordMdcTest.class.getName());
        record.setLoggerName("app");
        return record;
    }
}
