package io.medplumlogs.maven.model;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/** What the goal can write. */
public enum OutputFormat {
    CLOUDFORMATION("cloudformation"),
    TERRAFORM("terraform");

    private final String id;

    OutputFormat(String id) {
        this.id = id;
    }

    public String id() {
        return id;
    }

    public static Optional<OutputFormat> fromId(String id) {
        String wanted = id.trim().toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(f -> f.id.equals(wanted)).findFirst();
    }

    public static String validIds() {
        return Arrays.stream(values()).map(OutputFormat::id).collect(Collectors.joining(", "));
    }
}
