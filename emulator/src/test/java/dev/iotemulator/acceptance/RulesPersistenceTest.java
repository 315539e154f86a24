package dev.iotemulator.acceptance;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.iotemulator.EmulatorOptions;
import dev.iotemulator.IotEmulator;
import dev.iotemulator.RuleExecution;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Topic rules are kept in the data directory like the registry: a restart finds them running, deleted ones gone. */
class RulesPersistenceTest {

    private static EmulatorOptions persistent(Path data) {
        return EmulatorOptions.builder().dynamicPorts().withoutTls().dataDir(data).persistence(true).build();
    }

    private static String rule(String filter) {
        return "{\"sql\": \"SELECT * FROM '" + filter + "'\", \"actions\": [{\"republish\": {\"topic\": \"out/x\", "
                + "\"roleArn\": \"arn:aws:iam::000000000000:role/r\"}}]}";
    }

    @Test
    void a_restart_finds_the_rules_created_before_it_and_not_the_deleted_ones(@TempDir Path data) {
        try (IotEmulator iot = IotEmulator.start(persistent(data))) {
            iot.createTopicRule("kept", rule("kept/+"));
            iot.createTopicRule("dropped", rule("dropped/+"));
            iot.deleteTopicRule("dropped");
        }
        try (IotEmulator iot = IotEmulator.start(persistent(data))) {
            iot.publish("kept/a", "{}".getBytes(UTF_8), 1, false);
            RuleExecution e = iot.awaitRuleExecution("kept", Duration.ofSeconds(10));
            assertTrue(e.fired(), e.explanation());
            assertEquals(1, iot.ruleNearMisses("dropped/a").size(), "only 'kept' is left to nearly match");
        }
    }
}
