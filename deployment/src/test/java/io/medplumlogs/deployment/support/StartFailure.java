package io.medplumlogs.deployment.support;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import io.quarkus.test.QuarkusUnitTest;

/**
 * An application that must not start, for tests that assert the start-up error in their body:
 *
 * <pre>
 * &#64;RegisterExtension
 * static final StartFailure APP = StartFailure.failsToStart(TestApp.plain().overrideConfigKey(key, bad));
 *
 * &#64;Test
 * void namesTheKey() {
 *     assertThat(APP.messages()).contains(key);
 * }
 * </pre>
 *
 * {@link QuarkusUnitTest} skips every test method once it expects an exception, so the assertion would have to
 * live in {@code assertException}; this extension runs only its start and stop, records the failure, and leaves
 * the test methods to run as usual. If the application starts, the test class fails with "The build was expected
 * to fail".
 */
public final class StartFailure implements BeforeAllCallback, AfterAllCallback {

    private final QuarkusUnitTest app;
    private volatile Throwable failure;

    private StartFailure(QuarkusUnitTest app) {
        this.app = app.assertException(thrown -> failure = thrown);
    }

    /** {@code app}, expected to fail while it builds or starts. */
    public static StartFailure failsToStart(QuarkusUnitTest app) {
        return new StartFailure(app);
    }

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        app.beforeAll(context);
    }

    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        app.afterAll(context);
    }

    /** The start-up failure and all its causes (class and message), one per line. */
    public String messages() {
        assertThat(failure).as("start-up failure").isNotNull();
        StringBuilder all = new StringBuilder();
        for (Throwable t = failure; t != null; t = t.getCause()) {
            all.append(t).append('\n');
        }
        return all.toString();
    }
}
