package dev.iotemulator.acceptance;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import dev.iotemulator.CertificateStatus;
import dev.iotemulator.ConnectedClient;
import dev.iotemulator.DeviceCertificate;
import dev.iotemulator.EmulatorOptions;
import dev.iotemulator.IotEmulator;
import dev.iotemulator.IotEmulatorException;
import dev.iotemulator.JournalEntry;
import dev.iotemulator.MessageProperties;
import dev.iotemulator.MessageNotReceivedException;
import dev.iotemulator.ReceivedMessage;
import dev.iotemulator.RemoteEmulator;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link RemoteEmulator} against an emulator started in this JVM but driven only over HTTP, as a test would drive one
 * in another process or container; real Paho clients (and one HiveMQ MQTT 5 client) publish and subscribe.
 */
class RemoteEmulatorTest {

    static IotEmulator iot;
    static RemoteEmulator remote;

    @TempDir
    Path dir;

    @BeforeAll
    static void start() {
        iot = IotEmulator.start(EmulatorOptions.builder().dynamicPorts().build());
        remote = RemoteEmulator.connect(URI.create(iot.endpoints().httpUri() + "/ignored/path"))
                .awaitHealthy(Duration.ofSeconds(10));
    }

    @AfterAll
    static void stop() {
        iot.close();
    }

    @BeforeEach
    void reset() {
        remote.reset();
    }

    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void connect_keeps_only_the_scheme_and_authority_and_the_health_check_answers() {
        assertEquals(iot.endpoints().httpUri(), remote.adminBaseUri());
        assertTrue(remote.isHealthy());
        assertThrows(IllegalArgumentException.class, () -> RemoteEmulator.connect(URI.create("ws://localhost:1")));
    }

    @Test
    void an_mqtt5_message_arrives_with_its_properties_and_await_matches_a_user_property() throws Exception {
        Mqtt5BlockingClient device = HiveMqClients.tcp(iot.endpoints(), "remote-mqtt5").buildBlocking();
        device.connect();
        try {
            device.publishWith().topic("r/v5").qos(MqttQos.AT_LEAST_ONCE).payload(utf8("hello"))
                    .contentType("text/plain").responseTopic("r/v5/reply").correlationData(utf8("c-7"))
                    .userProperties().add("tenant", "t1").add("tenant", "t2").applyUserProperties().send();
        } finally {
            device.disconnect();
        }
        ReceivedMessage m = remote.awaitMessage(msg -> msg.hasUserProperty("tenant", "t2"), Duration.ofSeconds(10));
        assertEquals("r/v5", m.topic());
        MessageProperties p = m.properties();
        assertEquals("text/plain", p.contentType());
        assertEquals("r/v5/reply", p.responseTopic());
        assertEquals("c-7", p.correlationDataAsString());
        assertEquals(List.of(new MessageProperties.UserProperty("tenant", "t1"),
                new MessageProperties.UserProperty("tenant", "t2")), p.userProperties());
    }

    @Test
    void reset_disconnects_every_client_and_empties_the_journal() throws Exception {
        try (PahoClients.Client device = PahoClients.overWebSocket(iot.endpoints(), "remote-reset")) {
            device.paho.publish("r/1", utf8("x"), 1, false);
            remote.awaitMessage("r/1", Duration.ofSeconds(10));
            remote.reset();
            assertEquals(List.of(), remote.journalEntries());
            Await.until(() -> !device.paho.isConnected(), Duration.ofSeconds(10), () -> "still connected");
        }
    }

    @Test
    void journal_entries_carry_kinds_clients_and_text_or_binary_payloads() throws Exception {
        try (PahoClients.Client device = PahoClients.overWebSocket(iot.endpoints(), "remote-journal")) {
            device.paho.publish("j/text", utf8("héllo"), 1, false);
            device.paho.publish("j/binary", new byte[] {(byte) 0xff, 0, 1}, 1, true);
            device.paho.publish("other/x", utf8("no"), 0, false);
            remote.awaitMessage("other/x", Duration.ofSeconds(10));

            List<JournalEntry> all = remote.journalEntries();
            JournalEntry connect = all.stream().filter(e -> e.kind() == JournalEntry.Kind.CONNECT).findFirst()
                    .orElseThrow(() -> new AssertionError("no CONNECT in " + all));
            assertNull(connect.topic());
            assertEquals("remote-journal", connect.clientId());
            assertEquals(iot.endpoints().defaultCredentials().accessKeyId(), connect.principal());
            assertEquals(List.of("j/text", "j/binary", "other/x"), remote.publishes().stream()
                    .filter(m -> "mqtt".equals(m.source())).map(ReceivedMessage::topic).toList());
            assertTrue(remote.publishes().stream().anyMatch(m -> "service".equals(m.source())
                    && m.topic().equals("$aws/events/presence/connected/remote-journal")), "lifecycle events are "
                    + "journaled as the emulator's own publishes: " + remote.publishes());

            List<JournalEntry> filtered = remote.journalEntries("j/#", 10);
            assertEquals(2, filtered.size(), filtered.toString());
            assertEquals("héllo", filtered.get(0).payloadAsString());
            assertEquals(1, filtered.get(0).qos());
            assertArrayEquals(new byte[] {(byte) 0xff, 0, 1}, filtered.get(1).payload());
            assertTrue(filtered.get(1).retain());
            assertEquals(1, remote.journalEntries(null, 1).size());
        }
    }

