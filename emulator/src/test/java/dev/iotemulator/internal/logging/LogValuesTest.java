package dev.iotemulator.internal.logging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class LogValuesTest {

    @Test
    void control_characters_quotes_and_backslashes_are_escaped() {
        assertEquals("a\\nevent=forged\\r\\t\\u0000\\u001b[31m\\u2028\\\"q\\\"\\\\",
                LogValues.escape("a\nevent=forged\r\t\u0000\u001b[31m\u2028\"q\"\\"));
    }

    @Test
    void ordinary_values_are_returned_as_they_are() {
        String plain = "device-1/telemetry héllo";
        assertTrue(plain == LogValues.escape(plain));
        assertEquals("null", LogValues.escape(null));
    }

    @Test
    void long_values_are_cut_saying_how_much_was_left_out() {
        String escaped = LogValues.escape("x".repeat(LogValues.MAX_CHARS + 10) + "\n");
        assertEquals("x".repeat(LogValues.MAX_CHARS) + "...(11 more chars)", escaped);
    }
}
