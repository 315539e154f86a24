package dev.iotemulator.internal.mqtt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Payloads compared field by field with the shapes on the AWS "Lifecycle events" page. */
class LifecycleEventsTest {

    static final ObjectMapper JSON = new ObjectMapper();
    final LifecycleEvents.Session session = new LifecycleEvents.Session("client-1",
            "a4666d2a7d844ae4ac5d7b38c9cb7967", "000000000000/AKIAIOSFODNN7EXAMPLE", "192.0.2.0");

    @Test
    void connected_has_exactly_the_aws_fields() throws Exception {
        JsonNode e = JSON.readTree(LifecycleEvents.connected(session, 1573002230757L, 1));
        assertEquals(List.of("clientId", "timestamp", "eventType", "sessionIdentifier", "principalIdentifier",
                "ipAddress", "versionNumber"), fields(e));
        assertEquals("connected", e.get("eventType").asText());
        assertEquals(1573002230757L, e.get("timestamp").asLong());
        assertEquals("192.0.2.0", e.get("ipAddress").asText());
        assertEquals(1, e.get("versionNumber").asLong());
    }

    @Test
    void disconnected_has_the_reason_and_no_ip_address() throws Exception {
        JsonNode e = JSON.readTree(LifecycleEvents.disconnected(session, 1573002340451L, true,
                DisconnectReason.CLIENT_INITIATED_DISCONNECT, 1));
        assertEquals(List.of("clientId", "timestamp", "eventType", "sessionIdentifier", "principalIdentifier",
                "clientInitiatedDisconnect", "disconnectReason", "versionNumber"), fields(e));
        assertTrue(e.get("clientInitiatedDisconnect").asBoolean());
        assertEquals("CLIENT_INITIATED_DISCONNECT", e.get("disconnectReason").asText());
    }

    @Test
    void connect_failed_names_the_failure_reason() throws Exception {
        JsonNode e = JSON.readTree(LifecycleEvents.connectFailed(session, 1L, "AUTHORIZATION_FAILED"));
        assertEquals(List.of("clientId", "timestamp", "eventType", "connectFailureReason", "principalIdentifier",
                "sessionIdentifier", "ipAddress"), fields(e));
    }

    @Test
    void subscription_events_list_the_filters() throws Exception {
        JsonNode e = JSON.readTree(LifecycleEvents.subscription(session, 1L, false, List.of("a/#", "b")));
        assertEquals("unsubscribed", e.get("eventType").asText());
        assertEquals("[\"a/#\",\"b\"]", e.get("topics").toString());
        assertEquals("$aws/events/subscriptions/unsubscribed/client-1", LifecycleEvents.subscriptionTopic(false,
                "client-1"));
    }

    @Test
    void client_ids_with_wildcards_get_no_events() {
        assertFalse(LifecycleEvents.publishesEventsFor("a+b"));
        assertFalse(LifecycleEvents.publishesEventsFor("a#"));
        assertTrue(LifecycleEvents.publishesEventsFor("device-1"));
    }

    @Test
    void only_a_client_initiated_disconnect_suppresses_the_will() {
        for (DisconnectReason r : DisconnectReason.values()) {
            assertEquals(r != DisconnectReason.CLIENT_INITIATED_DISCONNECT, r.willPublished(), r.name());
        }
    }

    @Test
    void keep_alive_is_clamped_to_aws_range() {
        assertEquals(1200, KeepAlive.clamp(0));
        assertEquals(1200, KeepAlive.clamp(5000));
        assertEquals(30, KeepAlive.clamp(1));
        assertEquals(30, KeepAlive.clamp(29));
        assertEquals(60, KeepAlive.clamp(60));
        assertEquals(45_000, KeepAlive.timeoutMillis(10));
    }

    @Test
    void an_empty_retained_payload_deletes_and_qos_0_is_stored() {
        RetainedStore store = new RetainedStore();
        store.retain("a/b", new byte[] {1}, 0, 10);
        assertEquals(0, store.get("a/b").orElseThrow().qos());
        store.retain("a/b", new byte[0], 1, 11);
        assertTrue(store.get("a/b").isEmpty());
    }

    private static List<String> fields(JsonNode e) {
        List<String> names = new ArrayList<>();
        e.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