    @Test
    void await_message_returns_a_message_published_while_it_waits() throws Exception {
        try (PahoClients.Client device = PahoClients.overWebSocket(iot.endpoints(), "remote-late")) {
            CompletableFuture<Void> later = CompletableFuture.runAsync(() -> {
                try {
                    device.paho.publish("devices/remote-late/telemetry", utf8("{\"t\":21.5}"), 1, false);
                } catch (MqttException e) {
                    throw new IllegalStateException(e);
                }
            }, CompletableFuture.delayedExecutor(400, TimeUnit.MILLISECONDS));
            ReceivedMessage m = remote.awaitMessage("devices/+/telemetry", Duration.ofSeconds(10));
            later.join();
            assertEquals("devices/remote-late/telemetry", m.topic());
            assertEquals("{\"t\":21.5}", m.payloadAsString());
            assertEquals("remote-late", m.clientId());
            assertEquals(1, m.qos());
            ReceivedMessage byPredicate = remote.awaitMessage(r -> r.payloadAsString().contains("21.5"),
                    Duration.ofSeconds(5));
            assertEquals(m.topic(), byPredicate.topic());
        }
    }

    @Test
    void await_message_times_out_listing_the_near_misses_nearest_first() throws Exception {
        try (PahoClients.Client device = PahoClients.overWebSocket(iot.endpoints(), "remote-miss")) {
            device.paho.publish("other/x", utf8("a"), 1, false);
            device.paho.publish("devices/d1/telemetri", utf8("b"), 1, false);
            remote.awaitMessage("devices/d1/telemetri", Duration.ofSeconds(10));
            long t0 = System.nanoTime();
            MessageNotReceivedException e = assertThrows(MessageNotReceivedException.class,
                    () -> remote.awaitMessage("devices/d1/telemetry", Duration.ofMillis(600)));
            long waitedMs = (System.nanoTime() - t0) / 1_000_000;
            assertTrue(waitedMs >= 600 && waitedMs < 5_000, "waited " + waitedMs + " ms");
            String text = e.getMessage();
            assertTrue(text.startsWith("No message on a topic matching 'devices/d1/telemetry' arrived within 600 ms."),
                    text);
            assertTrue(text.contains("did you mean"), text);
            assertTrue(text.indexOf("devices/d1/telemetri ") < text.indexOf("other/x"), text);
            assertTrue(text.contains("client remote-miss"), text);
        }
        remote.reset();
        MessageNotReceivedException none = assertThrows(MessageNotReceivedException.class,
                () -> remote.awaitMessage(m -> true, Duration.ofMillis(200)));
        assertTrue(none.getMessage().contains("No message was published at all"), none.getMessage());
    }

    @Test
    void connected_clients_lists_each_client_with_its_subscriptions() throws Exception {
        try (PahoClients.Client ws = PahoClients.overWebSocket(iot.endpoints(), "remote-ws");
                PahoClients.Client tcp = PahoClients.connect(iot.endpoints().mqttUri().orElseThrow().toString(),
                        "remote-tcp")) {
            ws.paho.subscribe("cmd/remote-ws", 1);
            List<ConnectedClient> clients = remote.connectedClients();
            assertEquals(2, clients.size(), clients.toString());
            ConnectedClient wsClient = find(clients, "remote-ws");
            assertEquals(iot.endpoints().defaultCredentials().accessKeyId(), wsClient.principal());
            assertEquals("wss", wsClient.transport());
            assertEquals(List.of("cmd/remote-ws"), wsClient.subscriptions());
            assertTrue(wsClient.remoteAddress().contains("127.0.0.1"), wsClient.toString());
            ConnectedClient tcpClient = find(clients, "remote-tcp");
            assertEquals("tcp", tcpClient.transport());
            assertEquals(List.of(), tcpClient.subscriptions());
        }
    }

    private static ConnectedClient find(List<ConnectedClient> clients, String clientId) {
        return clients.stream().filter(c -> c.clientId().equals(clientId)).findFirst()
                .orElseThrow(() -> new AssertionError("no " + clientId + " in " + clients));
    }

