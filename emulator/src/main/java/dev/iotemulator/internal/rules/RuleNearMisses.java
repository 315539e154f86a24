package dev.iotemulator.internal.rules;

import dev.iotemulator.internal.journal.NearMisses;
import dev.iotemulator.internal.text.EditDistance;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * "Which rules nearly matched this topic, and why not": for each rule, the first level where its FROM filter and the
 * topic part ways, or that it is disabled or has no FROM; nearest first. Nothing like it exists on AWS.
 */
public final class RuleNearMisses {

    private RuleNearMisses() {
    }

    /** One line per rule, nearest first, e.g. {@code rule alerts: FROM 'sensors/+/telemetry': level 3 is ...}. */
    public static List<String> explain(String topic, List<TopicRule> rules) {
        List<TopicRule> sorted = new ArrayList<>(rules);
        sorted.sort(Comparator.comparingInt((TopicRule r) -> r.topicPattern() == null ? 1 : 0)
                .thenComparingInt(r -> r.topicPattern() == null ? 0 : -NearMisses.sharedLevels(r.topicPattern(), topic))
                .thenComparingInt(r -> r.topicPattern() == null ? 0 : EditDistance.between(r.topicPattern(), topic))
                .thenComparing(TopicRule::name));
        List<String> lines = new ArrayList<>();
        for (TopicRule rule : sorted) {
            lines.add("rule " + rule.name() + ": " + why(topic, rule));
        }
        return lines;
    }

    static String why(String topic, TopicRule rule) {
        String filter = rule.topicPattern();
        if (filter == null) {
            return "has no FROM clause, so only Basic Ingest ($aws/rules/" + rule.name() + "/...) reaches it";
        }
        String mismatch = mismatch(filter, topic);
        if (mismatch == null) {
            return rule.disabled() ? "FROM '" + filter + "' matches, but the rule is disabled"
                    : "FROM '" + filter + "' matches";
        }
        return "FROM '" + filter + "': " + mismatch + (rule.disabled() ? " (and the rule is disabled)" : "");
    }

    /** Where filter and topic part ways, or null when they match. */
    static String mismatch(String filter, String topic) {
        String[] f = filter.split("/", -1);
        String[] t = topic.split("/", -1);
        if (topic.startsWith("$") && (f[0].equals("+") || f[0].equals("#"))) {
            return "a wildcard at the first level does not match a topic starting with $";
        }
        for (int i = 0; i < f.length; i++) {
            if (f[i].equals("#")) {
                return t.length > i ? null : "'#' needs at least one more level after '" + String.join("/",
                        java.util.Arrays.copyOf(t, Math.min(i, t.length))) + "' (AWS: a/# does not match a)";
            }
            if (i >= t.length) {
                return "the topic has " + t.length + " level" + (t.length == 1 ? "" : "s") + ", the filter needs "
                        + f.length;
            }
            if (!f[i].equals("+") && !f[i].equals(t[i])) {
                return "level " + (i + 1) + " is '" + t[i] + "', not '" + f[i] + "'";
            }
        }
        return t.length == f.length ? null : "the topic has " + t.length + " levels, the filter matches exactly "
                + f.length;
    }
}
