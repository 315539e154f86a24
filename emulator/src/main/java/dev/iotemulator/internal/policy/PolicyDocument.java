package dev.iotemulator.internal.policy;

import java.util.List;

/**
 * A parsed, compiled IoT policy, ready for {@link PolicyEvaluator}. Produced by {@link PolicyParser}.
 *
 * @param name       the policy name, used in every {@link StatementRef}
 * @param source     where the JSON came from (a file name), for messages
 * @param statements the statements in document order
 * @param warnings   things that parsed but will not behave as the author probably meant, such as an unknown
 *                   condition operator; log them once at load time
 * @param text       the JSON document as written, for the admin API and the console; null when not known
 */
public record PolicyDocument(String name, String source, List<Statement> statements, List<String> warnings,
        String text) {

    /** Copies the lists so a document can be shared between threads. */
    public PolicyDocument {
        statements = List.copyOf(statements);
        warnings = List.copyOf(warnings);
    }

    /** A document whose JSON text is not kept. */
    public PolicyDocument(String name, String source, List<Statement> statements, List<String> warnings) {
        this(name, source, statements, warnings, null);
    }
}
