package dev.iotemulator.acceptance;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.iotemulator.ConfigurationException;
import dev.iotemulator.EmulatorOptions;
import dev.iotemulator.IotEmulator;
import dev.iotemulator.RuleExecution;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Topic rules in the configuration directory ({@code rules/<name>.json}) are there from the start. */
class RulesConfigurationTest {

    private static final String CREDENTIALS = "{\"credentials\":[{\"accessKeyId\":\"AKIAIOSFODNN7EXAMPLE\","
            + "\"secretAccessKey\":\"wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY\"}]}";

    @Test
    void a_rule_file_is_running_when_the_emulator_starts(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("credentials.json"), CREDENTIALS);
        Files.createDirectories(dir.resolve("rules"));
        Files.writeString(dir.resolve("rules/door_open.json"), "{\"sql\": \"SELECT VALUE state FROM 'doors/+' "
                + "WHERE state = 'open'\", \"actions\": [{\"republish\": {\"topic\": \"alarms/${topic(2)}\"}}]}");
        try (IotEmulator iot = IotEmulator.start(EmulatorOptions.builder().dynamicPorts().withoutTls().configDir(dir)
                .build())) {
            iot.publish("doors/front", "{\"state\": \"open\"}".getBytes(UTF_8), 0, false);
            RuleExecution e = iot.awaitRuleExecution("door_open", Duration.ofSeconds(10));
            assertTrue(e.succeeded(), e.explanation());
            assertEquals("\"open\"", iot.awaitMessage("alarms/front", Duration.ofSeconds(10)).payloadAsString());
        }
    }

    @Test
    void a_rule_file_that_does_not_parse_stops_the_start_with_the_file_and_position(@TempDir Path dir)
            throws Exception {
        Files.writeString(dir.resolve("credentials.json"), CREDENTIALS);
        Files.createDirectories(dir.resolve("rules"));
        Files.writeString(dir.resolve("rules/broken.json"), "{\"sql\": \"SELECT * FROM 'a' WHERE\", \"actions\": []}");
        String message = assertThrows(ConfigurationException.class, () -> IotEmulator.start(
                EmulatorOptions.builder().dynamicPorts().withoutTls().configDir(dir).build())).getMessage();
        assertEquals("Topic rule " + dir.resolve("rules/broken.json") + " is invalid: sql: line 1, column 24: "
                + "expected an expression but found the end of the statement.", message);
    }
}
