package dev.iotemulator.internal.mqtt;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * Builds AWS IoT lifecycle event payloads field for field as the developer guide's "Lifecycle events" page shows
 * them: millisecond timestamps, {@code ipAddress} only on connects, {@code clientInitiatedDisconnect} and
 * {@code disconnectReason} only on disconnects, and a {@code versionNumber} shared by a connect and its disconnect.
 */
public final class LifecycleEvents {

    public static final String PRESENCE = "$aws/events/presence/";
    public static final String SUBSCRIPTIONS = "$aws/events/subscriptions/";
    private static final ObjectMapper JSON = new ObjectMapper();

    /** What every event says about the connection. */
    public record Session(String clientId, String sessionIdentifier, String principalIdentifier, String ipAddress) {
    }

    private LifecycleEvents() {
    }

    /** AWS publishes no lifecycle events for client ids containing {@code +} or {@code #}. */
    public static boolean publishesEventsFor(String clientId) {
        return clientId.indexOf('+') < 0 && clientId.indexOf('#') < 0;
    }

    public static String connectedTopic(String clientId) {
        return PRESENCE + "connected/" + clientId;
    }

    public static String disconnectedTopic(String clientId) {
        return PRESENCE + "disconnected/" + clientId;
    }

    public static String connectFailedTopic(String clientId) {
        return PRESENCE + "connect_failed/" + clientId;
    }

    public static String subscriptionTopic(boolean subscribed, String clientId) {
        return SUBSCRIPTIONS + (subscribed ? "subscribed/" : "unsubscribed/") + clientId;
    }

    public static String connected(Session s, long timestampMillis, long versionNumber) {
        return base(s, timestampMillis, "connected")
                .put("sessionIdentifier", s.sessionIdentifier())
                .put("principalIdentifier", s.principalIdentifier())
                .put("ipAddress", s.ipAddress())
                .put("versionNumber", versionNumber)
                .toString();
    }

    public static String disconnected(Session s, long timestampMillis, boolean clientInitiated,
            DisconnectReason reason, long versionNumber) {
        return base(s, timestampMillis, "disconnected")
                .put("sessionIdentifier", s.sessionIdentifier())
                .put("principalIdentifier", s.principalIdentifier())
                .put("clientInitiatedDisconnect", clientInitiated)
                .put("disconnectReason", reason.name())
                .put("versionNumber", versionNumber)
                .toString();
    }

    public static String connectFailed(Session s, long timestampMillis, String failureReason) {
        return base(s, timestampMillis, "connect_failed")
                .put("connectFailureReason", failureReason)
                .put("principalIdentifier", s.principalIdentifier())
                .put("sessionIdentifier", s.sessionIdentifier())
                .put("ipAddress", s.ipAddress())
                .toString();
    }

    public static String subscription(Session s, long timestampMillis, boolean subscribed, List<String> filters) {
        ObjectNode node = base(s, timestampMillis, subscribed ? "subscribed" : "unsubscribed")
                .put("sessionIdentifier", s.sessionIdentifier())
                .put("principalIdentifier", s.principalIdentifier());
        ArrayNode topics = node.putArray("topics");
        filters.forEach(topics::add);
        return node.toString();
    }

    private static ObjectNode base(Session s, long timestampMillis, String eventType) {
        return JSON.createObjectNode()
                .put("clientId", s.clientId())
                .put("timestamp", timestampMillis)
                .put("eventType", eventType);
    }
}
