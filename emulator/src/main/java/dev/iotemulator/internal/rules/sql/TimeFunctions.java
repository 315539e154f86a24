package dev.iotemulator.internal.rules.sql;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigInteger;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.temporal.ChronoField;
import java.time.temporal.TemporalAccessor;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code timestamp()}, {@code parse_time(pattern, ms[, zone])} and {@code time_to_epoch(text, pattern)}. AWS takes
 * Joda-Time patterns; {@code java.time}'s share the letters users write ({@code yyyy MM dd HH mm ss SSS z VV G}).
 */
final class TimeFunctions {

    private TimeFunctions() {
    }

    static void register(Map<String, Fn> fns) {
        fns.put("timestamp", (a, c, v) -> Values.integer(c.timestamp()));
        fns.put("parse_time", TimeFunctions::parseTime);
        fns.put("time_to_epoch", TimeFunctions::timeToEpoch);
    }

    private static JsonNode parseTime(List<JsonNode> a, EvalContext c, SqlVersion v) {
        if (a.size() < 2 || a.size() > 3) {
            return null;
        }
        String pattern = Values.toText(a.get(0));
        BigInteger millis = Values.toInt(a.get(1));
        String zone = a.size() == 3 ? Values.toText(a.get(2)) : "UTC";
        if (pattern == null || millis == null || zone == null) {
            return null;
        }
        try {
            return Values.text(DateTimeFormatter.ofPattern(pattern, Locale.ENGLISH)
                    .format(Instant.ofEpochMilli(millis.longValue()).atZone(ZoneId.of(zone))));
        } catch (DateTimeException | IllegalArgumentException e) {
            c.note("parse_time(): " + e.getMessage());
            return null;
        }
    }

    private static JsonNode timeToEpoch(List<JsonNode> a, EvalContext c, SqlVersion v) {
        String text = StringFunctions.text(a, 0, 2);
        String pattern = StringFunctions.text(a, 1, 2);
        if (text == null || pattern == null) {
            return null;
        }
        try {
            DateTimeFormatter f = new DateTimeFormatterBuilder().parseCaseInsensitive().appendPattern(pattern)
                    .parseDefaulting(ChronoField.HOUR_OF_DAY, 0)
                    .toFormatter(Locale.ENGLISH);
            TemporalAccessor t = f.parse(text);
            ZoneId zone = t.query(java.time.temporal.TemporalQueries.zone());
            java.time.LocalDateTime local = java.time.LocalDateTime.from(t);
            return Values.integer(local.atZone(zone == null ? ZoneOffset.UTC : zone).toInstant().toEpochMilli());
        } catch (DateTimeException | IllegalArgumentException e) {
            c.note("time_to_epoch(): " + e.getMessage());
            return null;
        }
    }
}
