package dev.iotemulator.junit5;

import static java.nio.charset.StandardCharsets.UTF_8;
import static java.util.concurrent.TimeUnit.SECONDS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.iotemulator.EmulatorOptions;
import dev.iotemulator.Endpoints;
import dev.iotemulator.IotEmulator;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@code @IotEmulatorTest}: one emulator on free ports for the class, talked to by a real Paho client. */
@IotEmulatorTest
class DeclarativeExtensionTest {

    static IotEmulator startedBeforeAll;

    @BeforeAll
    static void remember(IotEmulator iot) {
        startedBeforeAll = iot;
    }

    // docs/junit5.md shows this test; DocsSnippetTest keeps the two in step.
    @Test
    void a_device_receives_what_it_subscribed_to(Endpoints endpoints) throws Exception {
        try (MqttClient device = new MqttClient(endpoints.presignedWebSocketUri().toString(), "device-1",
                new MemoryPersistence())) {
            BlockingQueue<String> inbox = new LinkedBlockingQueue<>();
            device.connect();
            device.subscribe("sensors/#", 1, (topic, message) -> inbox.add(new String(message.getPayload(), UTF_8)));
            device.publish("sensors/temperature", "21.5".getBytes(UTF_8), 1, false);
            assertEquals("21.5", inbox.poll(10, SECONDS));
            device.disconnect();
        }
    }

    @Test
    void listens_on_free_ports_rather_than_the_defaults(Endpoints endpoints) {
        assertNotEquals(EmulatorOptions.DEFAULT_HTTP_PORT, endpoints.httpPort());
        assertNotEquals(EmulatorOptions.DEFAULT_MQTT_PORT, endpoints.mqttPort());
        assertTrue(TestKit.listening(endpoints), endpoints.toString());
    }

    @Test
    void every_test_of_the_class_gets_the_same_emulator(IotEmulator iot) {
        assertSame(startedBeforeAll, iot);
    }

    @Test
    void defaults_to_us_east_1_and_the_embedded_configuration(IotEmulator iot) {
        assertEquals("us-east-1", iot.endpoints().region());
        assertEquals(EmulatorOptions.DEFAULT_ACCOUNT_ID, iot.endpoints().accountId());
        assertEquals(null, iot.options().configDir());
    }
}
