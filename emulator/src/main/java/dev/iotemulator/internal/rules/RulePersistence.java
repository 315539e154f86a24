package dev.iotemulator.internal.rules;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the topic rules in a {@link Storage} so that they outlive the emulator, as the registry's records do: every
 * rule is one JSON document {@code {"payload": <TopicRulePayload>, "createdAt": "<ISO-8601>"}} under its name. The
 * rules are read back when the emulator starts; after that each change of the book is written as it happens.
 */
public final class RulePersistence {

    private static final Logger LOG = LoggerFactory.getLogger(RulePersistence.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Where the documents live: the emulator's store, or memory. */
    public interface Storage {
        /** Every document, by rule name. */
        Map<String, byte[]> all();

        void put(String name, byte[] document);

        void delete(String name);
    }

    /** What was last written, by name: a change is a rule object the book no longer holds, or a new one. */
    private final Map<String, TopicRule> written = new HashMap<>();
    private final Storage storage;

    private RulePersistence(Storage storage) {
        this.storage = storage;
    }

    /**
     * Restores the stored rules into {@code rules}, then writes every later change to {@code storage}. Call it before
     * any rule is created. A stored rule this emulator cannot read any more is left in the storage and skipped, with a
     * WARN that says how to overwrite it.
     */
    public static void attach(TopicRules rules, Storage storage) {
        RulePersistence persistence = new RulePersistence(storage);
        synchronized (persistence) {
            for (Map.Entry<String, byte[]> stored : storage.all().entrySet()) {
                persistence.restore(rules, stored.getKey(), stored.getValue());
            }
        }
        rules.book().onChange(persistence::changed);
    }

    private void restore(TopicRules rules, String name, byte[] document) {
        try {
            JsonNode stored = JSON.readTree(document);
            TopicRule rule = rules.restore(name, stored.path("payload"), Instant.parse(stored.path("createdAt")
                    .asText()));
            written.put(name, rule);
        } catch (IOException | RuntimeException e) {
            LOG.warn("event=stored_rule_unreadable rule={} error=\"{}\" fix=\"create a rule of that name again to "
                    + "overwrite it (aws iot create-topic-rule, or POST /__emulator/rules/{})\"", name, e.getMessage(),
                    name);
        }
    }

    /** Called by the book after each change, under its lock: writes what differs from what was written. */
    private synchronized void changed(RuleBook book) {
        Set<String> gone = new HashSet<>(written.keySet());
        for (TopicRule rule : book.rules()) {
            gone.remove(rule.name());
            if (written.get(rule.name()) != rule) {
                storage.put(rule.name(), document(rule));
                written.put(rule.name(), rule);
            }
        }
        for (String name : gone) {
            storage.delete(name);
            written.remove(name);
        }
    }

    private static byte[] document(TopicRule rule) {
        ObjectNode doc = JSON.createObjectNode();
        doc.set("payload", rule.payload());
        doc.put("createdAt", rule.createdAt().toString());
        try {
            return JSON.writeValueAsBytes(doc);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
