package dev.iotemulator.internal.rules;

import com.fasterxml.jackson.databind.JsonNode;
import dev.iotemulator.RuleExecution;
import dev.iotemulator.internal.rules.sql.SqlParseException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * What the control plane, the admin API, the configuration directory and {@code IotEmulator} do with topic rules:
 * create, replace, enable, disable, delete, read, and ask what they did. Every change is checked as AWS checks it
 * (SQL, actions, templates) before it takes effect.
 */
public final class TopicRules {

    private final RuleBook book;
    private final RulesEngine engine;
    private final RuleExecutions executions;
    private final Clock clock;

    public TopicRules(RuleBook book, RulesEngine engine, RuleExecutions executions, Clock clock) {
        this.book = book;
        this.engine = engine;
        this.executions = executions;
        this.clock = clock;
    }

    /**
     * @return false when a rule of that name exists already (AWS: ResourceAlreadyExistsException)
     * @throws RuleDefinitionException or {@link SqlParseException} for a rule AWS would refuse
     */
    public boolean create(String name, JsonNode payload) {
        TopicRule rule = TopicRuleParser.parse(name, payload, clock.instant());
        engine.check(rule);
        return book.create(rule);
    }

    /** @return false when there is no rule of that name */
    public boolean replace(String name, JsonNode payload) {
        Optional<TopicRule> old = book.get(name);
        if (old.isEmpty()) {
            return false;
        }
        TopicRule rule = TopicRuleParser.parse(name, payload, old.get().createdAt());
        engine.check(rule);
        return book.replace(rule);
    }

    public boolean setDisabled(String name, boolean disabled) {
        return book.setDisabled(name, disabled);
    }

    public boolean delete(String name) {
        return book.delete(name);
    }

    public Optional<TopicRule> get(String name) {
        return book.get(name);
    }

    public List<TopicRule> list() {
        return book.rules();
    }

    /** The book itself, for persistence listeners. */
    public RuleBook book() {
        return book;
    }

    public List<RuleExecution> executions() {
        return executions.all();
    }

    /** Forgets the executions (on reset); the rules stay. */
    public void clearExecutions() {
        executions.clear();
    }

    public RuleExecution await(Predicate<RuleExecution> which, Duration timeout) throws InterruptedException {
        return executions.await(which, timeout);
    }

    /** Which rules nearly matched {@code topic} and why not, nearest first. */
    public List<String> nearMisses(String topic) {
        return RuleNearMisses.explain(topic, book.rules());
    }

    /** Rule evaluations completed since start, fired or not. */
    public long evaluated() {
        return engine.evaluated();
    }

    /** Evaluations dropped because the engine's queue was full. */
    public long dropped() {
        return engine.dropped();
    }
}
