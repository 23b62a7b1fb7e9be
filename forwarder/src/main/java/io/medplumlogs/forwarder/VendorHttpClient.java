package io.medplumlogs.forwarder;

import java.net.http.HttpClient;
import java.time.Duration;
import javax.net.ssl.SSLContext;

/**
 * The one HTTP client for vendor intakes, created once per execution environment and reused by every invocation (its
 * connection pool is what makes warm invocations cheap). TLS uses the JDK's default trust store and hostname checks;
 * nothing here can turn verification off.
 */
public final class VendorHttpClient {

    private static final HttpClient SHARED = create(null);

    private VendorHttpClient() {
    }

    public static HttpClient shared() {
        return SHARED;
    }

    /** A client that trusts what {@code sslContext} trusts (tests: a self-signed certificate); {@code null} = JDK default. */
    public static HttpClient create(SSLContext sslContext) {
        HttpClient.Builder builder = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(Duration.ofSeconds(5));
        if (sslContext != null) {
            builder.sslContext(sslContext);
        }
        return builder.build();
    }
}
