package dev.iotemulator.internal.broker;

import io.moquette.broker.security.IAuthenticator;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The opaque per-link identity: every link presents a random token as its MQTT username and a random secret as its
 * password, and the broker accepts only tokens this class issued. The token also names the link in Moquette's connect
 * event, which says when the broker has marked the session connected.
 */
final class LinkTokens implements IAuthenticator {

    private static final Logger LOG = LoggerFactory.getLogger(LinkTokens.class);
    private static final SecureRandom RANDOM = new SecureRandom();

    /** A token the broker will accept once, for {@code clientId}. */
    record Issued(String token, byte[] secret) {
    }

    private record Entry(byte[] secret, String clientId, Runnable onReady) {
    }

    private final Map<String, Entry> byToken = new ConcurrentHashMap<>();

    Issued issue(String clientId, Runnable onReady) {
        byte[] raw = new byte[18];
        RANDOM.nextBytes(raw);
        String token = "link-" + Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
        byte[] secret = new byte[24];
        RANDOM.nextBytes(secret);
        byToken.put(token, new Entry(secret, clientId, onReady));
        return new Issued(token, secret);
    }

    void revoke(String token) {
        byToken.remove(token);
    }

    /** Called by Moquette on its I/O thread; must not throw. */
    @Override
    public boolean checkValid(String clientId, String username, byte[] password) {
        try {
            Entry entry = username == null ? null : byToken.get(username);
            return entry != null && password != null && entry.clientId.equals(clientId)
                    && MessageDigest.isEqual(entry.secret, password);
        } catch (RuntimeException e) {
            LOG.error("event=broker_auth_error clientId={} error=\"{}\"", clientId, e.toString());
            return false;
        }
    }

    /** Moquette has marked the token's session connected: it will now process the link's packets. */
    void ready(String token) {
        Entry entry = token == null ? null : byToken.remove(token);
        if (entry != null) {
            entry.onReady.run();
        }
    }
}
