package dev.iotemulator.internal.pipeline;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.iotemulator.JournalEntry;
import dev.iotemulator.internal.journal.Journal;
import dev.iotemulator.internal.mqtt.RetainedStore;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The publish pipeline's stages, each on its own, without a broker or a network. */
class StagesTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-28T00:00:00Z"), ZoneOffset.UTC);

    private static Publish message(String topic, String payload, boolean retain, Source source) {
        return new Publish(topic, payload.getBytes(StandardCharsets.UTF_8), 1, retain, source, "AKID", "c1");
    }

    @Test
    void authorization_asks_the_origin_and_lets_the_emulator_itself_through() {
        AuthorizationStage stage = new AuthorizationStage();
        List<String> asked = new ArrayList<>();
        Origin narrow = new Origin() {
            @Override
            public String denyPublish(String topic, boolean retain) {
                asked.add(topic + " retain=" + retain);
                return topic.startsWith("forbidden/") ? "not allowed" : null;
            }
        };
        assertNull(stage.check(message("ok/1", "x", true, Source.MQTT), narrow));
        assertEquals("not allowed", stage.check(message("forbidden/1", "x", false, Source.MQTT), narrow).reason());
        assertEquals(List.of("ok/1 retain=true", "forbidden/1 retain=false"), asked);
        assertNull(stage.check(message("forbidden/1", "x", false, Source.ADMIN), Origin.SERVER));
    }

    @Test
    void the_journal_records_every_message_with_its_source_and_principal_unless_it_is_off() {
        Journal journal = new Journal(10, CLOCK);
        new JournalStage(journal).record(message("a/b", "hi", true, Source.HTTP));
        JournalEntry entry = journal.entries().get(0);
        assertEquals(JournalEntry.Kind.PUBLISH, entry.kind());
        assertEquals("http", entry.source());
        assertEquals("AKID", entry.principal());
        assertEquals("hi", entry.payloadAsString());
        assertTrue(entry.retain());

        Journal off = new Journal(0, CLOCK);
        new JournalStage(off).record(message("a/b", "hi", false, Source.MQTT));
        assertTrue(off.entries().isEmpty());
    }

    @Test
    void the_retain_stage_stores_the_message_and_passes_it_on_with_retain_cleared() {
        RetainedStore store = new RetainedStore();
        RetainStage stage = new RetainStage(store, CLOCK);
        Publish live = stage.apply(message("state/lamp", "on", true, Source.MQTT));
        assertFalse(live.retain());
        assertArrayEquals("on".getBytes(StandardCharsets.UTF_8), store.get("state/lamp").orElseThrow().payload());
        assertEquals(CLOCK.millis(), store.get("state/lamp").orElseThrow().lastModifiedMillis());

        Publish notRetained = message("state/lamp", "off", false, Source.MQTT);
        assertSame(notRetained, stage.apply(notRetained));
        assertArrayEquals("on".getBytes(StandardCharsets.UTF_8), store.get("state/lamp").orElseThrow().payload());

        stage.apply(message("state/lamp", "", true, Source.MQTT));
        assertTrue(store.get("state/lamp").isEmpty(), "an empty retained payload deletes");
    }

    @Test
    void the_broker_stage_prefers_the_origins_own_link_and_otherwise_routes_as_the_server() {
        List<String> routed = new ArrayList<>();
        BrokerStage stage = new BrokerStage((topic, payload, qos, extras) -> routed.add("server " + topic + " qos=" + qos));
        List<String> forwarded = new ArrayList<>();
        Origin client = new Origin() {
            @Override
            public boolean forward(Publish publish) {
                forwarded.add(publish.topic());
                return true;
            }
        };
        stage.route(message("from/client", "x", false, Source.MQTT), client);
        stage.route(message("from/http", "x", false, Source.HTTP), Origin.SERVER);
        assertEquals(List.of("from/client"), forwarded);
        assertEquals(List.of("server from/http qos=1"), routed);
    }

    @Test
    void the_delivery_check_matches_the_aws_way_then_asks_for_iot_receive() {
        Set<String> filters = Set.of("sensors/#", "+/status");
        assertTrue(DeliveryCheck.allows(filters, "sensors/t1", ReceivePermission.ANY));
        assertFalse(DeliveryCheck.allows(filters, "sensors", ReceivePermission.ANY), "a/# does not match a at AWS");
        assertFalse(DeliveryCheck.allows(filters, "$aws/status", ReceivePermission.ANY),
                "a leading wildcard does not match a $ topic");
        assertFalse(DeliveryCheck.allows(filters, "lamp/status", topic -> !topic.startsWith("lamp/")));
        assertTrue(DeliveryCheck.allows(filters, "door/status", topic -> !topic.startsWith("lamp/")));
    }

    @Test
    void reserved_topic_services_see_only_their_aws_topics_and_a_failing_one_does_not_stop_the_message() {
        ReservedTopicServices services = new ReservedTopicServices();
        List<String> seen = new ArrayList<>();
        services.register(new ReservedTopicService() {
            @Override
            public boolean serves(String topic) {
                seen.add("asked " + topic);
                return topic.endsWith("/boom") || topic.endsWith("/ingest");
            }

            @Override
            public boolean handle(Publish publish) {
                if (publish.topic().endsWith("/boom")) {
                    throw new IllegalStateException("service bug");
                }
                return true;
            }
        });
        assertFalse(services.offer(message("plain/topic", "x", false, Source.MQTT)));
        assertFalse(services.offer(message("$aws/things/t/boom", "x", false, Source.MQTT)));
        assertTrue(services.offer(message("$aws/rules/r/ingest", "x", false, Source.MQTT)));
        assertEquals(List.of("asked $aws/things/t/boom", "asked $aws/rules/r/ingest"), seen,
                "ordinary topics are never offered to services");
    }
}
