package io.medplumlogs.maven;

import java.util.regex.Pattern;

/**
 * How IAM matches a policy's {@code Resource} against a request's ARN: {@code ?} is exactly one character, {@code *}
 * any run of them, everything else literal and case-sensitive. moto authorizes most actions against {@code *}, so the
 * tests check what AWS would grant with this instead.
 */
public final class IamGlob {

    /** A full secret ARN as Secrets Manager makes it: the name, a hyphen and six random characters. */
    public static final String RANDOM_SUFFIX = "-Xy12Zq";

    private IamGlob() {
    }

    public static boolean matches(String resource, String arn) {
        StringBuilder regex = new StringBuilder();
        for (char c : resource.toCharArray()) {
            regex.append(c == '?' ? "." : c == '*' ? ".*" : Pattern.quote(String.valueOf(c)));
        }
        return Pattern.matches(regex.toString(), arn);
    }
}
