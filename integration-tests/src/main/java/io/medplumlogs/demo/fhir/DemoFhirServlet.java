package io.medplumlogs.demo.fhir;

import java.util.ArrayList;
import java.util.List;

import jakarta.servlet.annotation.WebServlet;

import org.eclipse.microprofile.config.ConfigProvider;

import ca.uhn.fhir.rest.api.EncodingEnum;
import ca.uhn.fhir.rest.server.RestfulServer;
import ca.uhn.fhir.rest.server.interceptor.LoggingInterceptor;

/**
 * The demo's FHIR R4 server: a HAPI plain server over in-memory providers, served by Undertow at
 * {@code /fhir/R4}. Supports the RESTful interactions a FHIR client uses (CRUD, conditional create/update/delete,
 * JSON Patch, vread, history at three levels, search by GET and POST, capabilities, batch and transaction) and
 * two operations ({@code $everything} on a Patient, {@code $ping} on the system and on each type).
 */
@WebServlet(urlPatterns = "/fhir/R4/*", loadOnStartup = 1, displayName = "FHIR R4")
public class DemoFhirServlet extends RestfulServer {

    private static final long serialVersionUID = 1L;

    public DemoFhirServlet() {
        super(Fhir.CONTEXT);
    }

    @Override
    protected void initialize() {
        FhirStore store = new FhirStore();
        setResourceProviders(new ArrayList<>(store.providers()));
        setPlainProviders(List.of(new SystemProvider(store)));
        setDefaultResponseEncoding(EncodingEnum.JSON);
        registerInterceptor(new FhirCallLogger());
        registerInterceptor(accessLog());
    }

    /**
     * HAPI's own access log, set up as HAPI's JPA server starter does it (its {@code hapi.fhir.logger} settings, the
     * format of HAPI's documentation): one line per call with the parameters HAPI read, a {@code POST _search} form
     * body's included ({@code Params[?name=...]}), and one per failed call. An app that copies this gets search
     * values in its messages; the extension redacts them ({@code Params[?name=***]}), which {@code AccessLogPhiIT}
     * checks. With {@code demo.access-log.exception-message=true} the error line ends with
     * {@code ${exceptionMessage}} as well (HAPI's message, which quotes values: {@code HAPI-1940: Invalid
     * date/time/quantity format: "..."}), as an app adding the reason to its error line would have it.
     */
    static LoggingInterceptor accessLog() {
        LoggingInterceptor accessLog = new LoggingInterceptor();
        accessLog.setLoggerName("fhirtest.access");
        accessLog.setMessageFormat("Path[${servletPath}] Source[${requestHeader.x-forwarded-for}]"
                + " Operation[${operationType} ${operationName} ${idOrResourceName}]"
                + " UA[${requestHeader.user-agent}] Params[${requestParameters}]"
                + " ResponseEncoding[${responseEncodingNoDefault}]");
        accessLog.setLogExceptions(true);
        boolean exceptionMessage = ConfigProvider.getConfig()
                .getOptionalValue("demo.access-log.exception-message", Boolean.class).orElse(false);
        accessLog.setErrorMessageFormat(
                "ERROR - ${requestVerb} ${requestUrl}" + (exceptionMessage ? " ${exceptionMessage}" : ""));
        return accessLog;
    }
}
