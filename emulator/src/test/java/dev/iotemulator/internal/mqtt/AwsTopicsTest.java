package dev.iotemulator.internal.mqtt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class AwsTopicsTest {

    final AwsTopics topics = AwsTopics.aws();

    @ParameterizedTest(name = "{0} matches {1}: {2}")
    @CsvSource({
        "a/#, a, false",
        "a/#, a/, true",
        "a/#, a/b, true",
        "a/#, a/b/c, true",
        "a/+, a/b, true",
        "a/+, a/b/c, false",
        "a/+, a/, true",
        "+, a, true",
        "+, a/b, false",
        "#, a/b, true",
        "#, $aws/things/t/shadow/update, false",
        "+/things/t/shadow/update, $aws/things/t/shadow/update, false",
        "$aws/things/+/shadow/update, $aws/things/t/shadow/update, true",
        "$aws/things/t/shadow/#, $aws/things/t/shadow/update/accepted, true",
        "a/b, a/b, true",
        "a/b, a/bc, false",
        "a/b, A/b, false",
    })
    void matches_topics_the_way_aws_iot_does(String filter, String topic, boolean expected) {
        assertEquals(expected, AwsTopics.matches(filter, topic));
    }

    @Test
    void a_topic_of_256_bytes_and_7_slashes_is_fine_but_one_more_is_not() {
        String seven = "a/b/c/d/e/f/g/h";
        assertEquals(Optional.empty(), topics.checkPublishTopic(seven));
        assertTrue(topics.checkPublishTopic(seven + "/i").orElseThrow().contains("8 slashes"));
        assertEquals(Optional.empty(), topics.checkPublishTopic("x".repeat(256)));
        assertTrue(topics.checkPublishTopic("x".repeat(257)).orElseThrow().contains("257 bytes"));
        assertTrue(topics.checkPublishTopic("\u00e9".repeat(129)).orElseThrow().contains("258 bytes"));
    }

    @Test
    void the_basic_ingest_prefix_does_not_count_toward_the_limits() {
        assertEquals(Optional.empty(), topics.checkPublishTopic("$aws/rules/myRule/a/b/c/d/e/f/g/h"));
    }

    @Test
    void filters_are_held_to_the_same_limits() {
        assertTrue(topics.checkTopicFilter("a/b/c/d/e/f/g/h/#").isPresent());
        assertEquals(Optional.empty(), topics.checkTopicFilter("a/b/c/d/e/f/g/#"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"a/+", "a/#", "a/b+", "#"})
    void publishers_cannot_use_wildcards(String topic) {
        assertTrue(topics.checkPublishTopic(topic).orElseThrow().contains("wildcard"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"a/b#", "a/#/b", "a+/b", "#/a"})
    void a_wildcard_must_be_a_whole_level(String filter) {
        assertTrue(topics.checkTopicFilter(filter).isPresent());
    }

    @ParameterizedTest
    @ValueSource(strings = {"$aws/things/t1/shadow/update", "$aws/things/t1/shadow/get",
        "$aws/things/t1/shadow/name/config/delete", "$aws/things/t1/jobs/get", "$aws/things/t1/jobs/j1/update",
        "$aws/rules/ingest", "$aws/rules/ingest/data/x", "$aws/things/t1/defender/metrics/json",
        "$aws/certificates/create/json", "$aws/certificates/create-from-csr/cbor",
        "$aws/provisioning-templates/Fleet/provision/json", "$aws/things/t1/streams/s1/get/json",
        "$aws/device_location/t1/get_position_estimate"})
    void clients_may_publish_to_the_aws_request_topics(String topic) {
        assertEquals(Optional.empty(), topics.checkPublishTopic(topic));
    }

    @ParameterizedTest
    @ValueSource(strings = {"$aws/things/t1/shadow/update/accepted", "$aws/events/presence/connected/c1",
        "$SYS/broker", "$custom/topic", "$aws/things/t1/shadow/update/delta"})
    void clients_may_not_publish_to_other_reserved_topics(String topic) {
        assertTrue(topics.checkPublishTopic(topic).orElseThrow().contains("reserved"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"$aws/things/t1/shadow/update/accepted", "$aws/things/t1/shadow/#",
        "$aws/events/presence/connected/+", "$aws/events/#", "$aws/things/+/jobs/notify",
        "$aws/certificates/create/json/accepted", "$aws/certificates/create/json/rejected",
        "$aws/certificates/create-from-csr/json/+", "$aws/provisioning-templates/Fleet/provision/json/accepted",
        "$aws/provisioning-templates/+/provision/json/#", "$aws/things/t1/defender/metrics/json/accepted",
        "$aws/things/t1/tunnels/notify", "$aws/things/t1/streams/s1/data/json",
        "$aws/events/job/j1/completed", "$aws/events/jobExecution/j1/succeeded",
        "$aws/device_location/t1/get_position_estimate/accepted"})
    void clients_may_subscribe_to_aws_response_and_event_topics(String filter) {
        assertEquals(Optional.empty(), topics.checkTopicFilter(filter));
    }

    @ParameterizedTest
    @ValueSource(strings = {"$aws/rules/ingest", "$SYS/#", "$custom"})
    void clients_may_not_subscribe_to_other_reserved_topics(String filter) {
        assertTrue(topics.checkTopicFilter(filter).orElseThrow().contains("reserved"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"$share/group/a/b", "$share/g/+/b/#", "$share/workers/a/b/c/d/e/f/g/h"})
    void shared_subscriptions_are_accepted_and_their_prefix_slashes_do_not_count(String filter) {
        assertTrue(topics.checkTopicFilter(filter).isEmpty(), filter);
        assertEquals("group", SharedFilter.parse("$share/group/a/b").orElseThrow().shareName());
        assertEquals("a/b", SharedFilter.parse("$share/group/a/b").orElseThrow().topicFilter());
    }

    @ParameterizedTest
    @ValueSource(strings = {"$share/group", "$share//a", "$share/g+/a", "$share/g#/a", "$share/g/a/#/b",
        "$share/g/a/b/c/d/e/f/g/h/i"})
    void malformed_shared_subscriptions_are_refused(String filter) {
        assertTrue(topics.checkTopicFilter(filter).isPresent(), filter);
    }

    @Test
    void a_share_name_has_at_most_128_characters() {
        assertTrue(topics.checkTopicFilter("$share/" + "n".repeat(128) + "/a").isEmpty());
        assertTrue(topics.checkTopicFilter("$share/" + "n".repeat(129) + "/a").orElseThrow().contains("128"));
    }

    @Test
    void only_a_filter_without_wildcards_is_exact() {
        assertTrue(AwsTopics.isExact("a/b"));
        assertFalse(AwsTopics.isExact("a/+"));
        assertFalse(AwsTopics.isExact("a/#"));
    }
}
