package io.medplumlogs.forwarder;

import io.medplumlogs.contract.IntakeBaseUrl;
import java.net.URI;
import java.util.Locale;

/**
 * Endpoint URLs must be https; plain http only reaches loopback (local fakes), never a network. None has user info.
 */
public final class Endpoints {

    private Endpoints() {
    }

    /**
     * Errors never quote the URL: for Sumo Logic the URL is the credential.
     *
     * @param source what to name in the error, e.g. the environment variable
     */
    public static URI requireSecure(String source, String url) {
        URI uri;
        try {
            uri = new URI(url.trim());
        } catch (java.net.URISyntaxException e) {
            // getMessage() would repeat the input; reason and position are enough to find the mistake
            throw new InvalidSettingException(source, "not a URL (" + e.getReason() + " at index " + e.getIndex()
                    + ")");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (uri.getHost() == null || !(scheme.equals("https") || scheme.equals("http"))) {
            throw new InvalidSettingException(source, "must be an absolute https:// URL");
        }
        if (uri.getRawUserInfo() != null) {
            // no SQS queue URL, AWS endpoint or intake URL has one: it would be a credential, and the DLQ URL is
            // written in the "Forwarder ready" line
            throw new InvalidSettingException(source, "has user info (name:password@), which no URL here has");
        }
        if (scheme.equals("http") && !isLoopback(uri.getHost())) {
            throw new InvalidSettingException(source,
                    "plain http:// is accepted only for loopback addresses (127.0.0.0/8, ::1, localhost); use https://");
        }
        return uri;
    }

    /**
     * {@link #requireSecure} for an intake base URL, to which the forwarder appends {@code path} itself: scheme, host
     * and port only ({@link IntakeBaseUrl}).
     */
    public static URI requireBase(String source, String url, String path, String example) {
        URI uri = requireSecure(source, url);
        IntakeBaseUrl.problem(uri).ifPresent(problem -> {
            throw new InvalidSettingException(source, "must be the base URL only (scheme, host, port), but it "
                    + problem + "; the forwarder appends " + path + " itself, e.g. " + example);
        });
        return uri;
    }

    static boolean isLoopback(String host) {
        String h = host.toLowerCase(Locale.ROOT);
        if (h.startsWith("[") && h.endsWith("]")) {
            h = h.substring(1, h.length() - 1);
        }
        return h.equals("localhost") || h.equals("::1") || h.equals("0:0:0:0:0:0:0:1")
                || h.matches("127\\.\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}");
    }

    /** {@code base} + {@code path} without doubling or dropping the slash between them. */
    public static URI resolve(URI base, String path) {
        String b = base.toString();
        return URI.create((b.endsWith("/") ? b.substring(0, b.length() - 1) : b) + path);
    }
}
