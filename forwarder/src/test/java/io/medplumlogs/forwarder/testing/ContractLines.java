package io.medplumlogs.forwarder.testing;

/** Sample lines in our log contract (see the design note log-contract.md). */
public final class ContractLines {

    /** An audit line inside a traced request. */
    public static final String REQUEST_SERVED = "{\"timestamp\":\"2026-01-02T03:04:05.678Z\",\"level\":\"WARN\","
            + "\"msg\":\"Request served\",\"logger\":\"io.medplumlogs.audit\","
            + "\"requestId\":\"5f0c6c1e-0b7e-4b8a-9d1f-3f7f5a0e2c11\","
            + "\"traceId\":\"4bf92f3577b34da6a3ce929d0e0e4736\",\"spanId\":\"00f067aa0ba902b7\","
            + "\"method\":\"GET\",\"status\":200}";

    private ContractLines() {
    }
}
