package dev.iotemulator.internal.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line's failures: one line that names the problem and the flag to change. */
class MainTest {

    final ByteArrayOutputStream out = new ByteArrayOutputStream();
    final ByteArrayOutputStream err = new ByteArrayOutputStream();

    /** Runs the CLI with the TLS listeners off, so that only the ports under test matter. */
    int run(String... args) {
        return runAsGiven(concat(args, "--https-port", "-1", "--mqtts-port", "-1", "--persistence", "false"));
    }

    int runAsGiven(String... args) {
        return Main.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), new CountDownLatch(1));
    }

    @Test
    void a_port_in_use_is_one_line_naming_the_flag_to_change() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            int code = run("--http-port", Integer.toString(taken.getLocalPort()), "--mqtt-port", "0");
            assertEquals(1, code);
            String message = err.toString(StandardCharsets.UTF_8).trim();
            assertEquals(1, message.lines().count(), message);
            assertTrue(message.contains("HTTP/WebSocket port " + taken.getLocalPort() + " is already in use"), message);
            assertTrue(message.contains("--http-port"), message);
        }
    }

    @Test
    void a_taken_mqtt_port_names_the_mqtt_flag() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            assertEquals(1, run("--http-port", "0", "--mqtt-port", Integer.toString(taken.getLocalPort())));
            assertTrue(err.toString(StandardCharsets.UTF_8).contains("--mqtt-port"));
        }
    }

    @Test
    void a_broken_config_file_is_reported_with_its_name(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("credentials.json"), "{\"credentials\": 42}");
        assertEquals(1, run("--http-port", "0", "--mqtt-port", "0", "--config-dir", dir.toString()));
        String message = err.toString(StandardCharsets.UTF_8);
        assertTrue(message.contains("credentials.json: $.credentials must be a non-empty list"), message);
    }

    @Test
    void an_invalid_region_is_refused_before_anything_starts() {
        assertEquals(1, run("--region", "Mars-1", "--http-port", "0", "--mqtt-port", "0"));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("--region"));
    }

    @Test
    void a_taken_tls_port_names_its_flag(@TempDir Path data) throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            assertEquals(1, runAsGiven("--http-port", "0", "--mqtt-port", "0", "--https-port", "0", "--mqtts-port",
                    Integer.toString(taken.getLocalPort()), "--data-dir", data.toString()));
            String message = err.toString(StandardCharsets.UTF_8);
            assertTrue(message.contains("MQTT/TLS port " + taken.getLocalPort() + " is already in use"), message);
            assertTrue(message.contains("--mqtts-port"), message);
        }
    }

    private static String[] concat(String[] args, String... more) {
        String[] all = java.util.Arrays.copyOf(args, args.length + more.length);
        System.arraycopy(more, 0, all, args.length, more.length);
        return all;
    }

    @Test
    void help_lists_every_flag_with_its_environment_variable() {
        assertEquals(0, runAsGiven("--help"));
        String help = out.toString(StandardCharsets.UTF_8);
        for (String flag : new String[] {"--http-port", "--mqtt-port", "--bind", "--region", "--account-id",
                "--config-dir", "--https-port", "--mqtts-port", "--data-dir", "--tls-host-names", "--admin-token",
                "--anonymous-tcp-login"}) {
            assertTrue(help.contains(flag), flag);
        }
        assertTrue(help.contains("IOT_EMULATOR_HTTP_PORT"));
    }

    @Test
    void a_bind_address_that_is_not_this_machine_s_says_so_instead_of_blaming_a_port() {
        assertEquals(1, run("--bind", "192.0.2.1", "--http-port", "0", "--mqtt-port", "0"));
        String message = err.toString(StandardCharsets.UTF_8);
        assertTrue(message.contains("The bind address 192.0.2.1 is not an address of this machine"), message);
        assertTrue(message.contains("--bind 127.0.0.1") && message.contains("IOT_EMULATOR_BIND"), message);
        assertFalse(message.contains("in use"), message);
    }

    @Test
    void every_taken_port_is_named_in_one_message_with_its_flag_and_environment_variable() throws Exception {
        try (ServerSocket http = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"));
                ServerSocket mqtt = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"))) {
            assertEquals(1, run("--http-port", Integer.toString(http.getLocalPort()), "--mqtt-port",
                    Integer.toString(mqtt.getLocalPort())));
            String message = err.toString(StandardCharsets.UTF_8).trim();
            assertEquals(1, message.lines().count(), message);
            assertTrue(message.contains("HTTP/WebSocket port " + http.getLocalPort() + ", MQTT port "
                    + mqtt.getLocalPort() + " are already in use"), message);
            assertTrue(message.contains("--http-port <port> (IOT_EMULATOR_HTTP_PORT), --mqtt-port <port> "
                    + "(IOT_EMULATOR_MQTT_PORT)"), message);
        }
    }

    @Test
    void a_truncated_config_file_gives_its_line_and_column_in_plain_words(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("credentials.json"), "{\n  \"credentials\": [\n    { \"accessKeyId\": \"AKIA\"");
        assertEquals(1, run("--http-port", "0", "--mqtt-port", "0", "--config-dir", dir.toString()));
        String message = err.toString(StandardCharsets.UTF_8);
        assertTrue(message.contains("credentials.json is not valid JSON at line 3, column"), message);
        assertTrue(message.contains("the file ends before the object opened at line 3, column 5 is closed with '}'"),
                message);
        assertFalse(message.contains("StreamReadFeature") || message.contains("Source:"), message);
    }

    @Test
    void a_negative_clock_skew_names_the_flag_and_its_environment_variable() {
        assertEquals(1, run("--clock-skew-seconds", "-5", "--http-port", "0", "--mqtt-port", "0"));
        String message = err.toString(StandardCharsets.UTF_8);
        assertTrue(message.contains("must be a positive number of seconds, not -5"), message);
        assertTrue(message.contains("--clock-skew-seconds") && message.contains("IOT_EMULATOR_CLOCK_SKEW_SECONDS"),
                message);
    }

    @Test
    void a_flag_value_that_is_not_a_number_names_the_environment_variable_that_sets_it_too() {
        assertEquals(2, run("--http-port", "eighty"));
        String message = err.toString(StandardCharsets.UTF_8);
        assertTrue(message.contains("'eighty' is not an int"), message);
        assertTrue(message.contains("environment variable IOT_EMULATOR_HTTP_PORT"), message);
    }
}
