package io.medplumlogs.forwarder.testing;

/** Sample lines in our log contract (docs/modules/ROOT/pages/log-contract.adoc). */
public final class ContractLines {

    /** An audit line inside a traced request. */
    public static final String REQUEST_SERVED = "{\"timestamp\":\"2026-01-02T03:04:05.678Z\",\"level\":\"WARN\","
            + "\"msg\":\"Request served\",\"logger\":\"io.medplumlogs.audit\","
            + "\"requestId\":\"5f0c6c1e-0b7e-4b8a-9d1f-3f7f5a0e2c11\","
            + "\"traceId\":\"4bf92f3577b34da6a3ce929d0e0e4736\",\"spanId\":\"00f067aa0ba902b7\","
            + "\"method\":\"GET\",\"status\":200}";

    /**
     * A {@code Request served} line exactly as the extension writes it for a FHIR search (field order, types and
     * redaction as in the runtime's {@code RequestAudit} and {@code log-contract.adoc}).
     */
    public static final String REQUEST_SERVED_FHIR_SEARCH = "{\"timestamp\":\"2026-01-02T03:04:05.678Z\","
            + "\"level\":\"INFO\",\"msg\":\"Request served\",\"logger\":\"io.medplumlogs.audit\","
            + "\"method\":\"GET\",\"path\":\"/fhir/R4/Patient?name=***&_count=10\",\"status\":200,"
            + "\"durationMs\":12,\"ip\":\"198.51.100.7\",\"ua\":\"HAPI-FHIR/8.6.1 (FHIR Client; FHIR 4.0.1/R4)\","
            + "\"receivedAt\":\"2026-01-02T03:04:05.666Z\",\"user\":\"3f9a1c0b5d2e4f60\","
            + "\"requestId\":\"5f0c6c1e-0b7e-4b8a-9d1f-3f7f5a0e2c11\",\"traceId\":\"4bf92f3577b34da6a3ce929d0e0e4736\","
            + "\"spanId\":\"00f067aa0ba902b7\",\"interaction\":\"search-type\",\"resourceType\":\"Patient\"}";

    private ContractLines() {
    }
}
