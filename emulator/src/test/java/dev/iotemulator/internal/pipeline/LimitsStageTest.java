package dev.iotemulator.internal.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.iotemulator.MqttLimits;
import org.junit.jupiter.api.Test;

class LimitsStageTest {

    private final LimitsStage limits = new LimitsStage(MqttLimits.aws());

    private static Publish from(Source source, String topic, int bytes, int qos, boolean retain) {
        return new Publish(topic, new byte[bytes], qos, retain, source, "AKID", "c1");
    }

    @Test
    void a_client_message_within_the_limits_passes() {
        assertNull(limits.check(from(Source.MQTT, "devices/d1/telemetry", 100, 1, false)));
        assertNull(limits.check(from(Source.HTTP, "devices/d1/telemetry", 128 * 1024, 0, true)));
    }

    @Test
    void qos_2_is_refused_from_every_source() {
        for (Source source : Source.values()) {
            Outcome.Invalid invalid = limits.check(from(source, "t", 1, 2, false));
            assertTrue(invalid.problem().contains("QoS 0 and 1 only"), source + ": " + invalid);
        }
    }

    @Test
    void a_payload_over_128_kb_is_refused_and_said_to_be_too_large() {
        Outcome.Invalid invalid = limits.check(from(Source.MQTT, "t", 128 * 1024 + 1, 0, false));
        assertTrue(invalid.tooLarge());
        assertTrue(invalid.problem().contains("131073 bytes"), invalid.problem());
    }

    @Test
    void client_topics_follow_aws_shape_and_reserved_topic_rules() {
        assertFalse(limits.check(from(Source.MQTT, "a/+/b", 1, 0, false)).tooLarge());
        assertTrue(limits.check(from(Source.MQTT, "a/b/c/d/e/f/g/h/i", 1, 0, false)).problem().contains("slashes"));
        assertTrue(limits.check(from(Source.HTTP, "$aws/things/t/unknown", 1, 0, false)).problem()
                .contains("reserved"));
        assertNull(limits.check(from(Source.MQTT, "$aws/things/t/shadow/update", 1, 0, false)));
        assertTrue(limits.check(from(Source.MQTT, "$aws/things/t/shadow/update", 1, 0, true)).problem()
                .contains("does not retain $ topics"));
    }

    @Test
    void the_emulator_itself_may_publish_anywhere_but_not_to_a_wildcard() {
        assertNull(limits.check(from(Source.ADMIN, "$aws/things/t/shadow/update/accepted", 1, 1, false)));
        assertNull(limits.check(from(Source.ADMIN, "t", 200 * 1024, 1, false)));
        assertTrue(limits.check(from(Source.ADMIN, "a/#", 1, 0, false)).problem().contains("without wildcards"));
        assertTrue(limits.check(from(Source.ADMIN, "", 1, 0, false)).problem().contains("without wildcards"));
        assertNull(limits.check(from(Source.SERVICE, "$aws/events/presence/connected/c1", 1, 1, false)));
    }

    @Test
    void a_limit_raised_in_the_options_is_the_limit() {
        LimitsStage raised = new LimitsStage(MqttLimits.aws().withMaxPayloadBytes(512 * 1024));
        assertNull(raised.check(from(Source.MQTT, "t", 300 * 1024, 0, false)));
        assertEquals(true, raised.check(from(Source.MQTT, "t", 513 * 1024, 0, false)).tooLarge());
    }
}
