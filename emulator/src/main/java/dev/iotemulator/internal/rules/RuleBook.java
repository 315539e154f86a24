package dev.iotemulator.internal.rules;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * The topic rules of the account, by name. Reads are lock-free: the engine asks {@link #rules()} for every message,
 * and gets one immutable snapshot.
 */
public final class RuleBook {

    private final Map<String, TopicRule> byName = new ConcurrentHashMap<>();
    private final List<Consumer<RuleBook>> listeners = new java.util.concurrent.CopyOnWriteArrayList<>();
    private volatile List<TopicRule> snapshot = List.of();

    /** Every rule, by name. */
    public List<TopicRule> rules() {
        return snapshot;
    }

    public Optional<TopicRule> get(String name) {
        return Optional.ofNullable(byName.get(name));
    }

    /** Adds a rule; false when one of that name exists already. */
    public synchronized boolean create(TopicRule rule) {
        if (byName.putIfAbsent(rule.name(), rule) != null) {
            return false;
        }
        changed();
        return true;
    }

    /** Replaces an existing rule; false when there is none of that name. */
    public synchronized boolean replace(TopicRule rule) {
        if (byName.replace(rule.name(), rule) == null) {
            return false;
        }
        changed();
        return true;
    }

    /** Enables or disables a rule; false when there is none of that name. */
    public synchronized boolean setDisabled(String name, boolean disabled) {
        TopicRule rule = byName.get(name);
        if (rule == null) {
            return false;
        }
        byName.put(name, rule.withDisabled(disabled));
        changed();
        return true;
    }

    /** Deletes a rule; false when there was none. */
    public synchronized boolean delete(String name) {
        if (byName.remove(name) == null) {
            return false;
        }
        changed();
        return true;
    }

    /** Called after every change, for persistence. */
    public void onChange(Consumer<RuleBook> listener) {
        listeners.add(listener);
    }

    private void changed() {
        List<TopicRule> all = new ArrayList<>(byName.values());
        all.sort(Comparator.comparing(TopicRule::name));
        snapshot = List.copyOf(all);
        listeners.forEach(l -> l.accept(this));
    }
}
