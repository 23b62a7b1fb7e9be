package io.medplumlogs.runtime.fhir;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Pattern;

/** The configured FHIR base paths, normalised, and which one a request path is under. */
final class FhirBases {

    private static final Pattern BASE = Pattern.compile("(/[A-Za-z0-9_\\-.~]+)*");

    private final List<String> paths;

    FhirBases(List<String> basePaths) {
        if (basePaths == null || basePaths.isEmpty()) {
            throw new IllegalArgumentException("At least one FHIR base path is required");
        }
        List<String> normalised = new ArrayList<>();
        for (String base : basePaths) {
            String b = normaliseBase(base);
            if (!normalised.contains(b)) {
                normalised.add(b);
            }
        }
        // Longest first so that /fhir/R4 wins over /fhir when both are configured.
        normalised.sort(Comparator.comparingInt(String::length).reversed());
        this.paths = List.copyOf(normalised);
    }

    List<String> paths() {
        return paths;
    }

    /** The base {@code path} is under (segment-wise, case-sensitive), or {@code null}. */
    String matching(String path) {
        for (String base : paths) {
            if (path.startsWith(base) && (path.length() == base.length() || path.charAt(base.length()) == '/')) {
                return base;
            }
        }
        return null;
    }

    private static String normaliseBase(String base) {
        if (base == null) {
            throw new IllegalArgumentException("FHIR base path must not be null");
        }
        String b = base.trim();
        while (b.endsWith("/")) {
            b = b.substring(0, b.length() - 1);
        }
        boolean dotSegment = b.contains("/./") || b.contains("/../") || b.endsWith("/.") || b.endsWith("/..");
        if ((!b.isEmpty() && !b.startsWith("/")) || !BASE.matcher(b).matches() || dotSegment
                || (b.isEmpty() && !base.trim().startsWith("/"))) {
            throw new IllegalArgumentException("Invalid FHIR base path '" + base
                    + "': expected an absolute path such as /fhir/R4 (letters, digits, '_', '-', '.', '~')");
        }
        return b;
    }
}
