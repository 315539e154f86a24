package dev.iotemulator.internal.shadow;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The request topics of the Device Shadow MQTT interface ("Device Shadow MQTT topics"). */
public final class ShadowTopics {

    /** The three operations a client can request. */
    public enum Operation {
        GET, UPDATE, DELETE;

        public String suffix() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /** A parsed request topic. */
    public record Request(ShadowName name, Operation operation) {

        /** {@code <prefix>/<operation>/<outcome>}, e.g. {@code .../shadow/update/accepted}. */
        public String responseTopic(String outcome) {
            return name.topicPrefix() + "/" + operation.suffix() + "/" + outcome;
        }
    }

    private static final Pattern REQUEST =
            Pattern.compile("^\\$aws/things/([^/]+)/shadow(?:/name/([^/]+))?/(get|update|delete)$");

    private ShadowTopics() {
    }

    /** The request a topic names, or empty when it is not a shadow request topic. */
    public static Optional<Request> parse(String topic) {
        Matcher m = REQUEST.matcher(topic);
        if (!m.matches()) {
            return Optional.empty();
        }
        ShadowName name = new ShadowName(m.group(1), m.group(2));
        return Optional.of(new Request(name, Operation.valueOf(m.group(3).toUpperCase(java.util.Locale.ROOT))));
    }
}
