package io.medplumlogs.demo.support;

import java.util.List;

import ca.uhn.fhir.rest.client.api.IClientInterceptor;
import ca.uhn.fhir.rest.client.api.IHttpRequest;
import ca.uhn.fhir.rest.client.api.IHttpResponse;

/**
 * A HAPI client interceptor that remembers the IDs of the last response and, when given one, sends a trace header
 * on every request.
 */
public final class ResponseIds implements IClientInterceptor {

    private volatile String traceHeader;
    private volatile String traceValue;
    private volatile String requestId;
    private volatile String traceId;
    private volatile int status;

    /** Sends {@code name: value} on the following requests ({@code null} name: none). */
    public ResponseIds sending(String name, String value) {
        this.traceHeader = name;
        this.traceValue = value;
        return this;
    }

    @Override
    public void interceptRequest(IHttpRequest request) {
        if (traceHeader != null) {
            request.addHeader(traceHeader, traceValue);
        }
    }

    @Override
    public void interceptResponse(IHttpResponse response) {
        requestId = single(response.getHeaders("X-Request-Id"));
        traceId = single(response.getHeaders("X-Trace-Id"));
        status = response.getStatus();
    }

    private static String single(List<String> values) {
        return values == null || values.size() != 1 ? null : values.get(0);
    }

    // (Accessors, alike by nature.)
    public String requestId() {
        return requestId;
    }

    public String traceId() {
        return traceId;
    }

    public int status() {
        return status;
    }
}
