package io.medplumlogs.runtime.audit;

import java.util.Objects;

import io.medplumlogs.runtime.http.HeaderNames;
import io.medplumlogs.runtime.identity.UserIdentity;
import io.medplumlogs.runtime.network.ClientAddress;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.net.SocketAddress;

/**
 * Who sent a request, as audit and login lines write it: the client IP (forwarding headers believed only from
 * trusted proxies), the user agent, and the user per the identity rule. One instance per application start, shared
 * by both kinds of line so that one account hashes to the same value in both, even with a per-process key.
 */
public final class Requesters {

    private static final int MAX_USER_AGENT = 512;
    private static volatile Requesters current;

    private final ClientAddress clientAddress;
    private final UserIdentity users;

    public Requesters(ClientAddress clientAddress, UserIdentity users) {
        this.clientAddress = Objects.requireNonNull(clientAddress);
        this.users = Objects.requireNonNull(users);
    }

    /** Makes this the instance login lines use (set at start-up, replaced on dev-mode reload). */
    public Requesters install() {
        current = this;
        return this;
    }

    /** The instance of the running application, or {@code null} before start-up. */
    public static Requesters current() {
        return current;
    }

    public String ip(HttpServerRequest request) {
        // Not request.remoteAddress(): with quarkus.http.proxy.proxy-address-forwarding, Quarkus' forwarded-request
        // wrapper answers that from the client-written headers. The connection is the socket's peer (or the
        // source of a PROXY protocol header, which Vert.x reads off the connection when that protocol is on).
        HttpConnection connection = request.connection();
        SocketAddress peer = connection == null ? null : connection.remoteAddress();
        return clientAddress.clientIp(peer == null ? null : peer.hostAddress(), request.headers()::getAll);
    }

    /**
     * The User-Agent as sent, UTF-8 decoded where valid (escaped later by the JSON line), capped so one header
     * can't fill a line.
     */
    public static String userAgent(HttpServerRequest request) {
        String ua = HeaderText.decoded(request.getHeader(HeaderNames.USER_AGENT));
        if (ua == null || ua.length() <= MAX_USER_AGENT) {
            return ua;
        }
        // never half a surrogate pair: the cut falls before a character that does not fit whole
        int end = Character.isHighSurrogate(ua.charAt(MAX_USER_AGENT - 1)) ? MAX_USER_AGENT - 1 : MAX_USER_AGENT;
        return ua.substring(0, end);
    }

    /** The user per the identity rule; {@code null} when the rule is {@code none} or there is no name. */
    public String user(String name) {
        return users.forLog(name).orElse(null);
    }

    /** The keyed hash of a failed login's typed name; {@code null} when the rule is {@code none} or there is none. */
    public String failedLoginUser(String typedName) {
        return users.forFailedLogin(typedName).orElse(null);
    }
}
