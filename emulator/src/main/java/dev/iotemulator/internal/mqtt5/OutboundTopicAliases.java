package dev.iotemulator.internal.mqtt5;

import java.util.HashMap;
import java.util.Map;

/**
 * Topic aliases toward a client that allows them (its CONNECT's {@code Topic Alias Maximum} is above 0): the first
 * PUBLISH on a topic carries the topic and a new alias, later ones only the alias. When every alias is taken, the
 * oldest assignment is replaced. One per connection, used on one thread.
 */
public final class OutboundTopicAliases {

    /**
     * How a PUBLISH names its topic.
     *
     * @param alias the alias to send, 0 for none
     * @param sendTopic whether the topic name goes out too (a new assignment, or no alias)
     */
    public record Choice(int alias, boolean sendTopic) {
        static final Choice NONE = new Choice(0, true);
    }

    private final String[] topics;
    private final Map<String, Integer> aliases = new HashMap<>();
    private int next;

    /** @param maximum the client's Topic Alias Maximum */
    public OutboundTopicAliases(int maximum) {
        this.topics = new String[maximum];
    }

    /** The choice for {@code topic}, without assigning anything. */
    public Choice peek(String topic) {
        if (topics.length == 0) {
            return Choice.NONE;
        }
        Integer known = aliases.get(topic);
        return known != null ? new Choice(known, false) : new Choice(next + 1, true);
    }

    /** Records a choice {@link #peek} made once the PUBLISH goes out. */
    public void commit(String topic, Choice choice) {
        if (choice.alias() == 0 || !choice.sendTopic()) {
            return;
        }
        int slot = choice.alias() - 1;
        if (topics[slot] != null) {
            aliases.remove(topics[slot]);
        }
        topics[slot] = topic;
        aliases.put(topic, choice.alias());
        next = (slot + 1) % topics.length;
    }
}
