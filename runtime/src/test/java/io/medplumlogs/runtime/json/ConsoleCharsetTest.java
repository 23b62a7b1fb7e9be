package io.medplumlogs.runtime.json;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Level;

import org.jboss.logmanager.ExtLogRecord;
import org.jboss.logmanager.formatters.PatternFormatter;
import org.jboss.logmanager.handlers.ConsoleHandler;
import org.junit.jupiter.api.Test;

import io.quarkus.bootstrap.logging.InitialConfigurator;

/**
 * A container without a locale (no LANG, as in many base images) gives Java 17 an ASCII console: JBoss' console
 * handler takes its charset from native.encoding and writes every other character as '?'. A JSON line is UTF-8
 * (RFC 8259, and what CloudWatch Logs reads), so a patient's "Zoë" must not reach stdout as "Zo?".
 */
class ConsoleCharsetTest {

    @Test
    void jsonLinesAreUtf8WhateverTheLocaleGaveTheConsole() {
        ByteArrayOutputStream stdout = new ByteArrayOutputStream();
        ConsoleHandler console = new ConsoleHandler(new PatternFormatter("%s%n"));
        console.setCharset(StandardCharsets.US_ASCII); // what a JVM without a locale gives it
        console.setOutputStream(stdout);
        InitialConfigurator.DELAYED_HANDLER.addHandler(console);
        try {
            List<String> warnings = new ArrayList<>();
            ConsoleJsonInstaller.install(new JsonLineFormatter(JsonLineLayout.contract(16384)), warnings::add);

            console.publish(new ExtLogRecord(Level.INFO, "Zo\u00eb M\u00fcller \u4e2d \uD83D\uDE00", "test"));
            console.flush();

            String line = stdout.toString(StandardCharsets.UTF_8);
            assertThat(line).contains("\"msg\":\"Zo\u00eb M\u00fcller \u4e2d \uD83D\uDE00\"").doesNotContain("?");
        } finally {
            InitialConfigurator.DELAYED_HANDLER.removeHandler(console);
        }
    }
}
