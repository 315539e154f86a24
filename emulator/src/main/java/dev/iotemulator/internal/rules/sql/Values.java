package dev.iotemulator.internal.rules.sql;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.BigIntegerNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.DecimalNode;
import com.fasterxml.jackson.databind.node.LongNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * IoT SQL's values and AWS's implicit conversions (developer guide, "Data types"). Values are Jackson nodes: an
 * integral number is an Int, any other number a Decimal (34 digits), a {@code BinaryNode} stands for a payload that
 * is not JSON, and Java {@code null} is Undefined (a missing key), distinct from JSON {@code null} (Null).
 */
public final class Values {

    /** Decimals keep 34 significant digits, as AWS's do. */
    static final MathContext PRECISION = MathContext.DECIMAL128;
    private static final Pattern NUMERIC = Pattern.compile("^-?\\d+(\\.\\d+)?((?i)E-?\\d+)?$");
    private static final BigInteger LONG_MIN = BigInteger.valueOf(Long.MIN_VALUE);
    private static final BigInteger LONG_MAX = BigInteger.valueOf(Long.MAX_VALUE);

    /** Reads payloads: every non-integral number as an exact Decimal. */
    public static final ObjectMapper JSON = JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(JsonGenerator.Feature.WRITE_BIGDECIMAL_AS_PLAIN)
            .disable(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES)
            .build();

    private Values() {
    }

    /** The payload as JSON, or null when it is not JSON (a binary or plain-text payload). */
    public static JsonNode parse(byte[] payload) {
        if (payload.length == 0) {
            return null;
        }
        try {
            return JSON.readTree(payload);
        } catch (IOException e) {
            return null;
        }
    }

    /** Serializes a value as JSON text; Undefined serializes as the empty string, as AWS's does. */
    public static String json(JsonNode value) {
        if (value == null) {
            return "";
        }
        try {
            return JSON.writeValueAsString(value);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static JsonNode number(String literal) {
        if (literal.indexOf('.') < 0 && literal.indexOf('e') < 0 && literal.indexOf('E') < 0) {
            return integer(new BigInteger(literal));
        }
        return DecimalNode.valueOf(new BigDecimal(literal, PRECISION));
    }

    static JsonNode integer(BigInteger i) {
        return i.compareTo(LONG_MIN) >= 0 && i.compareTo(LONG_MAX) <= 0 ? LongNode.valueOf(i.longValue())
                : BigIntegerNode.valueOf(i);
    }

    static JsonNode integer(long i) {
        return LongNode.valueOf(i);
    }

    /** A Decimal result; SQL 2016-03-23 turns whole numbers such as 10.0 into Int. */
    static JsonNode decimal(BigDecimal d, SqlVersion version) {
        if (version.v2() && isWhole(d)) {
            return integer(d.toBigIntegerExact());
        }
        return DecimalNode.valueOf(d);
    }

    static JsonNode bool(boolean b) {
        return BooleanNode.valueOf(b);
    }

    static JsonNode text(String s) {
        return TextNode.valueOf(s);
    }

    static boolean isWhole(BigDecimal d) {
        return d.signum() == 0 || d.stripTrailingZeros().scale() <= 0;
    }

    static boolean isInt(JsonNode v) {
        return v != null && v.isIntegralNumber();
    }

    static boolean isNumber(JsonNode v) {
        return v != null && v.isNumber();
    }

    /** AWS's conversion to Decimal: numbers, and strings of the documented numeric shape; else null (Undefined). */
    static BigDecimal toDecimal(JsonNode v) {
        if (v == null) {
            return null;
        }
        if (v.isNumber()) {
            return v.isIntegralNumber() ? new BigDecimal(v.bigIntegerValue()) : v.decimalValue();
        }
        if (v.isTextual() && NUMERIC.matcher(v.textValue()).matches()) {
            return new BigDecimal(v.textValue(), PRECISION);
        }
        return null;
    }

    /** AWS's conversion to Int: a Decimal is rounded, a numeric string truncated; else null. */
    static BigInteger toInt(JsonNode v) {
        if (v == null) {
            return null;
        }
        if (v.isIntegralNumber()) {
            return v.bigIntegerValue();
        }
        if (v.isNumber()) {
            return v.decimalValue().setScale(0, RoundingMode.HALF_UP).toBigInteger();
        }
        BigDecimal d = toDecimal(v);
        return d == null ? null : d.setScale(0, RoundingMode.DOWN).toBigInteger();
    }

    /** A number rounded down, as the bit and index functions take them. */
    static BigInteger toFlooredInt(JsonNode v) {
        BigDecimal d = toDecimal(v);
        return d == null ? null : d.setScale(0, RoundingMode.FLOOR).toBigInteger();
    }

    /** AWS's conversion to Boolean: booleans, and the strings "true"/"false" in any case; else null. */
    static Boolean toBoolean(JsonNode v) {
        if (v == null) {
            return null;
        }
        if (v.isBoolean()) {
            return v.booleanValue();
        }
        if (v.isTextual()) {
            String s = v.textValue().toLowerCase(Locale.ROOT);
            return s.equals("true") ? Boolean.TRUE : s.equals("false") ? Boolean.FALSE : null;
        }
        return null;
    }

    /** AWS's conversion to String: numbers in standard notation, arrays and objects as JSON; Null and Undefined to null. */
    static String toText(JsonNode v) {
        if (v == null || v.isNull() || v.isMissingNode()) {
            return null;
        }
        if (v.isTextual()) {
            return v.textValue();
        }
        if (v.isIntegralNumber()) {
            return v.bigIntegerValue().toString();
        }
        if (v.isNumber()) {
            return v.decimalValue().toString();
        }
        if (v.isBoolean()) {
            return v.booleanValue() ? "true" : "false";
        }
        if (v.isBinary()) {
            return new String(((com.fasterxml.jackson.databind.node.BinaryNode) v).binaryValue(),
                    java.nio.charset.StandardCharsets.UTF_8);
        }
        return json(v);
    }

    /** The type name AWS's documentation uses, for explanations. */
    public static String typeOf(JsonNode v) {
        if (v == null) {
            return "Undefined";
        }
        if (v.isNull()) {
            return "Null";
        }
        if (v.isIntegralNumber()) {
            return "Int";
        }
        if (v.isNumber()) {
            return "Decimal";
        }
        if (v.isBoolean()) {
            return "Boolean";
        }
        if (v.isTextual()) {
            return "String";
        }
        if (v.isArray()) {
            return "Array";
        }
        if (v.isBinary()) {
            return "Binary";
        }
        return "Object";
    }

    /** A value as it reads in an explanation: JSON, or {@code Undefined}. */
    public static String show(JsonNode v) {
        return v == null ? "Undefined" : v.isBinary() ? "<binary payload>" : json(v);
    }
}