    @Test
    void disconnecting_a_client_with_a_reason_puts_that_reason_in_its_lifecycle_event() throws Exception {
        try (LifecycleObserver observer = new LifecycleObserver(iot.endpoints(), "remote-observer");
                PahoClients.Client device = PahoClients.overWebSocket(iot.endpoints(), "remote-throttled")) {
            remote.disconnect("remote-throttled", "THROTTLED");
            LifecycleObserver.Event event = observer.await("$aws/events/presence/disconnected/remote-throttled");
            assertEquals("THROTTLED", event.body().get("disconnectReason").asText());
            Await.until(() -> !device.paho.isConnected(), Duration.ofSeconds(10), () -> "still connected");
            assertFalse(remote.connectedClients().stream().anyMatch(c -> c.clientId().equals("remote-throttled")));
        }
    }

    @Test
    void a_route_error_names_the_url_and_carries_the_emulator_message() {
        IotEmulatorException notConnected = assertThrows(IotEmulatorException.class,
                () -> remote.disconnect("no body/here"));
        String text = notConnected.getMessage();
        assertTrue(text.startsWith("POST " + iot.endpoints().httpUri() + "/__emulator/clients/no%20body%2Fhere/"
                + "disconnect?reason=API_INITIATED_DISCONNECT answered 404 ResourceNotFoundException: "
                + "No client 'no body/here' is connected"), text);
        IotEmulatorException badReason = assertThrows(IotEmulatorException.class,
                () -> remote.disconnect("anyone", "BORED"));
        assertTrue(badReason.getMessage().contains("answered 400"), badReason.getMessage());
        assertTrue(badReason.getMessage().contains("THROTTLED"), badReason.getMessage());
    }

    @Test
    void an_unreachable_emulator_fails_fast_with_its_url() throws Exception {
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        RemoteEmulator nobody = RemoteEmulator.connect(URI.create("http://127.0.0.1:" + port),
                Duration.ofSeconds(2));
        assertFalse(nobody.isHealthy());
        IotEmulatorException e = assertThrows(IotEmulatorException.class, nobody::reset);
        assertTrue(e.getMessage().startsWith("POST http://127.0.0.1:" + port + "/__emulator/reset failed"),
                e.getMessage());
        IotEmulatorException unhealthy = assertThrows(IotEmulatorException.class,
                () -> nobody.awaitHealthy(Duration.ofMillis(300)));
        assertTrue(unhealthy.getMessage().contains("was not healthy within 300 ms"), unhealthy.getMessage());
    }

    @Test
    void publishing_as_the_server_reaches_a_paho_subscriber() throws Exception {
        try (PahoClients.Client device = PahoClients.overWebSocket(iot.endpoints(), "remote-commanded")) {
            device.paho.subscribe("devices/remote-commanded/commands", 1);
            remote.publish("devices/remote-commanded/commands", utf8("{\"reboot\":true}"), 1, false);
            PahoClients.Received received = device.next();
            assertEquals("devices/remote-commanded/commands", received.topic());
            assertEquals("{\"reboot\":true}", new String(received.message().getPayload(), StandardCharsets.UTF_8));
            assertEquals(1, received.message().getQos());
            assertNull(remote.awaitMessage("devices/remote-commanded/commands", Duration.ofSeconds(5)).clientId());
        }
        IotEmulatorException wildcard = assertThrows(IotEmulatorException.class,
                () -> remote.publish("a/+", utf8("x"), 0, false));
        assertTrue(wildcard.getMessage().contains("without wildcards"), wildcard.getMessage());
        assertThrows(IotEmulatorException.class, () -> remote.publish("a", utf8("x"), 2, false));
    }

    @Test
    void a_created_certificate_connects_over_mutual_tls_until_it_is_revoked() throws Exception {
        Path ca = Files.writeString(dir.resolve("ca.pem"), remote.caCertificatePem());
        assertTrue(Files.readString(ca).startsWith("-----BEGIN CERTIFICATE-----"));
        DeviceCertificate device = remote.createDeviceCertificate("remote-thing", "AllowEverything");
        assertEquals(64, device.certificateId().length());
        assertTrue(device.certificateArn().endsWith(":cert/" + device.certificateId()), device.certificateArn());
        assertTrue(device.privateKeyPem().contains("PRIVATE KEY"));
        String mqtts = iot.endpoints().mqttsUri().orElseThrow().toString();
        PahoClients.connectTls(mqtts, "remote-thing", TlsMaterial.socketFactory(ca, device)).close();

        remote.updateCertificateStatus(device.certificateId(), CertificateStatus.REVOKED);
        assertThrows(MqttException.class,
                () -> PahoClients.connectTls(mqtts, "remote-thing", TlsMaterial.refusable(ca, device)).close());

        IotEmulatorException unknownPolicy = assertThrows(IotEmulatorException.class,
                () -> remote.createDeviceCertificate("x", "NoSuchPolicy"));
        assertTrue(unknownPolicy.getMessage().contains("No policy named [NoSuchPolicy]"), unknownPolicy.getMessage());
        assertThrows(IotEmulatorException.class,
                () -> remote.updateCertificateStatus("0".repeat(64), CertificateStatus.ACTIVE));
    }
}
