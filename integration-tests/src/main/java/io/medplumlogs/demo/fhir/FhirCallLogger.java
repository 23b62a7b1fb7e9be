package io.medplumlogs.demo.fhir;

import org.jboss.logging.Logger;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.api.RestOperationTypeEnum;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.exceptions.BaseServerResponseException;

/**
 * Logs each FHIR call as HAPI understood it, on the servlet's worker thread. Only the path is logged, never the
 * query: search values are PHI.
 */
@Interceptor
public class FhirCallLogger {

    private static final Logger LOG = Logger.getLogger(FhirCallLogger.class);

    @Hook(Pointcut.SERVER_INCOMING_REQUEST_PRE_HANDLED)
    public void preHandled(RequestDetails request, RestOperationTypeEnum operation) {
        LOG.infof("FHIR %s %s", operation.getCode(), request.getRequestPath());
    }

    @Hook(Pointcut.SERVER_HANDLE_EXCEPTION)
    public boolean failed(RequestDetails request, BaseServerResponseException exception) {
        if (exception.getStatusCode() >= 500) {
            LOG.errorf(exception, "FHIR %s failed with %d", request.getRequestPath(), exception.getStatusCode());
        } else {
            LOG.infof("FHIR %s answered %d", request.getRequestPath(), exception.getStatusCode());
        }
        return true;
    }
}
