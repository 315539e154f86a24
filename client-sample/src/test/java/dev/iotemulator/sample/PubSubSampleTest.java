package dev.iotemulator.sample;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.iotemulator.Credentials;
import dev.iotemulator.EmulatorOptions;
import dev.iotemulator.Endpoints;
import dev.iotemulator.IotEmulator;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Runs the sample, unchanged, against a local emulator: only endpoint, scheme and credentials are local. */
class PubSubSampleTest {

    /** The "temporary-example" entry of config/credentials.json, the emulator's default configuration. */
    private static final Credentials TEMPORARY = new Credentials("ASIAIOSFODNN7EXAMPLE",
            "je7MtGbClwBF/2Zp9Utk/h3yCo8nvbEXAMPLEKEY", "IQoJb3JpZ2luX2VjEXAMPLE/SESSION+TOKEN==");

    private static IotEmulator iot;

    @BeforeAll
    static void startEmulator() {
        iot = IotEmulator.start(EmulatorOptions.builder().dynamicPorts().build());
    }

    @AfterAll
    static void stopEmulator() {
        iot.close();
    }

    @Test
    void round_trips_a_message_with_the_long_term_key() {
        PubSubSample.Result result = PubSubSample.run(settings(iot.endpoints().host(), iot.endpoints()
                .defaultCredentials(), "sample/long-term", "hello with a long-term key"));

        assertEquals("sample/long-term", result.topic());
        assertEquals("hello with a long-term key", result.payload());
    }

    @Test
    void round_trips_a_message_with_temporary_credentials_and_a_session_token() {
        PubSubSample.Result result = PubSubSample.run(
                settings(iot.endpoints().host(), TEMPORARY, "sample/temporary", "hello with a session token"));

        assertEquals("hello with a session token", result.payload());
    }

    @Test
    void is_accepted_when_the_endpoint_is_written_in_upper_case() {
        PubSubSample.Result result = PubSubSample.run(
                settings("LOCALHOST", iot.endpoints().defaultCredentials(), "sample/upper-case", "case-blind"));

        assertEquals("case-blind", result.payload());
    }

    @Test
    void fails_with_advice_when_the_secret_is_wrong() {
        Credentials wrong = Credentials.of(iot.endpoints().defaultCredentials().accessKeyId(), "not-the-secret");

        PubSubSample.SampleFailure failure = assertThrows(PubSubSample.SampleFailure.class,
                () -> PubSubSample.run(settings(iot.endpoints().host(), wrong, "sample/refused", "never sent")));

        assertTrue(failure.getMessage().startsWith("Cannot connect to ws://"), failure.getMessage());
    }

    private static Settings settings(String host, Credentials credentials, String topic, String message) {
        Endpoints endpoints = iot.endpoints();
        return new Settings("ws", host, endpoints.httpPort(), endpoints.region(), credentials.accessKeyId(),
                credentials.secretAccessKey(), credentials.sessionToken(), topic, "sample-" + topic.replace('/', '-'),
                message, Duration.ofSeconds(10));
    }
}
