package io.medplumlogs.deployment.restclient;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;

import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

@RegisterRestClient
public interface EchoClient {

    @GET
    @Path("/echo")
    String echo();
}
