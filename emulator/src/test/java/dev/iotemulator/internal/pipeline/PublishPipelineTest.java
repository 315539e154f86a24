package dev.iotemulator.internal.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.iotemulator.JournalEntry;
import dev.iotemulator.MqttLimits;
import dev.iotemulator.internal.journal.Journal;
import dev.iotemulator.internal.mqtt.RetainedStore;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The stages in their one order, and a reserved-topic service plugged in with one registration. */
class PublishPipelineTest {

    private final List<String> trail = new ArrayList<>();
    private final Journal journal = new Journal(100, Clock.systemUTC());
    private final RetainedStore retained = new RetainedStore();
    private final PublishPipeline pipeline = new PublishPipeline(MqttLimits.aws(), journal,
            new ReservedTopicServices(), retained, (topic, payload, qos, extras) -> trail.add("broker " + topic), Clock
            .systemUTC());

    private final Origin client = new Origin() {
        @Override
        public String denyPublish(String topic, boolean retain) {
            trail.add("authorize " + topic);
            return topic.startsWith("forbidden/") ? "denied by policy" : null;
        }
    };

    private static Publish mqtt(String topic, boolean retain) {
        return new Publish(topic, "m".getBytes(StandardCharsets.UTF_8), 1, retain, Source.MQTT, "AKID", "c1");
    }

    @Test
    void a_message_goes_through_authorization_journal_retain_and_broker_in_that_order() {
        journal.listen(entry -> trail.add("journal " + entry.topic()));
        assertEquals(Outcome.ROUTED, pipeline.publish(mqtt("state/1", true), client));
        assertEquals(List.of("authorize state/1", "journal state/1", "broker state/1"), trail);
        assertTrue(retained.get("state/1").isPresent());
    }

    @Test
    void an_invalid_message_stops_before_authorization_and_a_denied_one_before_the_journal() {
        assertInstanceOf(Outcome.Invalid.class, pipeline.publish(mqtt("a/+", false), client));
        assertEquals(List.of(), trail);
        assertInstanceOf(Outcome.Denied.class, pipeline.publish(mqtt("forbidden/x", false), client));
        assertEquals(List.of("authorize forbidden/x"), trail);
        assertTrue(journal.entries().isEmpty());
    }

    @Test
    void a_service_registers_once_and_sees_every_source_after_the_journal_and_before_the_broker() {
        List<String> heard = new ArrayList<>();
        pipeline.services().register(new ReservedTopicService() {
            @Override
            public boolean serves(String topic) {
                return topic.startsWith("$aws/rules/");
            }

            @Override
            public boolean handle(Publish publish) {
                heard.add(publish.source().label() + " " + publish.topic() + " journaled="
                        + (journal.entries().size() > 0));
                pipeline.publishAsService("answers/" + publish.clientId(), new byte[] {1}, 0);
                return true;
            }
        });
        assertEquals(Outcome.CONSUMED, pipeline.publish(mqtt("$aws/rules/dummy", false), client));
        assertEquals(Outcome.CONSUMED, pipeline.publish(new Publish("$aws/rules/dummy/x", new byte[0], 0, false,
                Source.HTTP, "AKID", null), Origin.SERVER));
        assertEquals(List.of("mqtt $aws/rules/dummy journaled=true", "http $aws/rules/dummy/x journaled=true"), heard);
        assertEquals(List.of("authorize $aws/rules/dummy", "broker answers/c1", "broker answers/null"), trail,
                "a consumed message never reaches the broker; the service's answers do");
        assertEquals(List.of("mqtt", "service", "http", "service"),
                journal.entries().stream().map(JournalEntry::source).toList());
    }
}
