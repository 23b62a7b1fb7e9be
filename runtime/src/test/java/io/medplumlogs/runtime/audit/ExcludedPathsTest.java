package io.medplumlogs.runtime.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.util.List;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ExcludedPathsTest {

    private final ExcludedPaths excluded = new ExcludedPaths(List.of("/health", "/q/", "/static/img"));

    @ParameterizedTest(name = "{0} excluded: {1}")
    @CsvSource(delimiter = '|', textBlock = """
            /health                      | true
            /health/                     | true
            /health/live                 | true
            /h%65alth/live               | true
            /health/%6Cive               | true
            //health//live               | true
            /x/../health                 | true
            /health/./live               | true
            /q                           | true
            /q/dev-ui                    | true
            /q/%2E/dev-ui                | true
            /static/img/logo.png         | true
            /healthcare/x                | false
            /health-check                | false
            /healthz                     | false
            /static/img-1.png            | false
            /q-x                         | false
            /q/../secure/whoami          | false
            /q/%2E%2E/secure/whoami      | false
            /q/%2e%2E/secure/whoami      | false
            /q/.%2e/secure/whoami        | false
            /health/../demo/hops         | false
            /health/%2e%2e/demo/hops     | false
            /q;x/../secure               | false
            /q/..;/secure/whoami         | false
            /q/dev;x=/../../secure       | false
            /health%2F..%2Fadmin         | false
            /Health                      | false
            /q/%zz                       | false
            /health/%                    | false
            /                            | false
            /fhir/R4/health              | false
            /fhir/R4/q/x                 | false
            /Q/dev-ui                    | false
            /%71/dev-ui                  | true
            /q/..%2Fsecure/whoami        | true
            /q/..%5Csecure/whoami        | true
            /q//../secure/whoami         | true
            /q/%252e%252e/secure         | true
            /q/..;x=%2F/secure/whoami    | false
            /q%2F..%2Fsecure/whoami      | false
            """)
    void matchesTheServedPathOnSegmentBoundaries(String rawPath, boolean expected) {
        assertThat(excluded.covers(rawPath)).as(rawPath).isEqualTo(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = { "/health/", "/health//", "/h%65alth", "/x/../health", " /health " })
    void prefixesAreNormalizedLikePaths(String prefix) {
        ExcludedPaths paths = new ExcludedPaths(List.of(prefix));

        assertThat(paths.covers("/health/live")).isTrue();
        assertThat(paths.covers("/healthcare")).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = { "health", "", "/health?x=1", "/a#b", "/a b", "/a%zz" })
    void aPrefixThatIsNoAbsolutePathIsRejected(String prefix) {
        assertThatIllegalArgumentException().isThrownBy(() -> new ExcludedPaths(List.of(prefix)))
                .withMessageContaining("'" + prefix + "'");
    }

    @ParameterizedTest
    @ValueSource(strings = { "/", "/x", "/a/b/c" })
    void slashCoversEveryPathAndNoPrefixNone(String path) {
        assertThat(new ExcludedPaths(List.of("/")).covers(path)).isTrue();
        assertThat(new ExcludedPaths(List.of()).covers(path)).isFalse();
    }
}
