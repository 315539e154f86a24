package dev.iotemulator.internal.rules.sql;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Set;

/**
 * {@code cast(value AS type)} (developer guide, "cast()"): the standard conversions, plus numbers to and from
 * Booleans. Decimal and Bool/Boolean need SQL 2016-03-23.
 */
final class Cast {

    private static final Set<String> STRING = Set.of("string", "nvarchar", "text", "ntext", "varchar");
    private static final Set<String> V1 = Set.of("string", "nvarchar", "text", "ntext", "varchar", "int", "integer",
            "double");
    private static final Set<String> V2_ONLY = Set.of("decimal", "bool", "boolean");

    private Cast() {
    }

    static boolean knows(String type, SqlVersion version) {
        return V1.contains(type) || (version.v2() && V2_ONLY.contains(type));
    }

    static String typesFor(SqlVersion version) {
        return "awsIotSqlVersion " + version.label() + " casts to String, Nvarchar, Text, Ntext, varchar, Int, "
                + "Integer, Double" + (version.v2() ? ", Decimal, Bool, Boolean" : " (Decimal and Boolean need "
                + "2016-03-23)");
    }

    static JsonNode apply(JsonNode v, String type, SqlVersion version) {
        if (v == null || v.isNull()) {
            return null;
        }
        if (STRING.contains(type)) {
            String s = Values.toText(v);
            return s == null ? null : Values.text(s);
        }
        if (type.equals("bool") || type.equals("boolean")) {
            if (v.isNumber()) {
                return Values.bool(Values.toDecimal(v).signum() != 0);
            }
            Boolean b = Values.toBoolean(v);
            return b == null ? null : Values.bool(b);
        }
        BigDecimal d = v.isBoolean() ? (v.booleanValue() ? BigDecimal.ONE : BigDecimal.ZERO) : Values.toDecimal(v);
        if (d == null) {
            return null;
        }
        return switch (type) {
            case "int", "integer" -> Values.integer(d.setScale(0, RoundingMode.FLOOR).toBigInteger());
            case "double" -> Values.decimal(BigDecimal.valueOf(d.doubleValue()),
                    version);
            default -> Values.decimal(d, version);
        };
    }
}
