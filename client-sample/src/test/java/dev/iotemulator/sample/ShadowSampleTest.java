package dev.iotemulator.sample;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.iotemulator.Credentials;
import dev.iotemulator.Endpoints;
import dev.iotemulator.junit5.IotEmulatorTest;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The shadow sample against the emulator: reported over MQTT, desired over HTTP, the delta back over MQTT. */
@IotEmulatorTest
class ShadowSampleTest {

    @Test
    void the_device_receives_the_delta_of_a_desired_state_set_over_http(Endpoints endpoints) throws Exception {
        Credentials key = endpoints.defaultCredentials();
        Settings settings = new Settings("ws", endpoints.host(), endpoints.httpPort(), endpoints.region(),
                key.accessKeyId(), key.secretAccessKey(), key.sessionToken(), "unused", "lamp-1-device", "unused",
                Duration.ofSeconds(10));

        ShadowSample.Result result = ShadowSample.run(settings, "lamp-1", "green");

        JsonNode delta = new ObjectMapper().readTree(result.delta());
        assertEquals("green", delta.path("state").path("color").asText(), result.delta());
        assertEquals(2, delta.path("version").asInt(), "reported (version 1), then desired (version 2)");
    }
}
