package io.medplumlogs.demo.support;

import java.net.URL;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.client.api.IClientInterceptor;
import ca.uhn.fhir.rest.client.api.IGenericClient;
import ca.uhn.fhir.rest.client.api.ServerValidationModeEnum;

/** HAPI generic clients for the demo server. */
public final class FhirClients {

    private static final FhirContext CONTEXT = FhirContext.forR4Cached();

    static {
        // No implicit GET /metadata before the first call: each client call is exactly one request.
        CONTEXT.getRestfulClientFactory().setServerValidationMode(ServerValidationModeEnum.NEVER);
    }

    private FhirClients() {
    }

    public static FhirContext context() {
        return CONTEXT;
    }

    public static IGenericClient client(URL base, IClientInterceptor... interceptors) {
        IGenericClient client = CONTEXT.newRestfulGenericClient(base.toString());
        for (IClientInterceptor interceptor : interceptors) {
            client.registerInterceptor(interceptor);
        }
        return client;
    }
}
