package dev.iotemulator.acceptance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.iotemulator.EmulatorOptions;
import dev.iotemulator.IotEmulator;
import java.io.InputStream;
import java.net.Socket;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/**
 * AWS IoT raises a keep-alive under 30 s to 30 s and disconnects a client that stays silent for 1.5 times its
 * keep-alive, reporting {@code MQTT_KEEP_ALIVE_TIMEOUT}; an MQTT 5 client learns the 30 s from the CONNACK's Server
 * Keep Alive and gets DISCONNECT 0x8D before the connection closes. This test waits the real 45 seconds, once for
 * both clients.
 */
class KeepAliveTest {

    /** MQTT 5 property identifier of Server Keep Alive (§3.2.2.3.14). */
    private static final int SERVER_KEEP_ALIVE = 0x13;

    @Test
    void a_one_second_keep_alive_is_raised_to_30_s_and_a_silent_client_is_dropped_after_45_s() throws Exception {
        try (IotEmulator iot = IotEmulator.start(EmulatorOptions.builder().dynamicPorts().build());
                LifecycleObserver observer = new LifecycleObserver(iot.endpoints(), "keepalive-observer");
                Socket socket = new Socket("127.0.0.1", iot.endpoints().mqttPort());
                Socket socket5 = new Socket("127.0.0.1", iot.endpoints().mqttPort())) {
            socket.setSoTimeout(60_000);
            socket5.setSoTimeout(60_000);
            byte[] connect = TcpMqttTest.connect("silent-device");
            connect[11] = 1;
            socket.getOutputStream().write(connect);
            InputStream in = socket.getInputStream();
            assertEquals(0x20, in.read(), "CONNACK");
            in.readNBytes(3);
            long connectedAt = System.nanoTime();

            byte[] connect5 = RawConnackTest.connect(5, "silent-device-5", null, null, false);
            connect5[11] = 1;
            socket5.getOutputStream().write(connect5);
            InputStream in5 = socket5.getInputStream();
            assertEquals(0x20, in5.read(), "MQTT 5 CONNACK");
            byte[] connack5 = in5.readNBytes(in5.read());
            assertEquals(0, connack5[1], "accepted");
            assertTrue(HexFormat.ofDelimiter(" ").formatHex(connack5).contains(
                    HexFormat.ofDelimiter(" ").formatHex(new byte[] {SERVER_KEEP_ALIVE, 0, 30})),
                    "Server Keep Alive 30 in " + HexFormat.ofDelimiter(" ").formatHex(connack5));

            assertEquals(-1, in.read(), "the emulator closes the silent connection");
            long silentSeconds = (System.nanoTime() - connectedAt) / 1_000_000_000L;
            assertTrue(silentSeconds >= 44 && silentSeconds <= 50,
                    "closed after " + silentSeconds + " s; AWS clamps keep-alive 1 to 30 s and waits 1.5 x 30 s");
            LifecycleObserver.Event event = observer.await("$aws/events/presence/disconnected/silent-device");
            assertEquals("MQTT_KEEP_ALIVE_TIMEOUT", event.body().get("disconnectReason").asText());

            assertEquals("e0 02 8d 00", HexFormat.ofDelimiter(" ").formatHex(in5.readAllBytes()),
                    "DISCONNECT 0x8D (keep-alive timeout), then the end of the connection");
            LifecycleObserver.Event event5 = observer.await("$aws/events/presence/disconnected/silent-device-5");
            assertEquals("MQTT_KEEP_ALIVE_TIMEOUT", event5.body().get("disconnectReason").asText());
        }
    }
}
