package dev.iotemulator.acceptance;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.iotemulator.EmulatorOptions;
import dev.iotemulator.IotEmulator;
import dev.iotemulator.RuleExecution;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.iot.IotClient;
import software.amazon.awssdk.services.iot.model.GetTopicRuleResponse;
import software.amazon.awssdk.services.iot.model.ResourceAlreadyExistsException;
import software.amazon.awssdk.services.iot.model.SqlParseException;
import software.amazon.awssdk.services.iot.model.TopicRuleListItem;
import software.amazon.awssdk.services.iot.model.TopicRulePayload;
import software.amazon.awssdk.services.iot.model.UnauthorizedException;

/** The seven topic-rule operations of the control plane, called with the unmodified AWS SDK for Java v2 IotClient. */
class TopicRulesControlPlaneTest {

    private static IotEmulator emulator;
    private static IotClient iot;

    @BeforeAll
    static void start() {
        emulator = IotEmulator.start(EmulatorOptions.builder().dynamicPorts().withoutTls().build());
        iot = ControlPlaneClients.iot(emulator.endpoints());
    }

    @AfterAll
    static void stop() {
        iot.close();
        emulator.close();
    }

    private static TopicRulePayload payload(String sql, String topic) {
        return TopicRulePayload.builder().sql(sql).awsIotSqlVersion("2016-03-23").description("test rule")
                .actions(a -> a.republish(r -> r.topic(topic).roleArn("arn:aws:iam::000000000000:role/r")))
                .errorAction(a -> a.republish(r -> r.topic("errors").roleArn("arn:aws:iam::000000000000:role/r")))
                .build();
    }

    @Test
    void create_get_and_list_answer_aws_shapes() {
        iot.createTopicRule(r -> r.ruleName("shapes").topicRulePayload(payload("SELECT * FROM 'shapes/+'", "out")));
        GetTopicRuleResponse got = iot.getTopicRule(r -> r.ruleName("shapes"));
        assertEquals("arn:aws:iot:us-east-1:000000000000:rule/shapes", got.ruleArn());
        assertEquals("SELECT * FROM 'shapes/+'", got.rule().sql());
        assertEquals("2016-03-23", got.rule().awsIotSqlVersion());
        assertEquals("test rule", got.rule().description());
        assertEquals("out", got.rule().actions().get(0).republish().topic());
        assertEquals("errors", got.rule().errorAction().republish().topic());
        assertFalse(got.rule().ruleDisabled());
        assertTrue(got.rule().createdAt() != null);
        List<TopicRuleListItem> listed = iot.listTopicRules(r -> r.topic("shapes/+")).rules();
        assertEquals(1, listed.size());
        assertEquals("shapes", listed.get(0).ruleName());
        assertEquals("shapes/+", listed.get(0).topicPattern());
        assertThrows(ResourceAlreadyExistsException.class, () -> iot.createTopicRule(r -> r.ruleName("shapes")
                .topicRulePayload(payload("SELECT * FROM 'x'", "y"))));
    }

    @Test
    void a_sql_parse_error_names_the_position() {
        SqlParseException e = assertThrows(SqlParseException.class, () -> iot.createTopicRule(r -> r.ruleName("bad")
                .topicRulePayload(payload("SELECT temp FROM 'a' WHERE temp >", "out"))));
        assertEquals("line 1, column 34: expected an expression but found the end of the statement",
                e.awsErrorDetails().errorMessage());
    }

    @Test
    void replace_disable_enable_and_delete_change_what_fires() throws Exception {
        iot.createTopicRule(r -> r.ruleName("lifecycle").topicRulePayload(payload("SELECT * FROM 'life/a'", "x")));
        iot.replaceTopicRule(r -> r.ruleName("lifecycle").topicRulePayload(payload("SELECT * FROM 'life/b'", "x")));
        assertEquals("SELECT * FROM 'life/b'", iot.getTopicRule(r -> r.ruleName("lifecycle")).rule().sql());

        iot.disableTopicRule(r -> r.ruleName("lifecycle"));
        assertTrue(iot.getTopicRule(r -> r.ruleName("lifecycle")).rule().ruleDisabled());
        assertEquals(List.of("rule lifecycle: FROM 'life/b' matches, but the rule is disabled"),
                emulator.ruleNearMisses("life/b").stream().filter(l -> l.startsWith("rule lifecycle")).toList());
        assertEquals(1, iot.listTopicRules(r -> r.ruleDisabled(true)).rules().size());

        iot.enableTopicRule(r -> r.ruleName("lifecycle"));
        emulator.publish("life/b", "{}".getBytes(UTF_8), 0, false);
        RuleExecution e = emulator.awaitRuleExecution("lifecycle", Duration.ofSeconds(10));
        assertTrue(e.fired(), e.explanation());

        iot.deleteTopicRule(r -> r.ruleName("lifecycle"));
        UnauthorizedException missing = assertThrows(UnauthorizedException.class,
                () -> iot.getTopicRule(r -> r.ruleName("lifecycle")));
        assertTrue(missing.awsErrorDetails().errorMessage().startsWith("No topic rule named lifecycle"));
    }
}
