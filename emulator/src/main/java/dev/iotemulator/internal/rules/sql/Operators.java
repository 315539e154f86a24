package dev.iotemulator.internal.rules.sql;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Iterator;
import java.util.Map;

/**
 * IoT SQL's operators with AWS's type rules (developer guide, "Operators"): Undefined in, Undefined out; {@code =}
 * is false and {@code <>} true for mismatched types ({@code '5' = 5} is false) while ordering comparisons convert
 * strings to numbers ({@code '5' > 4} is true); {@code +} concatenates as soon as one side is a String.
 */
final class Operators {

    private Operators() {
    }

    static JsonNode apply(String op, JsonNode l, JsonNode r, SqlVersion version) {
        return switch (op) {
            case "AND" -> logical(l, r, true);
            case "OR" -> logical(l, r, false);
            case "=" -> equality(l, r, false);
            case "<>" -> equality(l, r, true);
            case "<", "<=", ">", ">=" -> ordering(op, l, r);
            case "+" -> plus(l, r, version);
            default -> arithmetic(op, l, r, version);
        };
    }

    static JsonNode not(JsonNode v) {
        Boolean b = Values.toBoolean(v);
        return b == null ? null : Values.bool(!b);
    }

    static JsonNode negate(JsonNode v, SqlVersion version) {
        if (Values.isInt(v)) {
            return Values.integer(v.bigIntegerValue().negate());
        }
        BigDecimal d = Values.toDecimal(v);
        return d == null ? null : Values.decimal(d.negate(), version);
    }

    private static JsonNode logical(JsonNode l, JsonNode r, boolean and) {
        Boolean a = Values.toBoolean(l);
        Boolean b = Values.toBoolean(r);
        if (a == null || b == null) {
            return null;
        }
        return Values.bool(and ? a && b : a || b);
    }

    private static JsonNode equality(JsonNode l, JsonNode r, boolean negated) {
        if (l == null || r == null) {
            return null;
        }
        return Values.bool(same(l, r) != negated);
    }

    /** AWS's equality: numbers by value, arrays in order, objects regardless of key order, mismatched types unequal. */
    static boolean same(JsonNode l, JsonNode r) {
        if (l.isNumber() && r.isNumber()) {
            return Values.toDecimal(l).compareTo(Values.toDecimal(r)) == 0;
        }
        if (l.getNodeType() != r.getNodeType()) {
            return false;
        }
        if (l.isArray()) {
            if (l.size() != r.size()) {
                return false;
            }
            for (int i = 0; i < l.size(); i++) {
                if (!same(l.get(i), r.get(i))) {
                    return false;
                }
            }
            return true;
        }
        if (l.isObject()) {
            if (l.size() != r.size()) {
                return false;
            }
            for (Iterator<Map.Entry<String, JsonNode>> it = l.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                JsonNode other = r.get(e.getKey());
                if (other == null || !same(e.getValue(), other)) {
                    return false;
                }
            }
            return true;
        }
        return l.equals(r);
    }

    private static JsonNode ordering(String op, JsonNode l, JsonNode r) {
        BigDecimal a = Values.toDecimal(l);
        BigDecimal b = Values.toDecimal(r);
        if (a == null || b == null) {
            return null;
        }
        int c = a.compareTo(b);
        return Values.bool(switch (op) {
            case "<" -> c < 0;
            case "<=" -> c <= 0;
            case ">" -> c > 0;
            default -> c >= 0;
        });
    }

    private static JsonNode plus(JsonNode l, JsonNode r, SqlVersion version) {
        if ((l != null && l.isTextual()) || (r != null && r.isTextual())) {
            String a = Values.toText(l);
            String b = Values.toText(r);
            return a == null || b == null ? null : Values.text(a + b);
        }
        if (!Values.isNumber(l) || !Values.isNumber(r)) {
            return null;
        }
        return arithmetic("+", l, r, version);
    }

    private static JsonNode arithmetic(String op, JsonNode l, JsonNode r, SqlVersion version) {
        if (Values.isInt(l) && Values.isInt(r)) {
            BigInteger a = l.bigIntegerValue();
            BigInteger b = r.bigIntegerValue();
            if ((op.equals("/") || op.equals("%")) && b.signum() == 0) {
                return null;
            }
            return Values.integer(switch (op) {
                case "+" -> a.add(b);
                case "-" -> a.subtract(b);
                case "*" -> a.multiply(b);
                case "/" -> a.divide(b);
                default -> a.remainder(b);
            });
        }
        BigDecimal a = Values.toDecimal(l);
        BigDecimal b = Values.toDecimal(r);
        if (a == null || b == null || ((op.equals("/") || op.equals("%")) && b.signum() == 0)) {
            return null;
        }
        return Values.decimal(switch (op) {
            case "+" -> a.add(b, Values.PRECISION);
            case "-" -> a.subtract(b, Values.PRECISION);
            case "*" -> a.multiply(b, Values.PRECISION);
            case "/" -> a.divide(b, Values.PRECISION);
            default -> a.remainder(b, Values.PRECISION);
        }, version);
    }
}
