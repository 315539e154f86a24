package dev.iotemulator.internal.rules.actions;

import com.fasterxml.jackson.databind.JsonNode;
import dev.iotemulator.internal.rules.sql.Template;

/**
 * {@code republish}: publishes the SELECT output on a topic (templates allowed; {@code $$} for a leading {@code $})
 * with QoS 0 or 1, back through the emulator's one publish pipeline as the rules engine, so subscribers, the
 * journal and other rules see it. MQTT 5 {@code headers} are kept on the rule; they travel once the emulator speaks
 * MQTT 5 ({@link Republisher#publish} is the hook).
 */
final class RepublishAction implements RuleAction {

    private final Template topic;
    private final int qos;
    private final JsonNode headers;
    private final Republisher republisher;

    RepublishAction(Fields fields, Republisher republisher) {
        this.topic = fields.template("topic");
        this.qos = fields.integer("qos", 0);
        this.headers = fields.node("headers");
        this.republisher = republisher;
        if (qos != 0 && qos != 1) {
            throw new dev.iotemulator.internal.rules.RuleDefinitionException("republish.qos must be 0 or 1, not " + qos);
        }
    }

    @Override
    public String type() {
        return "republish";
    }

    @Override
    public String target(ActionInput input) {
        return input.render(topic);
    }

    @Override
    public String run(ActionInput input) {
        String to = target(input);
        if (to.startsWith("$aws/rules/")) {
            throw new ActionFailure("republish to the Basic Ingest topic '" + to + "' is not allowed");
        }
        String refused = republisher.publish(to, input.payload(), qos, headers);
        if (refused != null) {
            throw new ActionFailure("Failed to republish to topic " + to + ": " + refused);
        }
        return "published with QoS " + qos;
    }
}
