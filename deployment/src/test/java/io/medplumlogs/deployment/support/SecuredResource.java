package io.medplumlogs.deployment.support;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;

/** {@code GET /secured}: only role {@code clinician} (user {@code alice} of {@link TestApp#withBasicAuth}). */
@Path("/secured")
public class SecuredResource {
    @GET
    @RolesAllowed("clinician")
    public String get() {
        return "ok";
    }
}
