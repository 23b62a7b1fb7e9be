package io.medplumlogs.runtime.http;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.vertx.core.http.impl.HttpUtils;

/**
 * {@link UrlText#normalizedPath} answers common paths without calling Vert.x: its answer must still be Vert.x'
 * answer for every path, since the audit exclusions and the FHIR classifier must read a path as the router does.
 */
class UrlTextTest {

    @ParameterizedTest
    @ValueSource(strings = { "/api/ping", "/fhir/R4/Patient/example", "/", "/q/health", "/a/../q/x", "/q/%2E%2E/x",
            "//q/health", "/a//b", "/a/./b", "/a/b/.", "/.", "/..", "/%41bc", "/%zz", "/%", "/a;b=c/d", "api/ping",
            "", "/a/b.json", "/a/..%2Fb", "/\u00e9t\u00e9", "/a\\..\\b" })
    void agreesWithVertxOnPathsThatMatter(String path) {
        assertEquals(vertx(path), UrlText.normalizedPath(path), path);
    }

    @Test
    void agreesWithVertxOnRandomPaths() {
        String alphabet = "/./%2eE41fFzZ;=?#\\ a-_~\u00e9";
        SplittableRandom random = new SplittableRandom(20261205);
        for (int n = 0; n < 200_000; n++) {
            StringBuilder path = new StringBuilder();
            int length = random.nextInt(12);
            for (int i = 0; i < length; i++) {
                path.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            String p = path.toString();
            assertEquals(vertx(p), UrlText.normalizedPath(p), p);
        }
    }

    private static String vertx(String path) {
        try {
            return HttpUtils.normalizePath(path);
        } catch (RuntimeException e) {
            return null;
        }
    }
}
