package dev.iotemulator.internal.mqtt5;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** AWS IoT's MQTT 5 rules that need no connection: expiries and topic aliases in both directions. */
class Mqtt5RulesTest {

    private static final long ONE_HOUR = 3600;
    private static final long SEVEN_DAYS = 604_800;

    @Test
    void a_message_expiry_of_0_becomes_1_second_and_one_over_7_days_becomes_7_days() {
        assertEquals(1, MessageExpiry.adjust(0));
        assertEquals(60, MessageExpiry.adjust(60));
        assertEquals(SEVEN_DAYS, MessageExpiry.adjust(SEVEN_DAYS + 1));
        assertEquals(SEVEN_DAYS, MessageExpiry.adjust(0xFFFF_FFFFL));
    }

    @Test
    void a_message_is_expired_from_its_deadline_on_and_carries_the_whole_seconds_left() {
        long deadline = MessageExpiry.deadline(10_000, 5);
        assertEquals(15_000, deadline);
        assertFalse(MessageExpiry.expired(deadline, 14_999));
        assertTrue(MessageExpiry.expired(deadline, 15_000));
        assertFalse(MessageExpiry.expired(MessageExpiry.NEVER, Long.MAX_VALUE), "0 means it never expires");
        assertEquals(5, MessageExpiry.remainingSeconds(deadline, 10_000));
        assertEquals(2, MessageExpiry.remainingSeconds(deadline, 12_001));
        assertEquals(0, MessageExpiry.remainingSeconds(deadline, 14_500), "under a second left shows as 0");
        assertEquals(0, MessageExpiry.remainingSeconds(deadline, 20_000));
    }

    @Test
    void a_session_expiry_is_capped_at_the_persistent_session_expiry() {
        assertEquals(0, SessionExpiry.grant(0, ONE_HOUR));
        assertEquals(300, SessionExpiry.grant(300, ONE_HOUR));
        assertEquals(ONE_HOUR, SessionExpiry.grant(0xFFFF_FFFFL, ONE_HOUR), "never-expiring is capped too");
        assertEquals(SEVEN_DAYS, SessionExpiry.grant(SEVEN_DAYS * 2, SEVEN_DAYS));
    }

    @Test
    void a_disconnect_may_lower_the_session_expiry_or_end_it_but_not_raise_it_from_0() {
        assertEquals(60, SessionExpiry.onDisconnect(300, 60, ONE_HOUR));
        assertEquals(0, SessionExpiry.onDisconnect(300, 0, ONE_HOUR));
        assertEquals(ONE_HOUR, SessionExpiry.onDisconnect(300, 2 * ONE_HOUR, ONE_HOUR), "still capped");
        assertEquals(SessionExpiry.PROTOCOL_ERROR, SessionExpiry.onDisconnect(0, 60, ONE_HOUR));
        assertEquals(0, SessionExpiry.onDisconnect(0, 0, ONE_HOUR));
    }

    @Test
    void a_client_alias_is_set_by_a_publish_with_a_topic_and_used_by_one_without() {
        InboundTopicAliases aliases = new InboundTopicAliases(AwsMqtt5.TOPIC_ALIAS_MAXIMUM);
        assertEquals("a/b", aliases.resolve("a/b", 3).topic());
        assertEquals("a/b", aliases.resolve("", 3).topic());
        assertEquals("c", aliases.resolve("c", 3).topic(), "a new topic replaces the mapping");
        assertEquals("c", aliases.resolve(null, 3).topic());
        assertEquals("plain", aliases.resolve("plain", 0).topic());
    }

    @Test
    void a_client_alias_outside_1_to_8_or_never_set_is_a_protocol_violation() {
        InboundTopicAliases aliases = new InboundTopicAliases(AwsMqtt5.TOPIC_ALIAS_MAXIMUM);
        InboundTopicAliases.Resolved tooHigh = aliases.resolve("a", 9);
        assertEquals(ReasonCode.TOPIC_ALIAS_INVALID, tooHigh.error());
        assertTrue(tooHigh.problem().contains("1..8"), tooHigh.problem());
        assertEquals(ReasonCode.PROTOCOL_ERROR, aliases.resolve("", 2).error(), "alias 2 was never set");
        assertEquals(ReasonCode.PROTOCOL_ERROR, aliases.resolve("", 0).error(), "no topic and no alias");
        assertNull(aliases.resolve("a", 8).error());
    }

    @Test
    void toward_a_client_the_first_publish_on_a_topic_sends_topic_and_alias_and_later_ones_the_alias_only() {
        OutboundTopicAliases aliases = new OutboundTopicAliases(2);
        OutboundTopicAliases.Choice first = aliases.peek("t/1");
        assertEquals(new OutboundTopicAliases.Choice(1, true), first);
        assertEquals(first, aliases.peek("t/1"), "peek assigns nothing");
        aliases.commit("t/1", first);
        assertEquals(new OutboundTopicAliases.Choice(1, false), aliases.peek("t/1"));
        OutboundTopicAliases.Choice second = aliases.peek("t/2");
        aliases.commit("t/2", second);
        assertEquals(new OutboundTopicAliases.Choice(2, true), second);
    }

    @Test
    void toward_a_client_with_every_alias_taken_the_oldest_assignment_is_replaced() {
        OutboundTopicAliases aliases = new OutboundTopicAliases(2);
        for (String topic : new String[] {"t/1", "t/2", "t/3"}) {
            aliases.commit(topic, aliases.peek(topic));
        }
        assertEquals(new OutboundTopicAliases.Choice(1, false), aliases.peek("t/3"));
        assertEquals(new OutboundTopicAliases.Choice(2, false), aliases.peek("t/2"));
        assertEquals(new OutboundTopicAliases.Choice(2, true), aliases.peek("t/1"), "t/1 lost its alias to t/3");
    }

    @Test
    void a_client_that_allows_no_aliases_gets_every_topic_in_full() {
        OutboundTopicAliases none = new OutboundTopicAliases(0);
        OutboundTopicAliases.Choice choice = none.peek("t/1");
        none.commit("t/1", choice);
        assertEquals(new OutboundTopicAliases.Choice(0, true), none.peek("t/1"));
    }
}
