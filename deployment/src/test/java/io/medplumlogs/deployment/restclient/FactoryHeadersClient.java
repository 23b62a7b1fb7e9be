package io.medplumlogs.deployment.restclient;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.MultivaluedHashMap;
import jakarta.ws.rs.core.MultivaluedMap;

import org.eclipse.microprofile.rest.client.annotation.ClientHeaderParam;
import org.eclipse.microprofile.rest.client.annotation.RegisterClientHeaders;
import org.eclipse.microprofile.rest.client.ext.ClientHeadersFactory;

/** Sets trace headers the MicroProfile ways: a ClientHeadersFactory and @ClientHeaderParam. */
@RegisterClientHeaders(FactoryHeadersClient.Factory.class)
public interface FactoryHeadersClient {

    @GET
    @Path("/echo-all")
    String viaFactory();

    @GET
    @Path("/echo-all")
    @ClientHeaderParam(name = "X-Trace-Id", value = "annotated-7")
    String viaAnnotation();

    class Factory implements ClientHeadersFactory {
        @Override
        public MultivaluedMap<String, String> update(MultivaluedMap<String, String> incoming,
                MultivaluedMap<String, String> outgoing) {
            MultivaluedMap<String, String> headers = new MultivaluedHashMap<>();
            headers.putSingle("Traceparent", "00-aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa-bbbbbbbbbbbbbbbb-00");
            return headers;
        }
    }
}
