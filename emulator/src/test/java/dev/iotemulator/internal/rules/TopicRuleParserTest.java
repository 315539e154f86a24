package dev.iotemulator.internal.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.iotemulator.internal.rules.sql.SqlParseException;
import dev.iotemulator.internal.rules.sql.SqlVersion;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** A TopicRulePayload is checked as CreateTopicRule checks it, and every refusal names the field. */
class TopicRuleParserTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static TopicRule parse(String name, String payload) throws Exception {
        return TopicRuleParser.parse(name, JSON.readTree(payload), Instant.EPOCH);
    }

    @Test
    void reads_the_sql_version_actions_error_action_and_flags() throws Exception {
        TopicRule r = parse("r1", "{\"sql\": \"SELECT * FROM 'a/#'\", \"awsIotSqlVersion\": \"2016-03-23\", "
                + "\"ruleDisabled\": true, \"description\": \"d\", \"actions\": [{\"republish\": {\"topic\": \"b\"}}], "
                + "\"errorAction\": {\"s3\": {\"bucketName\": \"e\", \"key\": \"${topic()}\"}}}");
        assertEquals(SqlVersion.V2016_03_23, r.statement().version());
        assertEquals("a/#", r.topicPattern());
        assertEquals(true, r.disabled());
        assertEquals("republish", r.actions().get(0).type());
        assertEquals("S3Action", r.errorAction().failedActionName());
    }

    @Test
    void a_rule_without_a_version_uses_2015_10_08_as_aws_does() throws Exception {
        assertEquals(SqlVersion.V2015_10_08, parse("r", "{\"sql\": \"SELECT * FROM 'a'\", \"actions\": []}")
                .statement().version());
    }

    @ParameterizedTest(name = "{1}")
    @CsvSource(delimiter = '|', value = {
        "bad-name | rule name 'bad-name' must be 1 to 128 letters, digits and underscores (AWS: ^[a-zA-Z0-9_]+$)",
        "r | sql is required: a statement such as SELECT * FROM 'sensors/#'",
    })
    void refuses_a_bad_name_or_a_missing_sql(String name, String message) {
        assertEquals(message, assertThrows(RuleDefinitionException.class,
                () -> parse(name, "{\"actions\": []}")).getMessage());
    }

    @ParameterizedTest(name = "{1}")
    @CsvSource(delimiter = '|', value = {
        "[{\"republish\": {\"qos\": 1}}] | actions[0].republish.topic is required",
        "[{\"dynamoDBv2\": {}}] | actions[0].dynamoDBv2.putItem is required",
        "[{\"republish\": {\"topic\": \"a\"}, \"sqs\": {\"queueUrl\": \"q\"}}] | actions[0] must be an object with exactly one action, such as {\"republish\": {...}}",
        "[{\"teleport\": {}}] | actions[0] names the action 'teleport', which AWS IoT does not have; the emulator runs",
    })
    void refuses_actions_aws_would_refuse(String actions, String message) {
        String got = assertThrows(RuleDefinitionException.class,
                () -> parse("r", "{\"sql\": \"SELECT * FROM 'a'\", \"actions\": " + actions + "}")).getMessage();
        assertTrue(got.startsWith(message), got);
    }

    @Test
    void a_template_that_does_not_parse_is_refused_at_creation() {
        assertThrows(SqlParseException.class, () -> parse("r", "{\"sql\": \"SELECT * FROM 'a'\", "
                + "\"actions\": [{\"republish\": {\"topic\": \"x/${topic(}\"}}]}"));
    }

    @Test
    void an_unknown_sql_version_is_refused() {
        assertEquals("awsIotSqlVersion must be one of 2015-10-08, 2016-03-23, beta, not '2020-01-01'",
                assertThrows(RuleDefinitionException.class, () -> parse("r", "{\"sql\": \"SELECT * FROM 'a'\", "
                        + "\"awsIotSqlVersion\": \"2020-01-01\", \"actions\": []}")).getMessage());
    }

    static JsonNode json(String s) throws Exception {
        return JSON.readTree(s);
    }
}
