package dev.iotemulator.internal.rules.sql;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;

/** Test helper: evaluates statements and expressions the way the rules engine does, against a fixed context. */
final class Sql {

    static final long NOW = 1481825251155L;

    private Sql() {
    }

    static EvalContext context(String topic, String payload, External external) {
        byte[] bytes = payload.getBytes(StandardCharsets.UTF_8);
        return new EvalContext(topic, "device-1", "AKIAIOSFODNN7EXAMPLE", "123456789012", "trace-1", bytes,
                Values.parse(bytes), NOW, external, new Trace());
    }

    /** The output payload of {@code sql} (SQL 2016-03-23) for {@code payload} on {@code topic}, or "no match". */
    static String output(String sql, String topic, String payload) {
        return output(sql, SqlVersion.V2016_03_23, topic, payload);
    }

    static String output(String sql, SqlVersion version, String topic, String payload) {
        SqlStatement s = SqlStatement.parse(sql, version);
        SqlStatement.Evaluation e = s.evaluate(context(topic, payload, External.NONE));
        return e.matched() ? new String(e.payload(), StandardCharsets.UTF_8) : "no match";
    }

    /** The value of one expression (SQL 2016-03-23) against {@code payload}, as JSON, or "Undefined". */
    static String value(String expression, String payload) {
        return value(expression, SqlVersion.V2016_03_23, payload);
    }

    static String value(String expression, SqlVersion version, String payload) {
        return value(expression, version, "a/b/c", payload);
    }

    static String valueOn(String expression, String topic) {
        return value(expression, SqlVersion.V2016_03_23, topic, "{}");
    }

    static String value(String expression, SqlVersion version, String topic, String payload) {
        Evaluator evaluator = new Evaluator(context(topic, payload, External.NONE), version);
        JsonNode v = evaluator.eval(Parser.lone(expression, version), evaluator.payloadScope());
        return Values.show(v);
    }

    static String value(String expression) {
        return value(expression, "{}");
    }
}
