package dev.iotemulator.acceptance;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import dev.iotemulator.EmulatorOptions;
import dev.iotemulator.IotEmulator;
import dev.iotemulator.MqttLimits;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The AWS limits are the default, and a user may change them. */
class RaisedLimitsTest {

    @Test
    void a_raised_payload_limit_lets_a_256_kb_message_through() throws Exception {
        try (IotEmulator iot = IotEmulator.start(EmulatorOptions.builder().dynamicPorts()
                .limits(MqttLimits.aws().withMaxPayloadBytes(256 * 1024)).build());
                PahoClients.Client client = PahoClients.overWebSocket(iot.endpoints(), "big")) {
            byte[] payload = new byte[256 * 1024];
            payload[payload.length - 1] = 7;
            client.paho.subscribe("big/one", 1);
            client.paho.publish("big/one", payload, 1, false);
            assertArrayEquals(payload, client.next().message().getPayload());
        }
    }

    @Test
    void a_lowered_subscription_limit_is_enforced() throws Exception {
        try (IotEmulator iot = IotEmulator.start(EmulatorOptions.builder().dynamicPorts()
                .limits(MqttLimits.aws().withMaxSubscriptionsPerConnection(2)).build());
                PahoClients.Client client = PahoClients.overWebSocket(iot.endpoints(), "few-subs")) {
            client.paho.subscribe("a", 0);
            client.paho.subscribe("b", 0);
            try {
                client.paho.subscribe("c", 0);
            } catch (org.eclipse.paho.client.mqttv3.MqttException expected) {
                // closed by the emulator
            }
            Await.until(() -> !client.paho.isConnected(), Duration.ofSeconds(10), () -> "still connected");
        }
    }
}
