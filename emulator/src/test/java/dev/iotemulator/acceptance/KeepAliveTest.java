package dev.iotemulator.acceptance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.iotemulator.EmulatorOptions;
import dev.iotemulator.IotEmulator;
import java.io.InputStream;
import java.net.Socket;
import org.junit.jupiter.api.Test;

/**
 * AWS IoT raises a keep-alive under 30 s to 30 s and disconnects a client that stays silent for 1.5 times its
 * keep-alive, reporting {@code MQTT_KEEP_ALIVE_TIMEOUT}. This test waits the real 45 seconds.
 */
class KeepAliveTest {

    @Test
    void a_one_second_keep_alive_is_raised_to_30_s_and_a_silent_client_is_dropped_after_45_s() throws Exception {
        try (IotEmulator iot = IotEmulator.start(EmulatorOptions.builder().dynamicPorts().build());
                LifecycleObserver observer = new LifecycleObserver(iot.endpoints(), "keepalive-observer");
                Socket socket = new Socket("127.0.0.1", iot.endpoints().mqttPort())) {
            socket.setSoTimeout(60_000);
            byte[] connect = TcpMqttTest.connect("silent-device");
            connect[11] = 1;
            socket.getOutputStream().write(connect);
            InputStream in = socket.getInputStream();
            assertEquals(0x20, in.read(), "CONNACK");
            in.readNBytes(3);
            long connectedAt = System.nanoTime();

            assertEquals(-1, in.read(), "the emulator closes the silent connection");
            long silentSeconds = (System.nanoTime() - connectedAt) / 1_000_000_000L;
            assertTrue(silentSeconds >= 44 && silentSeconds <= 50,
                    "closed after " + silentSeconds + " s; AWS clamps keep-alive 1 to 30 s and waits 1.5 x 30 s");
            LifecycleObserver.Event event = observer.await("$aws/events/presence/disconnected/silent-device");
            assertEquals("MQTT_KEEP_ALIVE_TIMEOUT", event.body().get("disconnectReason").asText());
        }
    }
}
