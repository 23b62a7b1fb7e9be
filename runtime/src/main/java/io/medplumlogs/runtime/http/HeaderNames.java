package io.medplumlogs.runtime.http;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import io.medplumlogs.runtime.correlation.RequestCorrelation;
import io.netty.util.AsciiString;

/**
 * The header names the extension reads or writes on every request, as Netty {@link AsciiString}s. Why: Vert.x hashes
 * a {@code String} name character by character on every lookup and encodes a {@code String} header byte by byte,
 * while an {@code AsciiString} keeps its hash and is copied into the response in one go. On a trivial endpoint the
 * trace-header lookups and the two response headers were about a tenth of the request's CPU samples.
 */
public final class HeaderNames {

    public static final AsciiString TRACEPARENT = AsciiString.cached(RequestCorrelation.TRACEPARENT);
    public static final AsciiString TRACESTATE = AsciiString.cached(RequestCorrelation.TRACESTATE);
    public static final AsciiString X_TRACE_ID = AsciiString.cached(RequestCorrelation.X_TRACE_ID);
    public static final AsciiString X_AMZN_TRACE_ID = AsciiString.cached(RequestCorrelation.X_AMZN_TRACE_ID);
    public static final AsciiString X_REQUEST_ID = AsciiString.cached(RequestCorrelation.X_REQUEST_ID);
    public static final AsciiString USER_AGENT = AsciiString.cached("User-Agent");
    public static final AsciiString IF_NONE_EXIST = AsciiString.cached("If-None-Exist");
    public static final AsciiString CONTENT_TYPE = AsciiString.cached("Content-Type");
    public static final AsciiString AUTHORIZATION = AsciiString.cached("Authorization");

    private static final Map<String, AsciiString> BY_NAME = Map.of(RequestCorrelation.TRACEPARENT, TRACEPARENT,
            RequestCorrelation.TRACESTATE, TRACESTATE, RequestCorrelation.X_TRACE_ID, X_TRACE_ID,
            RequestCorrelation.X_AMZN_TRACE_ID, X_AMZN_TRACE_ID);

    private HeaderNames() {
    }

    /** The {@code AsciiString} of one of the trace headers' names, else the name itself. */
    public static CharSequence of(String name) {
        AsciiString known = BY_NAME.get(name);
        return known != null ? known : name;
    }

    /**
     * A header value for the response. Only for values the extension made or validated (request and trace IDs,
     * printable ASCII): a character above U+00FF would not survive, as it would not in Vert.x' own encoding.
     */
    public static AsciiString value(String ascii) {
        return new AsciiString(ascii.getBytes(StandardCharsets.ISO_8859_1), false);
    }
}
