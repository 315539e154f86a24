package dev.iotemulator.acceptance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.iotemulator.ConfigurationException;
import dev.iotemulator.EmulatorOptions;
import dev.iotemulator.IotEmulator;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.eclipse.paho.client.mqttv3.IMqttToken;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The in-process emulator keeps state in memory unless persistence is turned on; then a graceful restart on the same
 * data directory keeps retained messages and persistent sessions, and reset forgets them for good.
 */
class PersistenceTest {

    static EmulatorOptions persistent(Path data) {
        return EmulatorOptions.builder().dynamicPorts().withoutTls().dataDir(data).persistence(true).build();
    }

    @Test
    void a_restart_keeps_retained_messages_and_persistent_sessions_when_persistence_is_on(@TempDir Path data)
            throws Exception {
        try (IotEmulator iot = IotEmulator.start(persistent(data))) {
            seed(iot);
        }
        try (IotEmulator iot = IotEmulator.start(persistent(data))) {
            assertEquals("kept", retained(iot));
            MqttClient back = new MqttClient(iot.endpoints().mqttUri().orElseThrow().toString(), "kept-session",
                    new MemoryPersistence());
            BlockingQueue<String> inbox = new LinkedBlockingQueue<>();
            back.setCallback(new org.eclipse.paho.client.mqttv3.MqttCallback() {
                @Override
                public void connectionLost(Throwable cause) {
                }

                @Override
                public void messageArrived(String topic, org.eclipse.paho.client.mqttv3.MqttMessage message) {
                    inbox.add(new String(message.getPayload(), StandardCharsets.UTF_8));
                }

                @Override
                public void deliveryComplete(org.eclipse.paho.client.mqttv3.IMqttDeliveryToken token) {
                }
            });
            IMqttToken token = back.connectWithResult(options(false));
            assertTrue(token.getSessionPresent());
            assertEquals("while-away", inbox.poll(10, TimeUnit.SECONDS));
            back.disconnect();
            back.close();
        }
    }

    @Test
    void reset_forgets_the_stored_state_too(@TempDir Path data) throws Exception {
        try (IotEmulator iot = IotEmulator.start(persistent(data))) {
            seed(iot);
            iot.reset();
        }
        try (IotEmulator iot = IotEmulator.start(persistent(data))) {
            assertNull(retained(iot));
            MqttClient back = new MqttClient(iot.endpoints().mqttUri().orElseThrow().toString(), "kept-session",
                    new MemoryPersistence());
            assertFalse(back.connectWithResult(options(false)).getSessionPresent());
            back.disconnect();
            back.close();
        }
    }

    @Test
    void without_persistence_a_restart_starts_empty(@TempDir Path data) throws Exception {
        EmulatorOptions inMemory = EmulatorOptions.builder().dynamicPorts().withoutTls().dataDir(data).build();
        try (IotEmulator iot = IotEmulator.start(inMemory)) {
            seed(iot);
        }
        try (IotEmulator iot = IotEmulator.start(inMemory)) {
            assertNull(retained(iot));
        }
    }

    @Test
    void persistence_without_a_data_directory_says_what_is_missing() {
        ConfigurationException e = assertThrows(ConfigurationException.class,
                () -> EmulatorOptions.builder().persistence(true).build());
        assertTrue(e.getMessage().contains("--data-dir"), e.getMessage());
    }

    /** A retained message, and a persistent session that was away while a QoS 1 message came for it. */
    private static void seed(IotEmulator iot) throws Exception {
        String tcp = iot.endpoints().mqttUri().orElseThrow().toString();
        MqttClient session = new MqttClient(tcp, "kept-session", new MemoryPersistence());
        session.connect(options(false));
        session.subscribe("away/#", 1);
        session.disconnect();
        session.close();
        // A connected subscriber on the same filter: once it has the message, the broker has routed it to both.
        MqttClient watcher = new MqttClient(tcp, "watcher", new MemoryPersistence());
        watcher.connect(options(true));
        BlockingQueue<String> seen = new LinkedBlockingQueue<>();
        watcher.subscribe("away/#", 1, (t, m) -> seen.add(t));
        iot.publish("kept/retained", "kept".getBytes(StandardCharsets.UTF_8), 1, true);
        iot.publish("away/news", "while-away".getBytes(StandardCharsets.UTF_8), 1, false);
        assertEquals("away/news", seen.poll(10, TimeUnit.SECONDS));
        watcher.disconnect();
        watcher.close();
    }

    /** The retained message of kept/retained, from the data plane's GetRetainedMessage, or null (404). */
    private static String retained(IotEmulator iot) throws Exception {
        var response = SignedHttp.send(iot.endpoints().httpPort(), "GET", "/retainedMessage/kept%2Fretained", "",
                new byte[0], iot.endpoints().defaultCredentials().accessKeyId(),
                iot.endpoints().defaultCredentials().secretAccessKey(), "iotdata");
        if (response.statusCode() == 404) {
            return null;
        }
        assertEquals(200, response.statusCode(), response.body());
        String base64 = new com.fasterxml.jackson.databind.ObjectMapper().readTree(response.body()).get("payload")
                .asText();
        return new String(java.util.Base64.getDecoder().decode(base64), StandardCharsets.UTF_8);
    }

    private static MqttConnectOptions options(boolean clean) {
        MqttConnectOptions options = PahoClients.options();
        options.setCleanSession(clean);
        return options;
    }
}
