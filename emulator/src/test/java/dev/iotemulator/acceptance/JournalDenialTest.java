package dev.iotemulator.acceptance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.iotemulator.EmulatorOptions;
import dev.iotemulator.IotEmulator;
import dev.iotemulator.JournalEntry;
import java.nio.file.Path;
import java.time.Duration;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** IoT policy denials are journaled next to the traffic that caused them. */
class JournalDenialTest {

    static final String DEVICE = "AKIDJOURNAL000000001";

    @TempDir
    Path configDir;

    @Test
    void a_denied_publish_is_journaled_with_its_action_resource_and_disconnect() throws Exception {
        PolicyFixtures.writeCredentials(configDir, DEVICE + "=Narrow");
        PolicyFixtures.writePolicy(configDir, "Narrow", """
                {"Version": "2012-10-17", "Statement": [
                  {"Effect": "Allow", "Action": "iot:Connect", "Resource": "*"},
                  {"Effect": "Allow", "Action": "iot:Publish", "Resource": "arn:aws:iot:*:*:topic/allowed/*"}]}
                """);
        try (IotEmulator iot = IotEmulator.start(EmulatorOptions.builder().dynamicPorts().configDir(configDir).build());
                PahoClients.Client device = PolicyFixtures.connect(iot, DEVICE, "narrow-1")) {
            device.paho.publish("allowed/a", "ok".getBytes(), 1, false);
            iot.awaitMessage("allowed/a", Duration.ofSeconds(10));
            try {
                device.paho.publish("forbidden/b", "no".getBytes(), 1, false);
            } catch (MqttException expected) {
                // the connection is closed on a denied publish, as at AWS
            }
            Await.until(() -> iot.journal().entries().stream().anyMatch(e -> e.kind() == JournalEntry.Kind.DISCONNECT),
                    Duration.ofSeconds(10), () -> "journal: " + iot.journal().entries());
            JournalEntry denial = iot.journal().entries().stream()
                    .filter(e -> e.kind() == JournalEntry.Kind.DENIAL).findFirst().orElseThrow();
            assertEquals("narrow-1", denial.clientId());
            assertEquals(DEVICE, denial.principal());
            assertTrue(denial.detail().contains("iot:Publish") && denial.detail().contains("topic/forbidden/b"),
                    denial.detail());
            assertEquals(1, iot.journal().publishes().stream().filter(m -> "mqtt".equals(m.source())).count(),
                    () -> "publishes: " + iot.journal().publishes());
        }
    }
}
