package dev.iotemulator.internal.rules.sql;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.util.List;
import java.util.Map;
import java.util.function.BinaryOperator;
import java.util.function.DoubleBinaryOperator;
import java.util.function.DoubleUnaryOperator;
import java.util.function.UnaryOperator;

/**
 * The numeric functions (developer guide, "Functions"): strings are converted, anything else that is not a number
 * gives Undefined; the trigonometric and exponential ones work in double precision; results that are not real
 * numbers are Undefined.
 */
final class MathFunctions {

    private MathFunctions() {
    }

    static void register(Map<String, Fn> fns) {
        fns.put("abs", (a, c, v) -> a.size() != 1 ? null : Values.isInt(a.get(0))
                ? Values.integer(a.get(0).bigIntegerValue().abs()) : decimal(a.get(0), BigDecimal::abs, v));
        fns.put("ceil", (a, c, v) -> a.size() != 1 ? null : rounded(a.get(0), RoundingMode.CEILING));
        fns.put("floor", (a, c, v) -> a.size() != 1 ? null : rounded(a.get(0), RoundingMode.FLOOR));
        fns.put("round", (a, c, v) -> a.size() != 1 ? null : rounded(a.get(0), RoundingMode.HALF_UP));
        fns.put("sign", (a, c, v) -> {
            BigDecimal d = a.size() == 1 ? Values.toDecimal(a.get(0)) : null;
            return d == null ? null : Values.integer(d.signum());
        });
        fns.put("trunc", MathFunctions::trunc);
        fns.put("mod", (a, c, v) -> a.size() != 2 ? null : Operators.apply("%", numeric(a.get(0)), numeric(a.get(1)), v));
        fns.put("remainder", fns.get("mod"));
        fns.put("power", binaryDouble(Math::pow));
        fns.put("atan2", binaryDouble(Math::atan2));
        unaryDouble(fns, "sqrt", Math::sqrt);
        unaryDouble(fns, "exp", Math::exp);
        unaryDouble(fns, "ln", Math::log);
        unaryDouble(fns, "log", Math::log10);
        unaryDouble(fns, "sin", Math::sin);
        unaryDouble(fns, "cos", Math::cos);
        unaryDouble(fns, "tan", Math::tan);
        unaryDouble(fns, "asin", Math::asin);
        unaryDouble(fns, "acos", Math::acos);
        unaryDouble(fns, "atan", Math::atan);
        unaryDouble(fns, "sinh", Math::sinh);
        unaryDouble(fns, "cosh", Math::cosh);
        unaryDouble(fns, "tanh", Math::tanh);
        fns.put("bitand", bits(BigInteger::and));
        fns.put("bitor", bits(BigInteger::or));
        fns.put("bitxor", bits(BigInteger::xor));
        fns.put("bitnot", (a, c, v) -> {
            BigInteger i = a.size() == 1 ? Values.toFlooredInt(a.get(0)) : null;
            return i == null ? null : Values.integer(i.not());
        });
        fns.put("rand", (a, c, v) -> Values.decimal(BigDecimal.valueOf(Math.random()), SqlVersion.V2015_10_08));
        fns.put("nanvl", (a, c, v) -> a.size() != 2 ? null : Values.toDecimal(a.get(0)) != null ? a.get(0) : a.get(1));
    }

    /** A number, or a string converted to one; Undefined otherwise. */
    private static JsonNode numeric(JsonNode n) {
        if (Values.isNumber(n)) {
            return n;
        }
        BigDecimal d = Values.toDecimal(n);
        return d == null ? null : com.fasterxml.jackson.databind.node.DecimalNode.valueOf(d);
    }

    private static JsonNode decimal(JsonNode n, UnaryOperator<BigDecimal> f, SqlVersion v) {
        BigDecimal d = Values.toDecimal(n);
        return d == null ? null : Values.decimal(f.apply(d), v);
    }

    private static JsonNode rounded(JsonNode n, RoundingMode mode) {
        if (Values.isInt(n)) {
            return n;
        }
        BigDecimal d = Values.toDecimal(n);
        return d == null ? null : Values.integer(d.setScale(0, mode).toBigInteger());
    }

    private static JsonNode trunc(List<JsonNode> a, EvalContext c, SqlVersion v) {
        if (a.size() != 2) {
            return null;
        }
        BigDecimal d = Values.toDecimal(a.get(0));
        BigInteger places = Values.toInt(a.get(1));
        if (d == null || places == null) {
            return null;
        }
        int n = Math.max(0, Math.min(34, places.intValue()));
        BigDecimal t = d.setScale(n, RoundingMode.DOWN).stripTrailingZeros();
        return Values.isWhole(t) ? Values.integer(t.toBigInteger()) : Values.decimal(t, v);
    }

    private static void unaryDouble(Map<String, Fn> fns, String name, DoubleUnaryOperator f) {
        fns.put(name, (a, c, v) -> {
            BigDecimal d = a.size() == 1 ? Values.toDecimal(a.get(0)) : null;
            return d == null ? null : real(f.applyAsDouble(d.doubleValue()));
        });
    }

    private static Fn binaryDouble(DoubleBinaryOperator f) {
        return (a, c, v) -> {
            BigDecimal x = a.size() == 2 ? Values.toDecimal(a.get(0)) : null;
            BigDecimal y = a.size() == 2 ? Values.toDecimal(a.get(1)) : null;
            return x == null || y == null ? null : real(f.applyAsDouble(x.doubleValue(), y.doubleValue()));
        };
    }

    /** A double-precision result as a Decimal; NaN and infinities (imaginary or overflowing results) are Undefined. */
    private static JsonNode real(double d) {
        if (Double.isNaN(d) || Double.isInfinite(d)) {
            return null;
        }
        return com.fasterxml.jackson.databind.node.DecimalNode.valueOf(BigDecimal.valueOf(d));
    }

    private static Fn bits(BinaryOperator<BigInteger> f) {
        return (a, c, v) -> {
            BigInteger x = a.size() == 2 ? Values.toFlooredInt(a.get(0)) : null;
            BigInteger y = a.size() == 2 ? Values.toFlooredInt(a.get(1)) : null;
            return x == null || y == null ? null : Values.integer(f.apply(x, y));
        };
    }
}
