package dev.iotemulator.sample;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Map;
import org.junit.jupiter.api.Test;

class SettingsTest {

    private static final Map<String, String> AWS_ENVIRONMENT = Map.of(
            "IOT_ENDPOINT", "abcdefghij1234-ats.iot.eu-central-1.amazonaws.com",
            "AWS_ACCESS_KEY_ID", "AKIAIOSFODNN7EXAMPLE",
            "AWS_SECRET_ACCESS_KEY", "secret");

    @Test
    void defaults_to_wss_on_443_with_the_region_taken_from_an_aws_endpoint() {
        Settings settings = Settings.from(new String[0], AWS_ENVIRONMENT);

        assertEquals("wss", settings.scheme());
        assertEquals("abcdefghij1234-ats.iot.eu-central-1.amazonaws.com", settings.host());
        assertEquals(443, settings.port());
        assertEquals("eu-central-1", settings.region());
        assertNull(settings.sessionToken());
        assertEquals("sample/pubsub", settings.topic());
    }

    @Test
    void lets_arguments_override_the_environment() {
        Settings settings = Settings.from(new String[] {"--endpoint", "127.0.0.1:8080", "--scheme", "ws",
                "--region", "us-east-1", "--topic", "t/1"}, AWS_ENVIRONMENT);

        assertEquals("ws", settings.scheme());
        assertEquals("127.0.0.1", settings.host());
        assertEquals(8080, settings.port());
        assertEquals("us-east-1", settings.region());
        assertEquals("t/1", settings.topic());
    }

    @Test
    void names_the_variable_to_set_when_something_is_missing() {
        IllegalArgumentException noRegion = assertThrows(IllegalArgumentException.class,
                () -> Settings.from(new String[] {"--endpoint", "127.0.0.1:8080"}, AWS_ENVIRONMENT));
        IllegalArgumentException noKey = assertThrows(IllegalArgumentException.class,
                () -> Settings.from(new String[0], Map.of("IOT_ENDPOINT", "a.iot.us-east-1.amazonaws.com")));

        assertEquals("No region: set AWS_REGION or pass --region; it can only be taken from the endpoint when that"
                + " looks like *.iot.<region>.amazonaws.com.", noRegion.getMessage());
        assertEquals("Missing --access-key-id: pass it or set AWS_ACCESS_KEY_ID.", noKey.getMessage());
    }

    @Test
    void never_prints_the_secret_or_the_token() {
        Settings settings = Settings.from(new String[] {"--session-token", "TOKEN"}, AWS_ENVIRONMENT);

        assertEquals(-1, settings.toString().indexOf("secret"));
        assertEquals(-1, settings.toString().indexOf("TOKEN"));
    }
}
