package dev.iotemulator.acceptance;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.iotemulator.Credentials;
import dev.iotemulator.EmulatorOptions;
import dev.iotemulator.IotEmulator;
import dev.iotemulator.IotEmulatorException;
import dev.iotemulator.JournalEntry;
import dev.iotemulator.RuleExecution;
import dev.iotemulator.RuleNotExecutedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The rules engine on the one publish pipeline, driven by real clients: the AWS CLI v2 creates the rule, mqtt.js
 * publishes readings, the rule republishes the hot ones transformed, and every evaluation explains itself.
 */
class RulesRepublishTest {

    static final String HOT_ALERTS = """
            {"sql": "SELECT temp, topic(2) AS device FROM 'sensors/+/telemetry' WHERE temp > 30",
             "awsIotSqlVersion": "2016-03-23",
             "actions": [{"republish": {"topic": "alerts/${topic(2)}", "qos": 1,
                                        "roleArn": "arn:aws:iam::000000000000:role/iot-republish"}}]}""";
    private static final Duration WAIT = Duration.ofSeconds(10);

    static IotEmulator iot;
    @TempDir
    static Path home;

    @BeforeAll
    static void start() throws Exception {
        iot = IotEmulator.start(EmulatorOptions.builder().dynamicPorts().withoutTls().build());
        Path payload = Files.writeString(home.resolve("hot-alerts.json"), HOT_ALERTS);
        AwsCli.iot(iot.endpoints(), home, "create-topic-rule", "--rule-name", "hot_alerts",
                "--topic-rule-payload", "file://" + payload);
    }

    @AfterAll
    static void stop() {
        iot.close();
    }

    @BeforeEach
    void fresh() {
        iot.reset();
    }

    @Test
    void a_rule_made_with_the_aws_cli_republishes_an_mqtt_js_hot_reading_and_explains_the_cool_one() throws Exception {
        Credentials key = iot.endpoints().defaultCredentials();
        NodeChecks.assertPasses("rules-republish.mjs", 2, iot.endpoints(), key.accessKeyId(), key.secretAccessKey());

        RuleExecution cool = iot.awaitRuleExecution(e -> e.ruleName().equals("hot_alerts") && !e.fired(), WAIT);
        assertEquals("false", cool.where(), cool.explanation());
        assertEquals(List.of("temp > 30: 25 > 30 is false"), cool.comparisons());
        assertEquals("sensor-d1", cool.clientId());
        RuleExecution hot = iot.awaitRuleExecution(e -> e.ruleName().equals("hot_alerts") && e.fired(), WAIT);
        assertEquals("{\"temp\":35,\"device\":\"d1\"}", hot.output());
        assertEquals(List.of(new RuleExecution.ActionOutcome("republish", "alerts/d1", true, "published with QoS 1")),
                hot.actions());
        List<JournalEntry> alerts = iot.journalEntries().stream()
                .filter(e -> e.kind() == JournalEntry.Kind.PUBLISH && e.topic().startsWith("alerts/")).toList();
        assertEquals(1, alerts.size(), "only the hot reading is republished: " + alerts);
        assertEquals("service", alerts.get(0).source());
    }

    @Test
    void basic_ingest_reaches_the_rule_without_the_broker() throws Exception {
        try (PahoClients.Client device = PahoClients.overWebSocket(iot.endpoints(), "sensor-d2");
                PahoClients.Client dashboard = PahoClients.overWebSocket(iot.endpoints(), "dashboard-2")) {
            dashboard.paho.subscribe("alerts/#", 1);
            dashboard.paho.subscribe("sensors/#", 1);
            device.paho.publish("$aws/rules/hot_alerts/sensors/d2/telemetry", "{\"temp\":40}".getBytes(UTF_8), 1,
                    false);
            PahoClients.Received alert = dashboard.next();
            assertEquals("alerts/d2", alert.topic());
            assertEquals("{\"temp\":40,\"device\":\"d2\"}", new String(alert.message().getPayload(), UTF_8));
        }
        RuleExecution e = iot.awaitRuleExecution("hot_alerts", WAIT);
        assertEquals("$aws/rules/hot_alerts/sensors/d2/telemetry", e.topic());
        assertFalse(iot.journalEntries().stream().anyMatch(j -> j.kind() == JournalEntry.Kind.DELIVERY
                && j.topic().startsWith("$aws/rules/")), "a Basic Ingest message never reaches subscribers");
    }

    @Test
    void a_message_no_rule_matched_gets_the_rules_that_nearly_did_and_why_not() {
        iot.publish("sensors/d1/telemetri", "{\"temp\":99}".getBytes(UTF_8), 0, false);
        assertEquals(List.of("rule hot_alerts: FROM 'sensors/+/telemetry': level 3 is 'telemetri', not 'telemetry'"),
                iot.ruleNearMisses("sensors/d1/telemetri"));
        RuleNotExecutedException e = assertThrows(RuleNotExecutedException.class,
                () -> iot.awaitRuleExecution("hot_alerts", Duration.ofMillis(300)));
        assertTrue(e.getMessage().contains("No rule ran at all.") && e.getMessage().contains(
                "For the latest published topic 'sensors/d1/telemetri':\n  rule hot_alerts: FROM "
                        + "'sensors/+/telemetry': level 3 is 'telemetri', not 'telemetry'"), e.getMessage());
    }

    @Test
    void a_rule_that_does_not_parse_is_refused_with_the_position() {
        IotEmulatorException e = assertThrows(IotEmulatorException.class, () -> iot.createTopicRule("broken",
                "{\"sql\": \"SELECT temp FORM 'a'\", \"actions\": []}"));
        assertEquals("Topic rule broken was refused: line 1, column 13: expected FROM, WHERE or the end of the "
                + "statement but found 'FORM'", e.getMessage());
    }
}
