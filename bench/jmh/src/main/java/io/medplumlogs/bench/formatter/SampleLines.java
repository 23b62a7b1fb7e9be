package io.medplumlogs.bench.formatter;

import io.medplumlogs.runtime.json.JsonLineFormatter;
import io.medplumlogs.runtime.json.JsonLineLayout;
import org.jboss.logmanager.ExtLogRecord;

/** Prints what each formatter writes for each record (sizes go into results.json; the lines into bench/target). */
public final class SampleLines {
    public static void main(String[] args) {
        JsonLineFormatter ours = new JsonLineFormatter(JsonLineLayout.contract(16384));
        var theirs = FormatterBenchmark.loggingJsonDefault();
        StringBuilder json = new StringBuilder("{");
        String[] kinds = {"plain", "mdc", "exception"};
        ExtLogRecord[] records = {Records.plain(), Records.withMdc(), Records.withException()};
        for (int i = 0; i < kinds.length; i++) {
            String a = ours.format(records[i]);
            String b = theirs.format(records[i]);
            System.err.println("== " + kinds[i] + " medplumLogs (" + a.length() + " chars)\n" + a);
            System.err.println("== " + kinds[i] + " loggingJson (" + b.length() + " chars)\n" + b);
            json.append(i == 0 ? "" : ",").append('"').append(kinds[i]).append("\":{\"medplumLogs\":")
                    .append(a.getBytes(java.nio.charset.StandardCharsets.UTF_8).length).append(",\"loggingJson\":")
                    .append(b.getBytes(java.nio.charset.StandardCharsets.UTF_8).length).append('}');
        }
        System.out.println(json.append('}'));
    }
}
