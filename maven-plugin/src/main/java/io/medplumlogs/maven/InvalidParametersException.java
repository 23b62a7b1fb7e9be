package io.medplumlogs.maven;

import java.util.List;

/**
 * One or more parameters are wrong; the message lists each problem with how to fix it, one line each: the values a
 * problem quotes are escaped ({@link ErrorText}), wherever it was made.
 */
public final class InvalidParametersException extends Exception {

    private final List<String> problems;

    InvalidParametersException(List<String> problems) {
        super(message(problems));
        this.problems = problems.stream().map(ErrorText::printable).toList();
    }

    private static String message(List<String> problems) {
        return "Invalid medplum-logs:generate parameters, nothing was written:\n  - "
                + String.join("\n  - ", problems.stream().map(ErrorText::printable).toList());
    }

    public List<String> problems() {
        return problems;
    }
}
