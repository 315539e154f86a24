package dev.iotemulator.acceptance;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.iotemulator.IotEmulator;
import dev.iotemulator.junit5.IotEmulatorTest;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The exact bytes a refused CONNECT gets, over a raw TCP socket: an MQTT 5 refusal is a CONNACK with a reason code
 * of 0x80 or more and an empty property list ({@code 20 03 00 <code> 00}), never the 3.1.1-style return code that
 * made MQTT 5 clients fail confusingly; a 3.1.1 refusal stays two bytes ({@code 20 02 00 <code>}); and where AWS IoT
 * sends a 3.1.1 client no CONNACK at all (a denied {@code iot:Connect}), the connection just closes. After the
 * CONNACK, the server closes the connection.
 */
@IotEmulatorTest
class RawConnackTest {

    static final String KEY = "AKIAIOSFODNN7EXAMPLE";
    static final String SCOPED_KEY = "AKIAI44QH8DHBEXAMPLE";
    static final String SCOPED_SECRET = "scopedDeviceExampleSecretKeyEXAMPLEKEY1";

    static IotEmulator iot;

    @BeforeAll
    static void start(IotEmulator emulator) {
        iot = emulator;
    }

    @Test
    void mqtt5_with_a_wrong_secret_gets_reason_code_0x86() throws IOException {
        assertEquals("20 03 00 86 00", exchange(connect(5, "raw-5-bad", KEY, "not the secret", false)));
    }

    @Test
    void mqtt311_with_a_wrong_secret_gets_return_code_4() throws IOException {
        assertEquals("20 02 00 04", exchange(connect(4, "raw-4-bad", KEY, "not the secret", false)));
    }

    @Test
    void mqtt5_with_a_client_id_starting_with_a_dollar_gets_reason_code_0x85() throws IOException {
        assertEquals("20 03 00 85 00", exchange(connect(5, "$raw", null, null, false)));
    }

    @Test
    void mqtt5_denied_by_the_iot_policy_gets_reason_code_0x87() throws IOException {
        assertEquals("20 03 00 87 00", exchange(connect(5, "not-a-device", SCOPED_KEY, SCOPED_SECRET, false)));
    }

    @Test
    void mqtt311_denied_by_the_iot_policy_is_closed_without_a_connack() throws IOException {
        assertEquals("", exchange(connect(4, "not-a-device", SCOPED_KEY, SCOPED_SECRET, false)));
    }

    @Test
    void mqtt5_with_a_qos_2_will_gets_reason_code_0x9b() throws IOException {
        assertEquals("20 03 00 9b 00", exchange(connect(5, "raw-will", null, null, true)));
    }

    @Test
    void an_accepted_mqtt311_connect_gets_the_two_byte_connack() throws IOException {
        try (Socket socket = open()) {
            socket.getOutputStream().write(connect(4, "raw-ok", null, null, false));
            byte[] ack = socket.getInputStream().readNBytes(4);
            assertEquals("20 02 00 00", hex(ack));
        }
    }

    private static Socket open() throws IOException {
        Socket socket = new Socket(iot.endpoints().host(), iot.endpoints().mqttPort());
        socket.setSoTimeout(10_000);
        return socket;
    }

    /** Sends the CONNECT and reads everything until the server closes the connection. */
    private static String exchange(byte[] connect) throws IOException {
        try (Socket socket = open()) {
            socket.getOutputStream().write(connect);
            InputStream in = socket.getInputStream();
            return hex(in.readAllBytes());
        }
    }

    private static String hex(byte[] bytes) {
        return HexFormat.ofDelimiter(" ").formatHex(bytes);
    }

    /** A CONNECT as the MQTT 3.1.1 and 5 specifications lay it out, with an empty property list for MQTT 5. */
    static byte[] connect(int level, String clientId, String username, String password, boolean qos2Will) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        string(body, "MQTT");
        body.write(level);
        int flags = 0x02 | (username != null ? 0x80 : 0) | (password != null ? 0x40 : 0)
                | (qos2Will ? 0x04 | 0x10 : 0);
        body.write(flags);
        body.write(0);
        body.write(60);
        if (level == 5) {
            body.write(0);
        }
        string(body, clientId);
        if (qos2Will) {
            if (level == 5) {
                body.write(0);
            }
            string(body, "raw/will");
            string(body, "gone");
        }
        if (username != null) {
            string(body, username);
        }
        if (password != null) {
            string(body, password);
        }
        ByteArrayOutputStream packet = new ByteArrayOutputStream();
        packet.write(0x10);
        int remaining = body.size();
        do {
            int digit = remaining % 128;
            remaining /= 128;
            packet.write(remaining > 0 ? digit | 0x80 : digit);
        } while (remaining > 0);
        packet.writeBytes(body.toByteArray());
        return packet.toByteArray();
    }

    static void string(ByteArrayOutputStream out, String value) {
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        out.write(bytes.length >> 8);
        out.write(bytes.length & 0xFF);
        out.writeBytes(bytes);
    }
}
