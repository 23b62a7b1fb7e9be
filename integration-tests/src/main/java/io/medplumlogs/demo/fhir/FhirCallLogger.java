package io.medplumlogs.demo.fhir;

import org.jboss.logging.Logger;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.api.RestOperationTypeEnum;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.exceptions.BaseServerResponseException;

/**
 * Logs each FHIR call as HAPI understood it, on the servlet's worker thread: the interaction and the resource type,
 * never the request path or query. Search values are PHI, and a path holds whatever id the client typed (HAPI's
 * "Resource Patient/Homer.Simpson is not known"); the audit line already records the path, once, redacted.
 */
@Interceptor
public class FhirCallLogger {

    private static final Logger LOG = Logger.getLogger(FhirCallLogger.class);

    @Hook(Pointcut.SERVER_INCOMING_REQUEST_PRE_HANDLED)
    public void preHandled(RequestDetails request, RestOperationTypeEnum operation) {
        LOG.infof("FHIR %s", describe(operation, request));
    }

    @Hook(Pointcut.SERVER_HANDLE_EXCEPTION)
    public boolean failed(RequestDetails request, BaseServerResponseException exception) {
        String call = describe(request.getRestOperationType(), request);
        if (exception.getStatusCode() >= 500) {
            LOG.errorf(exception, "FHIR %s failed with %d", call, exception.getStatusCode());
        } else {
            LOG.infof("FHIR %s answered %d", call, exception.getStatusCode());
        }
        return true;
    }

    /**
     * "read Patient", "metadata". The type only once HAPI matched the call to a method, which it does for known
     * types only: before that the type is whatever text the client sent ("request" then).
     */
    private static String describe(RestOperationTypeEnum operation, RequestDetails request) {
        if (operation == null) {
            return "request";
        }
        String type = request.getResourceName();
        return type == null ? operation.getCode() : operation.getCode() + " " + type;
    }
}
