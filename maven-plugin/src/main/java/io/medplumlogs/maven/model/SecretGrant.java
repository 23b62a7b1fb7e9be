package io.medplumlogs.maven.model;

import java.util.List;

/**
 * What a role that reads the user's secret is granted, for both renderers. IAM matches a grant against the secret's
 * full ARN, which ends with a hyphen and six random characters; a partial ARN (without them) still finds the secret
 * in Secrets Manager, so granting only the ARN as given would deny it. AWS's documented way is the ARN and the ARN
 * followed by {@code -??????} ({@code ?} is exactly one character): whether the ARN is full or partial cannot be told
 * offline (a name may end like a suffix), and the pair covers both without {@code *} matching other secrets.
 */
public final class SecretGrant {

    /** The six random characters Secrets Manager appends to a secret's name, with their hyphen. */
    static final String RANDOM_SUFFIX = "-??????";

    private SecretGrant() {
    }

    public static List<String> resources(String secretArn) {
        return List.of(secretArn, secretArn + RANDOM_SUFFIX);
    }
}
