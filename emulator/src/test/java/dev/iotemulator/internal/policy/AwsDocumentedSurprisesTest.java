package dev.iotemulator.internal.policy;

import static dev.iotemulator.internal.policy.PolicyEvaluatorTest.ARN;
import static dev.iotemulator.internal.policy.PolicyEvaluatorTest.ARNS;
import static dev.iotemulator.internal.policy.PolicyEvaluatorTest.CLIENT;
import static dev.iotemulator.internal.policy.PolicyEvaluatorTest.decide;
import static dev.iotemulator.internal.policy.PolicyEvaluatorTest.policy;
import static dev.iotemulator.internal.policy.PolicyEvaluatorTest.statement;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The policy behaviours the AWS IoT Developer Guide warns about; each must hold in the emulator too. */
class AwsDocumentedSurprisesTest {

    @Test
    void deny_on_a_subtree_does_not_stop_subscribing_to_its_parent_with_hash() {
        PolicyDocument p = policy("p", statement("Allow", "\"iot:Subscribe\"", "\"" + ARN + "topicfilter/a/*\"") + ","
                + statement("Deny", "\"iot:Subscribe\"", "\"" + ARN + "topicfilter/a/restricted/*\""));
        assertTrue(decide("iot:Subscribe", ARNS.topicFilter("a/#"), CLIENT, p).allowed());
        assertInstanceOf(Decision.ExplicitlyDenied.class,
                decide("iot:Subscribe", ARNS.topicFilter("a/restricted/#"), CLIENT, p));
    }

    @Test
    void plus_in_a_topicfilter_resource_allows_only_the_literal_plus_filter() {
        PolicyDocument p = policy("p", statement("Allow", "\"iot:Subscribe\"", "\"" + ARN + "topicfilter/a/+\""));
        assertTrue(decide("iot:Subscribe", ARNS.topicFilter("a/+"), CLIENT, p).allowed());
        assertFalse(decide("iot:Subscribe", ARNS.topicFilter("a/b"), CLIENT, p).allowed());
    }

    @Test
    void plus_in_a_topic_resource_does_not_allow_publishing_to_a_concrete_topic() {
        PolicyDocument p = policy("p", statement("Allow", "\"iot:Publish\"", "\"" + ARN + "topic/a/+\""));
        assertFalse(decide("iot:Publish", ARNS.topic("a/b"), CLIENT, p).allowed());
    }

    @Test
    void hash_in_a_topic_resource_is_not_a_multi_level_wildcard() {
        PolicyDocument p = policy("p", statement("Allow", "\"iot:Publish\"", "\"" + ARN + "topic/a/#\""));
        assertFalse(decide("iot:Publish", ARNS.topic("a/b/c"), CLIENT, p).allowed());
    }

    @Test
    void client_id_plus_widens_a_client_id_topicfilter_to_the_single_level_wildcard() {
        PolicyDocument p = policy("p", statement("Allow", "\"iot:Subscribe\"",
                "\"" + ARN + "topicfilter/my/${iot:ClientId}/topic\""));
        RequestContext plus = RequestContext.builder().clientId("+").build();
        assertTrue(decide("iot:Subscribe", ARNS.topicFilter("my/+/topic"), plus, p).allowed());
        assertFalse(decide("iot:Subscribe", ARNS.topicFilter("my/other/topic"), plus, p).allowed());
    }

    @Test
    void client_id_star_stays_literal_and_does_not_widen_the_policy() {
        PolicyDocument p = policy("p", statement("Allow", "\"iot:Publish\"", "\"" + ARN + "topic/my/${iot:ClientId}\""));
        RequestContext star = RequestContext.builder().clientId("*").build();
        assertTrue(decide("iot:Publish", ARNS.topic("my/*"), star, p).allowed());
        assertFalse(decide("iot:Publish", ARNS.topic("my/anything"), star, p).allowed());
    }

    @Test
    void star_crosses_topic_levels() {
        PolicyDocument p = policy("p", statement("Allow", "\"iot:Publish\"", "\"" + ARN + "topic/a/*\""));
        assertTrue(decide("iot:Publish", ARNS.topic("a/b/c/d"), CLIENT, p).allowed());
    }

    @Test
    void question_mark_matches_exactly_one_character_of_a_topic() {
        PolicyDocument p = policy("p", statement("Allow", "\"iot:Publish\"", "\"" + ARN + "topic/room?\""));
        assertTrue(decide("iot:Publish", ARNS.topic("room1"), CLIENT, p).allowed());
        assertFalse(decide("iot:Publish", ARNS.topic("room12"), CLIENT, p).allowed());
        assertFalse(decide("iot:Publish", ARNS.topic("room"), CLIENT, p).allowed());
    }

    @Test
    void literal_star_variable_matches_only_a_literal_star_topic() {
        PolicyDocument p = policy("p", statement("Allow", "\"iot:Publish\"", "\"" + ARN + "topic/a/${*}\""));
        assertTrue(decide("iot:Publish", ARNS.topic("a/*"), CLIENT, p).allowed());
        assertFalse(decide("iot:Publish", ARNS.topic("a/b"), CLIENT, p).allowed());
    }

    @Test
    void shadow_over_mqtt_needs_publish_not_update_thing_shadow() {
        PolicyDocument p = policy("p", statement("Allow", "\"iot:UpdateThingShadow\"", "\"" + ARN + "thing/t1\""));
        assertFalse(decide("iot:Publish", ARNS.topic("$aws/things/t1/shadow/update"), CLIENT, p).allowed());
        assertTrue(decide("iot:UpdateThingShadow", ARNS.thing("t1"), CLIENT, p).allowed());
    }
}
