package dev.iotemulator.internal.store;

import java.util.regex.Pattern;

/**
 * The collections the emulator keeps, and the rule for new ones: {@code <feature>.<name>}, lower case, so that each
 * feature's documents are apart from every other's.
 */
public final class CollectionNames {

    /** Device Shadow documents by {@code <thing>/<shadow name>} ({@code ""} for the classic shadow). */
    public static final String SHADOWS = "shadow.documents";
    /** Retained messages by topic. */
    public static final String RETAINED = "mqtt.retained";
    /** Persistent sessions by client id: subscriptions and when the client went away. */
    public static final String SESSIONS = "session.state";
    /** The QoS 1 messages persistent sessions hold, by {@code <client id>\u0000<sequence number>}. */
    public static final String SESSION_MESSAGES = "session.messages";
    /** Device certificate status changes by certificate id. */
    public static final String CERTIFICATE_STATUS = "tls.certificate-status";

    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9-]*(\\.[a-z][a-z0-9-]*)+");

    private CollectionNames() {
    }

    /** Refuses a name that is not {@code <feature>.<name>}. */
    static String check(String collection) {
        if (collection == null || !NAME.matcher(collection).matches()) {
            throw new IllegalArgumentException("a collection is named <feature>.<name> in lower case, such as "
                    + SHADOWS + ", not " + collection);
        }
        return collection;
    }
}
