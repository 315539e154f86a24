package dev.iotemulator.internal.rules;

/**
 * A topic rule that cannot be created as given (AWS's {@code InvalidRequestException}); the message names the field
 * and what it needs, e.g. {@code actions[0].republish.topic is required}.
 */
public final class RuleDefinitionException extends RuntimeException {

    public RuleDefinitionException(String message) {
        super(message);
    }
}
