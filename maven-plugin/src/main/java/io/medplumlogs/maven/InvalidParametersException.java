package io.medplumlogs.maven;

import java.util.List;

/** One or more parameters are wrong; the message lists each problem with how to fix it. */
public final class InvalidParametersException extends Exception {

    private final List<String> problems;

    InvalidParametersException(List<String> problems) {
        super("Invalid medplum-logs:generate parameters, nothing was written:\n  - " + String.join("\n  - ", problems));
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }
}
