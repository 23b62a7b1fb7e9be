package io.medplumlogs.runtime.identity;

import java.security.Principal;
import java.util.concurrent.atomic.AtomicBoolean;

import org.jboss.logging.Logger;

import io.quarkus.security.identity.SecurityIdentity;

/**
 * The name of an authenticated identity's principal, as the audit and login lines read it. The principal is the
 * application's (its own mechanism's or identity provider's), and its {@code getName()} may throw, e.g. when it loads
 * the name lazily from a directory that is down. Reading it for a log line must never fail the request the
 * application is serving, nor cost the line: such a name is read as absent, and the first time it happens a warning
 * names the exception's class (never its message, which may hold anything).
 */
public final class PrincipalName {

    private static final Logger LOG = Logger.getLogger(PrincipalName.class);
    private static final AtomicBoolean WARNED = new AtomicBoolean();

    private PrincipalName() {
    }

    /**
     * Whether there is an identity and it is not anonymous; an identity that cannot tell (its {@code isAnonymous()}
     * throws) counts as authenticated, since a mechanism handed it over as the result of an authentication.
     */
    public static boolean authenticated(SecurityIdentity identity) {
        try {
            return identity != null && !identity.isAnonymous();
        } catch (OutOfMemoryError e) {
            throw e;
        } catch (Throwable e) {
            return true;
        }
    }

    /** The principal's name; {@code null} for no identity, an anonymous one, or a name that cannot be read. */
    public static String of(SecurityIdentity identity) {
        if (!authenticated(identity)) {
            return null;
        }
        try {
            Principal principal = identity.getPrincipal();
            return principal == null ? null : principal.getName();
        } catch (OutOfMemoryError e) {
            throw e; // the process', not the principal's (a StackOverflowError is the principal's own recursion)
        } catch (Throwable e) {
            // any throwable: a checked exception thrown where none is declared (Kotlin, @SneakyThrows) or an Error
            // such as NoClassDefFoundError escaped into Quarkus' authentication as surely as a RuntimeException
            if (WARNED.compareAndSet(false, true)) {
                LOG.warnf("The authenticated principal's name could not be read (%s): audit and login lines of such"
                        + " requests are written without their user field", e.getClass().getName());
            }
            return null;
        }
    }
}
