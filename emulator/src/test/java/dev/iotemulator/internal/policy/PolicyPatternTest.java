package dev.iotemulator.internal.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class PolicyPatternTest {

    private static final RequestContext NONE = RequestContext.empty();

    private static boolean resource(String pattern, String value) {
        return PolicyPattern.resource(pattern).matches(value, NONE);
    }

    private static boolean resource(String pattern, String value, RequestContext context) {
        return PolicyPattern.resource(pattern).matches(value, context);
    }

    @Test
    void star_matches_any_sequence_including_slashes() {
        assertTrue(resource("topic/a/*", "topic/a/b/c/d"));
        assertTrue(resource("topic/a/*", "topic/a/"));
        assertTrue(resource("topic/*/end", "topic/x/y/end"));
        assertFalse(resource("topic/a/*", "topic/b/c"));
    }

    @Test
    void star_alone_matches_everything_including_the_empty_string() {
        assertTrue(resource("*", ""));
        assertTrue(resource("*", "arn:aws:iot:us-east-1:000000000000:topic/x"));
    }

    @Test
    void question_mark_matches_exactly_one_character() {
        assertTrue(resource("topic/a?c", "topic/abc"));
        assertTrue(resource("topic/a?c", "topic/a/c"));
        assertFalse(resource("topic/a?c", "topic/ac"));
        assertFalse(resource("topic/a?c", "topic/abbc"));
    }

    @Test
    void mqtt_plus_and_hash_are_literal_characters() {
        assertTrue(resource("topicfilter/a/+", "topicfilter/a/+"));
        assertFalse(resource("topicfilter/a/+", "topicfilter/a/b"));
        assertTrue(resource("topicfilter/a/#", "topicfilter/a/#"));
        assertFalse(resource("topicfilter/a/#", "topicfilter/a/b/c"));
    }

    @Test
    void literal_star_escape_matches_only_a_star() {
        assertTrue(resource("topic/a/${*}", "topic/a/*"));
        assertFalse(resource("topic/a/${*}", "topic/a/b"));
        assertFalse(resource("topic/a/${*}", "topic/a/"));
    }

    @Test
    void literal_question_mark_and_dollar_escapes_match_only_themselves() {
        assertTrue(resource("topic/${?}", "topic/?"));
        assertFalse(resource("topic/${?}", "topic/x"));
        assertTrue(resource("topic/${$}aws/x", "topic/$aws/x"));
    }

    @Test
    void a_dollar_not_followed_by_a_brace_is_an_ordinary_character() {
        assertTrue(resource("topic/$aws/things/*", "topic/$aws/things/t1/shadow/get"));
    }

    @Test
    void variable_is_replaced_by_the_request_value() {
        RequestContext context = RequestContext.builder().clientId("sensor-1").build();
        assertTrue(resource("client/${iot:ClientId}", "client/sensor-1", context));
        assertFalse(resource("client/${iot:ClientId}", "client/sensor-2", context));
    }

    @Test
    void variable_value_containing_a_star_is_literal_and_cannot_widen_the_pattern() {
        RequestContext context = RequestContext.builder().clientId("*").build();
        assertTrue(resource("topic/my/${iot:ClientId}/x", "topic/my/*/x", context));
        assertFalse(resource("topic/my/${iot:ClientId}/x", "topic/my/anything/x", context));
    }

    @Test
    void variable_names_are_looked_up_case_insensitively() {
        RequestContext context = RequestContext.builder().clientId("c1").build();
        assertTrue(resource("client/${iot:clientid}", "client/c1", context));
    }

    @Test
    void wildcards_around_a_variable_still_act_as_wildcards() {
        RequestContext context = RequestContext.builder().thingName("t1").build();
        assertTrue(resource("topic/${iot:Connection.Thing.ThingName}/*", "topic/t1/a/b", context));
        assertFalse(resource("topic/${iot:Connection.Thing.ThingName}/*", "topic/t2/a", context));
    }

    @Test
    void unresolved_variable_matches_nothing() {
        assertFalse(resource("topic/${iot:Connection.Thing.ThingName}/*", "topic//a"));
        assertFalse(resource("*${iot:Connection.Thing.ThingName}", "anything"));
    }

    @Test
    void action_patterns_ignore_case_but_resource_patterns_do_not() {
        assertTrue(PolicyPattern.action("IOT:publish").matches("iot:Publish", NONE));
        assertTrue(PolicyPattern.action("iot:Pub*").matches("iot:PUBLISH", NONE));
        assertFalse(resource("topic/Sensors", "topic/sensors"));
    }

    @Test
    void exact_condition_values_treat_star_and_question_mark_literally() {
        PolicyPattern exact = PolicyPattern.conditionValue("a*?", false, false);
        assertTrue(exact.matches("a*?", NONE));
        assertFalse(exact.matches("abc", NONE));
    }

    @Test
    void many_stars_against_a_long_near_miss_finish_without_backtracking_blow_up() {
        String text = "a".repeat(5_000);
        assertFalse(resource("*a*a*a*a*a*a*a*a*a*a*a*a*b", text));
        assertTrue(resource("*a*a*a*a*a*a*a*a*a*a*a*a*a", text));
    }

    @Test
    void unterminated_variable_is_rejected_with_the_fix() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> PolicyPattern.resource("topic/${iot:ClientId"));
        assertEquals("expected \"}\" to close the policy variable in \"topic/${iot:ClientId\"", e.getMessage());
    }

    @Test
    void empty_variable_is_rejected() {
        assertThrows(IllegalArgumentException.class, () -> PolicyPattern.resource("topic/${}"));
    }
}
