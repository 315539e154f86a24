package dev.iotemulator.acceptance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.iotemulator.EmulatorOptions;
import dev.iotemulator.IotEmulator;
import dev.iotemulator.JournalEntry;
import dev.iotemulator.MessageNotReceivedException;
import dev.iotemulator.ReceivedMessage;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Tests ask the emulator what was published, with a deadline, and are told what did arrive when nothing matches. */
class AwaitMessageTest {

    static IotEmulator iot;

    @BeforeAll
    static void start() {
        iot = IotEmulator.start(EmulatorOptions.builder().dynamicPorts().build());
    }

    @AfterAll
    static void stop() {
        iot.close();
    }

    @BeforeEach
    void reset() {
        iot.reset();
    }

    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void await_message_returns_a_message_a_paho_client_publishes_while_the_test_waits() throws Exception {
        try (PahoClients.Client device = PahoClients.overWebSocket(iot.endpoints(), "thermometer-1")) {
            CompletableFuture<ReceivedMessage> awaited = CompletableFuture.supplyAsync(
                    () -> iot.awaitMessage("sensors/+/temperature", Duration.ofSeconds(10)));
            device.paho.publish("sensors/kitchen/temperature", utf8("21.5"), 1, false);
            ReceivedMessage message = awaited.get();
            assertEquals("sensors/kitchen/temperature", message.topic());
            assertEquals("21.5", message.payloadAsString());
            assertEquals(1, message.qos());
            assertFalse(message.retain());
            assertEquals("thermometer-1", message.clientId());
        }
    }

    @Test
    void await_message_returns_a_message_published_before_the_call() throws Exception {
        try (PahoClients.Client device = PahoClients.overWebSocket(iot.endpoints(), "early-bird")) {
            device.paho.publish("early/topic", utf8("first"), 1, false);
            ReceivedMessage message = iot.awaitMessage(m -> m.payloadAsString().equals("first"),
                    Duration.ofSeconds(10));
            assertEquals("early/topic", message.topic());
        }
    }

    @Test
    void await_message_uses_aws_matching_where_a_multi_level_wildcard_does_not_match_its_parent() throws Exception {
        try (PahoClients.Client device = PahoClients.overWebSocket(iot.endpoints(), "parent-publisher")) {
            device.paho.publish("fleet", utf8("parent"), 1, false);
            iot.awaitMessage("fleet", Duration.ofSeconds(10));
            assertThrows(MessageNotReceivedException.class,
                    () -> iot.awaitMessage("fleet/#", Duration.ofMillis(200)));
        }
    }

    @Test
    void a_time_out_lists_what_did_arrive_with_the_nearest_topic_first() throws Exception {
        try (PahoClients.Client device = PahoClients.overWebSocket(iot.endpoints(), "near-misser")) {
            device.paho.publish("zzz/unrelated", utf8("x"), 1, false);
            device.paho.publish("devices/d1/telemetryy", utf8("typo"), 1, false);
            device.paho.publish("devices/d2/status", utf8("up"), 1, false);
            iot.awaitMessage("devices/d2/status", Duration.ofSeconds(10));
            MessageNotReceivedException failure = assertThrows(MessageNotReceivedException.class,
                    () -> iot.awaitMessage("devices/d1/telemetry", Duration.ofMillis(300)));
            String text = failure.getMessage();
            assertTrue(text.contains("'devices/d1/telemetry'"), text);
            assertTrue(text.contains("did you mean"), text);
            int nearest = text.indexOf("devices/d1/telemetryy");
            int next = text.indexOf("devices/d2/status");
            int far = text.indexOf("zzz/unrelated");
            assertTrue(nearest > 0 && nearest < next && next < far, text);
            assertTrue(text.contains("client near-misser"), text);
        }
    }

    @Test
    void a_time_out_with_nothing_published_says_so() {
        MessageNotReceivedException failure = assertThrows(MessageNotReceivedException.class,
                () -> iot.awaitMessage("anything/#", Duration.ofMillis(100)));
        assertTrue(failure.getMessage().contains("No message was published at all"), failure.getMessage());
    }

