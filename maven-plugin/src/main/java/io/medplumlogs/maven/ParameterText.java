package io.medplumlogs.maven;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The goal's boolean and number parameters, read from the text the user gave. Maven's own conversion of a
 * {@code boolean} field reads anything but {@code true} as false ({@code -Dmedplum-logs.createSecret=yes} created
 * nothing, silently), and of an {@code int} field fails the build with its conversion stack trace before the goal
 * runs; so the mojo's fields are strings and are read here, and what is wrong joins the other problems, all reported
 * before anything is written. A bad value reads as the default meanwhile, so it causes no second, made-up problem.
 *
 * <p>Maven hands {@code -Dmedplum-logs.memory=} to the mojo as the empty string, not as "not given"; an empty or blank
 * value is read as left out ({@link #leftOut}), the rule of every parameter (generate.adoc), so that a script's
 * {@code -Dmedplum-logs.memory=$MEMORY} with the variable unset gets the default instead of an error.
 */
final class ParameterText {

    private final List<String> problems = new ArrayList<>();

    /** {@code true} or {@code false} in any case, blanks around it ignored: the one rule for every flag. */
    static Optional<Boolean> flag(String value) {
        String text = value.trim().toLowerCase(Locale.ROOT);
        return text.equals("true") ? Optional.of(true) : text.equals("false") ? Optional.of(false) : Optional.empty();
    }

    static String flagProblem(String property, String value, boolean defaultValue) {
        return "Invalid -D" + property + "='" + value + "': use true or false (in any case; the default is "
                + defaultValue + "), e.g. " + GoalProperties.flag(property, String.valueOf(!defaultValue)) + ".";
    }

    /** Not given, empty or blank: the parameter is left out and reads as its default. */
    static boolean leftOut(String value) {
        return value == null || value.isBlank();
    }

    /** Left out reads as {@code defaultValue}; a value that is not true or false is a problem. */
    boolean flag(String property, String value, boolean defaultValue) {
        if (leftOut(value)) {
            return defaultValue;
        }
        Optional<Boolean> flag = flag(value);
        if (flag.isEmpty()) {
            problems.add(flagProblem(property, value, defaultValue));
        }
        return flag.orElse(defaultValue);
    }

    /**
     * A whole number in decimal digits; left out reads as {@code defaultValue}. Whether it is in the parameter's range
     * is {@link DeploymentFactory}'s to say, with the range.
     */
    int number(String property, String value, String defaultValue) {
        String text = leftOut(value) ? defaultValue : value.trim();
        if (text.matches("[+-]?\\d+")) {
            try {
                return Integer.parseInt(text);
            } catch (NumberFormatException tooLarge) {
                problems.add("Invalid -D" + property + "='" + value + "': far out of range; a whole number is expected,"
                        + " e.g. " + GoalProperties.flag(property, defaultValue) + " (the default).");
                return Integer.parseInt(defaultValue);
            }
        }
        problems.add("Invalid -D" + property + "='" + value + "': a whole number is expected (digits only, no unit), e.g. "
                + GoalProperties.flag(property, defaultValue) + " (the default).");
        return Integer.parseInt(defaultValue);
    }

    List<String> problems() {
        return List.copyOf(problems);
    }
}
