package dev.iotemulator.acceptance;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.iotemulator.IotEmulator;
import dev.iotemulator.JournalEntry;
import dev.iotemulator.junit5.IotEmulatorTest;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * AWS Amplify 6 PubSub ({@code aws-amplify}, {@code @aws-amplify/pubsub}) as an Amplify app uses it: guest
 * credentials from the emulator's Cognito identity pool, then PubSub with its default client id over {@code wss://}
 * on the HTTPS port, the emulator's CA trusted ({@code amplify-pubsub.mjs}). Amplify's bundled Paho client speaks
 * MQTT 3.1 with a 36-character UUID as client id, which AWS IoT accepts.
 */
@IotEmulatorTest
class AmplifyPubSubTest {

    static final String POOL = "us-east-1:1c0a3b5e-0000-4000-8000-000000000001";

    @Test
    void amplify_pubsub_with_its_default_client_id_and_guest_credentials_receives_a_message_over_wss(
            IotEmulator iot) throws Exception {
        String ca = iot.endpoints().caCertificateFile().orElseThrow().toString();
        String output = NodeChecks.assertPasses("amplify-pubsub.mjs", 4, Map.of("NODE_EXTRA_CA_CERTS", ca),
                "localhost:" + iot.endpoints().httpsPort(), POOL, "us-east-1");

        assertTrue(iot.journal().entries().stream().anyMatch(e -> e.kind() == JournalEntry.Kind.CONNECT
                && e.clientId().matches("[0-9a-f-]{36}") && "wss".equals(e.detail())), () -> output + "\njournal: "
                + iot.journal().entries());
    }
}
