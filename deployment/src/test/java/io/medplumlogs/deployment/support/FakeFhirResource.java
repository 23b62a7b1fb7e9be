package io.medplumlogs.deployment.support;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Response;

/** Just enough of a FHIR API's URL space to see the audit classify it (the real HAPI server is in integration-tests). */
@Path("/")
public class FakeFhirResource {

    // One method per URL shape the classifier must tell apart (read, search, create, a non-FHIR base): they look
    // alike because JAX-RS wants one annotated method per path, not because the logic repeats.

    @GET
    @Path("/fhir/R4/{type}/{id}")
    public String read(@PathParam("type") String type, @PathParam("id") String id) {
        return "{}";
    }

    @GET
    @Path("/fhir/R4/{type}")
    public String search(@PathParam("type") String type) {
        return "{}";
    }

    @POST
    @Path("/fhir/R4/{type}")
    public Response create(@PathParam("type") String type, String body) {
        return Response.status(201).build();
    }

    @GET
    @Path("/api/v2/{type}/{id}")
    public String otherBase(@PathParam("type") String type, @PathParam("id") String id) {
        return "{}";
    }

    @GET
    @Path("/slow")
    public String slow() throws InterruptedException {
        Thread.sleep(1500);
        return "late";
    }
}
