package io.medplumlogs.bench.http;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import org.jboss.logging.Logger;

/** One application log line per FHIR request, so that every variant writes the same app lines. */
@Interceptor
public class ReadLogger {

    private static final Logger LOG = Logger.getLogger(ReadLogger.class);

    @Hook(Pointcut.SERVER_INCOMING_REQUEST_PRE_HANDLED)
    public void handled(RequestDetails request) {
        LOG.infof("FHIR %s %s", request.getRestOperationType(), request.getResourceName());
        AppLines.logged(1);
    }
}
