package dev.iotemulator.internal.rules.actions;

import com.fasterxml.jackson.databind.JsonNode;
import dev.iotemulator.internal.rules.sql.EvalContext;
import dev.iotemulator.internal.rules.sql.SqlVersion;
import dev.iotemulator.internal.rules.sql.Template;

/**
 * What an action gets: the SELECT output, and the original message (through the context) for its templates.
 *
 * @param ruleName the rule running the action
 * @param payload the bytes to deliver: the SELECT output, or the error-action payload
 * @param output the same as JSON (a {@code BinaryNode} for a binary payload)
 */
public record ActionInput(String ruleName, byte[] payload, JsonNode output, EvalContext context, SqlVersion version) {

    /** A template field with its {@code ${...}} substituted. */
    public String render(Template template) {
        return template.render(context, version);
    }
}
