package io.medplumlogs.maven.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

class InsightsQueryTest {

    /** The trace ID the docs show where the saved query has the placeholder. */
    private static final String DOCS_TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736";

    @Test
    void failedLoginsCountPerAccountByTheHashedUser() {
        assertThat(InsightsQuery.standard()).filteredOn(q -> q.key().equals("FailedLoginsPerAccount")).singleElement()
                .satisfies(q -> assertThat(q.query()).startsWith("filter msg = \"Login failed\" and ispresent(user)")
                        .contains("by user"));
    }

    /**
     * A caller's non-hex X-Trace-Id token is the app's traceId; the span's trace-id is then its otelTraceId, and the
     * callees' lines have it as their traceId. Given the trace-id, the query must find both, as audit-lines.adoc says.
     */
    @Test
    void oneTraceFindsTheAppsLinesOfATokenRequestByTheirSpanTraceIdToo() {
        assertThat(InsightsQuery.standard()).filteredOn(q -> q.key().equals("OneTrace")).singleElement()
                .satisfies(q -> assertThat(q.query()).contains(
                        "filter traceId = \"" + InsightsQuery.TRACE_ID_PLACEHOLDER + "\" or otelTraceId = \""
                                + InsightsQuery.TRACE_ID_PLACEHOLDER + "\""));
    }

    @Test
    void theDocsQuoteEverySavedQueryExactly() throws IOException {
        List<String> documented = sourceBlocks(Files.readString(
                Path.of("..", "docs", "modules", "ROOT", "pages", "audit-lines.adoc"), StandardCharsets.UTF_8));

        assertThat(InsightsQuery.standard()).allSatisfy(q -> assertThat(documented)
                .contains(q.query().replace(InsightsQuery.TRACE_ID_PLACEHOLDER, DOCS_TRACE_ID)));
        assertThat(InsightsQuery.standard()).extracting(InsightsQuery::key).doesNotHaveDuplicates();
    }

    /** Each {@code [source]} block of the page, its lines joined by one space (the saved queries are one line). */
    private static List<String> sourceBlocks(String adoc) {
        List<String> blocks = new ArrayList<>();
        String[] lines = adoc.split("\n");
        for (int i = 0; i + 1 < lines.length; i++) {
            if (lines[i].trim().equals("[source]") && lines[i + 1].trim().equals("----")) {
                StringBuilder block = new StringBuilder();
                for (i += 2; i < lines.length && !lines[i].trim().equals("----"); i++) {
                    block.append(block.length() == 0 ? "" : " ").append(lines[i].trim());
                }
                blocks.add(block.toString());
            }
        }
        return blocks;
    }
}
