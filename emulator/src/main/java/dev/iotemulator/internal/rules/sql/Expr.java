package dev.iotemulator.internal.rules.sql;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/** The parsed form of an IoT SQL expression; {@link Evaluator} gives it a value. */
sealed interface Expr {

    /** A literal value: number, string, boolean or null. */
    record Literal(JsonNode value) implements Expr {
    }

    /** A name read from the payload (or, inside a nested SELECT, from the current element). */
    record Field(String name) implements Expr {
    }

    /** {@code *}: the whole payload. */
    record Payload() implements Expr {
    }

    /** {@code target.name}. */
    record Member(Expr target, String name) implements Expr {
    }

    /** {@code target[index]}. */
    record Index(Expr target, Expr index) implements Expr {
    }

    /** {@code NOT x} and unary minus. */
    record Unary(String op, Expr operand) implements Expr {
    }

    /** Arithmetic, comparison and logical operators; {@code text} is the source text, for explanations. */
    record Binary(String op, Expr left, Expr right, String text) implements Expr {
    }

    /** A function call; {@code name} is lower-cased. */
    record Call(String name, List<Expr> args, int offset) implements Expr {
    }

    /** {@code cast(value AS type)}; {@code type} is lower-cased. */
    record Cast(Expr value, String type) implements Expr {
    }

    /** {@code CASE v WHEN t THEN r ... [ELSE e] END}. */
    record Case(Expr subject, List<Expr> whens, List<Expr> thens, Expr otherwise) implements Expr {
    }

    /** {@code {'k': v, ...}} (SQL 2016-03-23). */
    record ObjectLiteral(List<String> keys, List<Expr> values) implements Expr {
    }

    /** {@code [a, b, ...]} (SQL 2016-03-23). */
    record ArrayLiteral(List<Expr> items) implements Expr {
    }

    /** {@code (SELECT ... FROM array-expression [WHERE ...])} (SQL 2016-03-23). */
    record SubQuery(Select select, Expr from, Expr where) implements Expr {
    }

    /** One item of a SELECT list; {@code alias} is null when none was given. */
    record Item(Expr expr, String alias) {
    }

    /** The SELECT list: {@code valueOnly} for {@code SELECT VALUE x}. */
    record Select(boolean valueOnly, List<Item> items) {
    }
}
