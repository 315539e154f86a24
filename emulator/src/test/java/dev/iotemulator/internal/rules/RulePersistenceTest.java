package dev.iotemulator.internal.rules;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.iotemulator.internal.rules.actions.AwsClients;
import dev.iotemulator.internal.rules.actions.RuleActions;
import dev.iotemulator.internal.rules.sql.External;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Topic rules outlive the emulator: every change is written, and a new emulator reads them back as they were. */
class RulePersistenceTest {

    /** The storage the emulator's store stands behind, kept in a map so a second "emulator" can read it. */
    private final Map<String, byte[]> documents = new TreeMap<>();
    private final RulePersistence.Storage storage = new RulePersistence.Storage() {
        @Override
        public Map<String, byte[]> all() {
            return new TreeMap<>(documents);
        }

        @Override
        public void put(String name, byte[] document) {
            documents.put(name, document);
        }

        @Override
        public void delete(String name) {
            documents.remove(name);
        }
    };
    private final List<RulesEngine> engines = new ArrayList<>();

    @AfterEach
    void close() {
        engines.forEach(RulesEngine::close);
    }

    private TopicRules emulator(Instant now) {
        RuleBook book = new RuleBook();
        RulesEngine engine = new RulesEngine(book, new RuleActions((topic, payload, qos, headers) -> null,
                new AwsClients(Map.of(), "us-east-1", "AKIDEXAMPLE", "secret"), HttpClient.newHttpClient()),
                new RuleExecutions(), External.NONE, "000000000000", Clock.fixed(now, ZoneOffset.UTC), () -> { },
                () -> { });
        engines.add(engine);
        TopicRules rules = new TopicRules(book, engine, new RuleExecutions(), Clock.fixed(now, ZoneOffset.UTC));
        RulePersistence.attach(rules, storage);
        return rules;
    }

    private static JsonNode payload(String sql, boolean disabled) throws Exception {
        return TopicRuleParserTest.json("{\"sql\": \"" + sql + "\", \"ruleDisabled\": " + disabled
                + ", \"actions\": [{\"republish\": {\"topic\": \"out/${topic(2)}\", \"roleArn\": \"arn:aws:iam::"
                + "000000000000:role/r\"}}]}");
    }

    @Test
    void a_new_emulator_reads_back_the_rules_with_their_sql_state_and_creation_time() throws Exception {
        Instant created = Instant.parse("2026-11-28T10:00:00Z");
        TopicRules first = emulator(created);
        first.create("hot", payload("SELECT temp FROM 'sensors/+' WHERE temp > 30", false));
        first.create("replaced", payload("SELECT * FROM 'a/+'", false));
        first.create("gone", payload("SELECT * FROM 'b/+'", false));
        first.replace("replaced", payload("SELECT * FROM 'c/+'", false));
        first.setDisabled("hot", true);
        first.delete("gone");

        TopicRules second = emulator(Instant.parse("2026-11-29T00:00:00Z"));
        assertEquals(List.of("hot", "replaced"), second.list().stream().map(TopicRule::name).toList());
        TopicRule hot = second.get("hot").orElseThrow();
        assertTrue(hot.disabled());
        assertEquals(created, hot.createdAt());
        assertEquals("SELECT temp FROM 'sensors/+' WHERE temp > 30", hot.payload().path("sql").asText());
        assertEquals("c/+", second.get("replaced").orElseThrow().topicPattern());
    }

    @Test
    void a_stored_rule_that_no_longer_reads_is_skipped_and_kept_while_the_others_run() throws Exception {
        documents.put("broken", "{\"payload\": {\"sql\": \"SELEKT *\"}, \"createdAt\": \"2026-11-28T10:00:00Z\"}"
                .getBytes(UTF_8));
        TopicRules first = emulator(Instant.EPOCH);
        first.create("fine", payload("SELECT * FROM 'x'", false));

        TopicRules second = emulator(Instant.EPOCH);
        assertEquals(List.of("fine"), second.list().stream().map(TopicRule::name).toList());
        assertTrue(documents.containsKey("broken"), "nothing is lost: the document waits to be replaced");
        second.put("broken", payload("SELECT * FROM 'y'", false));
        assertEquals("y", emulator(Instant.EPOCH).get("broken").orElseThrow().topicPattern());
    }
}