    @Test
    void the_journal_records_connect_subscribe_publish_delivery_and_disconnect_with_the_principal() throws Exception {
        String principal = iot.endpoints().defaultCredentials().accessKeyId();
        try (PahoClients.Client device = PahoClients.overWebSocket(iot.endpoints(), "echo-1")) {
            device.paho.subscribe("echo/#", 1);
            device.paho.publish("echo/a", new byte[] {1, 2, (byte) 0xff}, 1, false);
            device.next();
        }
        Await.until(() -> kinds().contains(JournalEntry.Kind.DISCONNECT), Duration.ofSeconds(10),
                () -> "journal: " + kinds());
        assertEquals(List.of(JournalEntry.Kind.CONNECT, JournalEntry.Kind.SUBSCRIBE, JournalEntry.Kind.PUBLISH,
                JournalEntry.Kind.DELIVERY, JournalEntry.Kind.DISCONNECT), kinds());
        List<JournalEntry> entries = clientEntries();
        entries.forEach(e -> assertEquals("echo-1", e.clientId()));
        entries.forEach(e -> assertEquals(principal, e.principal()));
        assertEquals("echo/#", entries.get(1).topic());
        assertEquals(3, entries.get(2).payload().length);
        assertEquals("CLIENT_INITIATED_DISCONNECT", entries.get(4).detail());
        assertEquals("mqtt", entries.get(2).source());
        assertEquals(List.of("echo/a"), iot.journal().publishes().stream().filter(m -> "mqtt".equals(m.source()))
                .map(ReceivedMessage::topic).toList());
        assertEquals(List.of("$aws/events/presence/connected/echo-1", "$aws/events/subscriptions/subscribed/echo-1",
                "$aws/events/presence/disconnected/echo-1"), iot.journal().publishes().stream()
                .filter(m -> "service".equals(m.source())).map(ReceivedMessage::topic).toList());
        iot.journal().clear();
        assertTrue(iot.journal().entries().isEmpty());
    }

    @Test
    void a_journal_capacity_of_two_keeps_the_latest_two_entries() throws Exception {
        try (IotEmulator small = IotEmulator.start(EmulatorOptions.builder().dynamicPorts().journalCapacity(2).build());
                PahoClients.Client device = PahoClients.overWebSocket(small.endpoints(), "small-1")) {
            for (int i = 0; i < 5; i++) {
                device.paho.publish("count/" + i, utf8("n"), 1, false);
            }
            small.awaitMessage("count/4", Duration.ofSeconds(10));
            assertEquals(List.of("count/3", "count/4"),
                    small.journal().entries().stream().map(JournalEntry::topic).toList());
        }
    }

    @Test
    void reset_disconnects_clients_and_forgets_retained_messages_and_the_journal() throws Exception {
        PahoClients.Client device = PahoClients.overWebSocket(iot.endpoints(), "resettable");
        device.paho.publish("kept/state", utf8("on"), 1, true);
        iot.awaitMessage("kept/state", Duration.ofSeconds(10));
        iot.reset();
        assertTrue(iot.journal().entries().isEmpty(), () -> "journal: " + iot.journal().entries());
        Await.until(() -> !device.paho.isConnected(), Duration.ofSeconds(10), () -> "still connected");
        device.paho.close(true);
        try (PahoClients.Client late = PahoClients.overWebSocket(iot.endpoints(), "late")) {
            late.paho.subscribe("kept/state", 1);
            assertNull(late.inbox.poll(300, java.util.concurrent.TimeUnit.MILLISECONDS), "retained message kept");
        }
    }

    /** The client's own entries: lifecycle events are journaled too, as the emulator's own publishes. */
    private static List<JournalEntry> clientEntries() {
        return iot.journal().entries().stream().filter(e -> !"service".equals(e.source())).toList();
    }

    private static List<JournalEntry.Kind> kinds() {
        return clientEntries().stream().map(JournalEntry::kind).toList();
    }
}
