package io.medplumlogs.deployment.support;

import java.util.List;

import io.medplumlogs.testsupport.ConsoleLines;
import io.quarkus.maven.dependency.Dependency;
import io.quarkus.test.QuarkusUnitTest;

/** The small application every extension test starts. */
public final class TestApp {

    private TestApp() {
    }

    /** The app writing JSON lines; {@code extra} classes join the application (one archive per test). */
    public static QuarkusUnitTest withJson(Class<?>... extra) {
        return plain(extra).overrideConfigKey("quarkus.medplum-logs.json", "true");
    }

    /**
     * Basic authentication with one user, {@code alice} in role {@code clinician}, through Quarkus' embedded
     * properties realm (added per test, so the other tests run without security).
     */
    public static QuarkusUnitTest withBasicAuth(QuarkusUnitTest app, String alicePassword) {
        return app.setForcedDependencies(List.of(Dependency.of("io.quarkus",
                "quarkus-elytron-security-properties-file-deployment", quarkusVersion())))
                .overrideConfigKey("quarkus.http.auth.basic", "true")
                .overrideConfigKey("quarkus.security.users.embedded.enabled", "true")
                .overrideConfigKey("quarkus.security.users.embedded.plain-text", "true")
                .overrideConfigKey("quarkus.security.users.embedded.users.alice", alicePassword)
                .overrideConfigKey("quarkus.security.users.embedded.roles.alice", "clinician");
    }

    /** The Quarkus version of the build, for extensions a test adds as forced dependencies. */
    public static String quarkusVersion() {
        return System.getProperty("medplum.test.quarkus-version", "3.33.2");
    }

    public static QuarkusUnitTest plain(Class<?>... extra) {
        return new QuarkusUnitTest()
                // a free port: other test JVMs (CI steps, parallel builds) may hold 8081
                .overrideConfigKey("quarkus.http.test-port", "0")
                .withApplicationRoot(jar -> jar.addClasses(LoggingResource.class, ConsoleLines.class, TestApp.class,
                        Ids.class, LogFile.class).addClasses(extra));
    }
}
