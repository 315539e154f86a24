package dev.iotemulator.internal.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Why a rule's FROM did not match a topic, in words, nearest rule first. */
class RuleNearMissesTest {

    @ParameterizedTest(name = "{0} vs {1}")
    @CsvSource(delimiter = '|', value = {
        "sensors/+/telemetry | sensors/d1/telemetri | level 3 is 'telemetri', not 'telemetry'",
        "sensors/+/telemetry | sensors/d1 | the topic has 2 levels, the filter needs 3",
        "sensors/+ | sensors/d1/x | the topic has 3 levels, the filter matches exactly 2",
        "sensors/# | sensors | '#' needs at least one more level after 'sensors' (AWS: a/# does not match a)",
        "+/events | $aws/events | a wildcard at the first level does not match a topic starting with $",
        "a/b | a/b | ",
    })
    void says_where_filter_and_topic_part_ways(String filter, String topic, String why) {
        assertEquals(why, RuleNearMisses.mismatch(filter, topic));
    }

    @Test
    void ranks_the_nearest_rule_first_and_names_disabled_and_basic_ingest_only_rules() throws Exception {
        TopicRule near = rule("near", "SELECT * FROM 'sensors/+/telemetry'", false);
        TopicRule far = rule("far", "SELECT * FROM 'other/x'", false);
        TopicRule off = rule("off", "SELECT * FROM 'sensors/d1/telemetri'", true);
        TopicRule ingest = rule("ingest", "SELECT *", false);
        assertEquals(List.of("rule off: FROM 'sensors/d1/telemetri' matches, but the rule is disabled",
                "rule near: FROM 'sensors/+/telemetry': level 3 is 'telemetri', not 'telemetry'",
                "rule far: FROM 'other/x': level 1 is 'sensors', not 'other'",
                "rule ingest: has no FROM clause, so only Basic Ingest ($aws/rules/ingest/...) reaches it"),
                RuleNearMisses.explain("sensors/d1/telemetri", List.of(far, ingest, near, off)));
    }

    @Test
    void a_disabled_rule_that_does_not_match_says_both() throws Exception {
        assertEquals(List.of("rule off: FROM 'a/b': level 2 is 'c', not 'b' (and the rule is disabled)"),
                RuleNearMisses.explain("a/c", List.of(rule("off", "SELECT * FROM 'a/b'", true))));
    }

    private static TopicRule rule(String name, String sql, boolean disabled) throws Exception {
        return TopicRuleParser.parse(name, TopicRuleParserTest.json("{\"sql\": \"" + sql + "\", \"ruleDisabled\": "
                + disabled + ", \"actions\": []}"), Instant.EPOCH);
    }
}
