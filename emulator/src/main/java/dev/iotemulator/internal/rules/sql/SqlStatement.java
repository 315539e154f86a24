package dev.iotemulator.internal.rules.sql;

import com.fasterxml.jackson.databind.JsonNode;
import dev.iotemulator.internal.mqtt.AwsTopics;
import java.nio.charset.StandardCharsets;

/**
 * A parsed IoT SQL statement ({@code SELECT ... [FROM 'filter'] [WHERE ...]}). Parse once with {@link #parse}, then
 * {@link #evaluate} for every message whose topic {@link #matchesTopic matches}: WHERE first (it cannot see AS
 * aliases), SELECT only when WHERE is true.
 */
public final class SqlStatement {

    private final String sql;
    private final SqlVersion version;
    private final Expr.Select select;
    private final String topicFilter;
    private final Expr where;

    SqlStatement(String sql, SqlVersion version, Expr.Select select, String topicFilter, Expr where) {
        this.sql = sql;
        this.version = version;
        this.select = select;
        this.topicFilter = topicFilter;
        this.where = where;
    }

    /**
     * Parses {@code sql}.
     *
     * @throws SqlParseException naming the line, column and what was expected
     */
    public static SqlStatement parse(String sql, SqlVersion version) {
        if (sql == null || sql.isBlank()) {
            throw new SqlParseException("", 0, "the SQL statement is empty; write e.g. SELECT * FROM 'sensors/#'");
        }
        return Parser.statement(sql, version);
    }

    /** The statement as written. */
    public String sql() {
        return sql;
    }

    public SqlVersion version() {
        return version;
    }

    /** The FROM topic filter, or null when the rule has none (Basic Ingest only). */
    public String topicFilter() {
        return topicFilter;
    }

    /** Whether the statement has a WHERE clause. */
    public boolean hasWhere() {
        return where != null;
    }

    /** Whether a message on {@code topic} reaches this rule through the broker, by AWS's topic matching. */
    public boolean matchesTopic(String topic) {
        return topicFilter != null && AwsTopics.matches(topicFilter, topic);
    }

    /** Runs WHERE, then (when it is true) SELECT, against one message. */
    public Evaluation evaluate(EvalContext context) {
        Evaluator evaluator = new Evaluator(context, version);
        JsonNode scope = evaluator.payloadScope();
        JsonNode whereValue = null;
        if (where != null) {
            whereValue = evaluator.eval(where, scope);
            if (!Boolean.TRUE.equals(Values.toBoolean(whereValue)) || !whereValue.isBoolean()
                    && !whereValue.isTextual()) {
                return new Evaluation(false, whereValue, null, null);
            }
        }
        JsonNode output = evaluator.select(select, scope);
        return new Evaluation(true, whereValue, output, bytes(output));
    }

    private static byte[] bytes(JsonNode output) {
        if (output == null) {
            return new byte[0];
        }
        if (output.isBinary()) {
            return ((com.fasterxml.jackson.databind.node.BinaryNode) output).binaryValue();
        }
        return Values.json(output).getBytes(StandardCharsets.UTF_8);
    }

    /**
     * The outcome of one evaluation.
     *
     * @param matched whether WHERE was true (or absent), so the actions run
     * @param where the WHERE clause's value (null = Undefined, also when there is no WHERE)
     * @param output the SELECT result (a {@code BinaryNode} for a non-JSON payload passed through); null when not run
     * @param payload the bytes the actions get; null when not run
     */
    public record Evaluation(boolean matched, JsonNode where, JsonNode output, byte[] payload) {
    }

    @Override
    public String toString() {
        return sql;
    }
}
