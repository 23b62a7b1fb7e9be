package io.medplumlogs.demo.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.SecurityContext;

import org.jboss.logging.Logger;

/** Basic-auth protected: users and roles in test-users.properties / test-roles.properties. */
@Path("/secure")
public class SecureResource {

    private static final Logger LOG = Logger.getLogger(SecureResource.class);

    @GET
    @Path("/whoami")
    @RolesAllowed("clinician")
    public String whoami(@Context SecurityContext security) {
        LOG.info("secure endpoint called");
        return security.getUserPrincipal().getName();
    }
}
