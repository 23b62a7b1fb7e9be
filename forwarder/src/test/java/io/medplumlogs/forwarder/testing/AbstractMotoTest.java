package io.medplumlogs.forwarder.testing;

import io.medplumlogs.contract.Vendor;
import io.medplumlogs.forwarder.ForwarderHandler;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Base of the tests against a real {@code moto_server}: JUnit starts {@link #MOTO} for each test class in turn (test
 * classes run one after the other) and empties it before each test; {@link #start(Vendor)} gives the test a forwarder
 * whose DLQ, on-failure queue and secret are in moto, closed after the test.
 */
public abstract class AbstractMotoTest {

    @RegisterExtension
    protected static final MotoServer MOTO = new MotoServer();

    protected ForwarderFixture fixture;

    /** Starts the fake vendor and moto's queues and secret; change {@code fixture.environment()} before {@code handler()}. */
    protected ForwarderFixture startFixture(Vendor vendor) {
        fixture = ForwarderFixture.start(vendor, MOTO);
        return fixture;
    }

    /** Starts the fixture and returns a handler on its environment as it is at start. */
    protected ForwarderHandler start(Vendor vendor) {
        return startFixture(vendor).handler();
    }

    @AfterEach
    void closeFixture() {
        if (fixture != null) {
            fixture.close();
        }
    }
}
