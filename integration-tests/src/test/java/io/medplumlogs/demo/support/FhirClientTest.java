package io.medplumlogs.demo.support;

import java.net.URL;

import org.junit.jupiter.api.BeforeEach;

import ca.uhn.fhir.rest.client.api.IGenericClient;
import io.quarkus.test.common.http.TestHTTPResource;

/** Base of the tests that drive the demo server with HAPI's generic client: a fresh client and {@link ResponseIds} per test. */
public abstract class FhirClientTest {

    @TestHTTPResource("/fhir/R4")
    protected URL base;

    protected IGenericClient client;
    /** The IDs of the client's last response. */
    protected ResponseIds ids;

    @BeforeEach
    void client() {
        ids = new ResponseIds();
        client = FhirClients.client(base, ids);
    }
}
