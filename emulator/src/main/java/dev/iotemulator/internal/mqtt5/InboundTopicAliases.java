package dev.iotemulator.internal.mqtt5;

/**
 * The topic aliases a client sets on its PUBLISHes (MQTT 5 §3.3.2.3.4), up to the {@link AwsMqtt5#TOPIC_ALIAS_MAXIMUM}
 * the server advertised: a PUBLISH with a topic and an alias maps the alias to the topic; one with an alias and an
 * empty topic uses the mapping. One per connection; aliases do not survive a reconnect.
 */
public final class InboundTopicAliases {

    /** The topic a PUBLISH is for, or why it is a protocol violation. */
    public record Resolved(String topic, ReasonCode error, String problem) {

        static Resolved ok(String topic) {
            return new Resolved(topic, null, null);
        }

        static Resolved error(ReasonCode code, String problem) {
            return new Resolved(null, code, problem);
        }
    }

    private final String[] topics;

    public InboundTopicAliases(int maximum) {
        this.topics = new String[maximum + 1];
    }

    /** @param alias the PUBLISH's topic alias, or 0 when it has none */
    public Resolved resolve(String topic, int alias) {
        boolean hasTopic = topic != null && !topic.isEmpty();
        if (alias == 0) {
            return hasTopic ? Resolved.ok(topic) : Resolved.error(ReasonCode.PROTOCOL_ERROR,
                    "PUBLISH with an empty topic and no topic alias");
        }
        if (alias < 0 || alias >= topics.length) {
            return Resolved.error(ReasonCode.TOPIC_ALIAS_INVALID, "topic alias " + alias + " is outside 1.."
                    + (topics.length - 1) + ", the Topic Alias Maximum in the CONNACK");
        }
        if (hasTopic) {
            topics[alias] = topic;
            return Resolved.ok(topic);
        }
        String known = topics[alias];
        return known != null ? Resolved.ok(known) : Resolved.error(ReasonCode.PROTOCOL_ERROR,
                "PUBLISH with an empty topic and topic alias " + alias + ", which no earlier PUBLISH on this "
                        + "connection set");
    }
}
