package io.medplumlogs.deployment.support;

import io.quarkus.test.QuarkusUnitTest;

/** The small application every extension test starts. */
public final class TestApp {

    private TestApp() {
    }

    /** The app writing JSON lines; {@code extra} classes join the application (one archive per test). */
    public static QuarkusUnitTest withJson(Class<?>... extra) {
        return plain(extra).overrideConfigKey("quarkus.medplum-logs.json", "true");
    }

    public static QuarkusUnitTest plain(Class<?>... extra) {
        return new QuarkusUnitTest()
                // a free port: other test JVMs (CI steps, parallel builds) may hold 8081
                .overrideConfigKey("quarkus.http.test-port", "0")
                .withApplicationRoot(jar -> jar.addClasses(LoggingResource.class, ConsoleLines.class, TestApp.class,
                        Ids.class).addClasses(extra));
    }
}
