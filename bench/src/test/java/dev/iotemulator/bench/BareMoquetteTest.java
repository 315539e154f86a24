package dev.iotemulator.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class BareMoquetteTest {

    @Test
    void never_calls_the_internet_and_keeps_nothing_on_disk() {
        Properties p = BareMoquette.properties(1883, 8080, Path.of("/tmp/x"));

        assertEquals("false", p.getProperty("telemetry_enabled"));
        assertEquals("false", p.getProperty("persistence_enabled"));
        assertEquals("/tmp/x", p.getProperty("data_path"));
    }

    @Test
    void listens_on_loopback_only_with_both_listeners_and_the_emulators_broker_settings() {
        Properties p = BareMoquette.properties(1883, 8080, Path.of("/tmp/x"));

        assertEquals("127.0.0.1", p.getProperty("host"));
        assertEquals("1883", p.getProperty("port"));
        assertEquals("8080", p.getProperty("websocket_port"));
        assertEquals("true", p.getProperty("allow_anonymous"));
        assertEquals("false", p.getProperty("allow_zero_byte_client_id"));
        assertEquals("140000", p.getProperty("netty.mqtt.message_size"));
        assertEquals("immediate", p.getProperty("buffer_flush_millis"));
        assertEquals("262144", p.getProperty("session_queue_size"));
    }
}
