package dev.iotemulator.internal.logging;

/**
 * Client-supplied values made safe for a {@code key=value} log line: a client id, topic, header or query value may hold
 * a newline or other control character, and written as it is, it would forge a second log line. Control characters
 * (C0, DEL, C1, and the Unicode line and paragraph separators) become {@code \n}, {@code \r}, {@code \t} or
 * {@code \}{@code uXXXX}; a backslash and a double quote are escaped too, so a quoted value cannot end early; very long
 * values are cut, saying how much was left out.
 */
public final class LogValues {

    /** The longest value written whole; a header or body can be kilobytes, a log line should not. */
    static final int MAX_CHARS = 300;

    private LogValues() {
    }

    /** {@code value} escaped for a log line; {@code null} stays the text {@code null}. */
    public static String escape(Object value) {
        if (value == null) {
            return "null";
        }
        String s = value.toString();
        int length = Math.min(s.length(), MAX_CHARS);
        StringBuilder out = null;
        for (int i = 0; i < length; i++) {
            char c = s.charAt(i);
            String replacement = replacement(c);
            if (replacement != null && out == null) {
                out = new StringBuilder(length + 16).append(s, 0, i);
            }
            if (out != null) {
                if (replacement != null) {
                    out.append(replacement);
                } else {
                    out.append(c);
                }
            }
        }
        if (out == null && s.length() <= MAX_CHARS) {
            return s;
        }
        if (out == null) {
            out = new StringBuilder(s.substring(0, MAX_CHARS));
        }
        if (s.length() > MAX_CHARS) {
            out.append("...(").append(s.length() - MAX_CHARS).append(" more chars)");
        }
        return out.toString();
    }

    private static String replacement(char c) {
        switch (c) {
            case '\n':
                return "\\n";
            case '\r':
                return "\\r";
            case '\t':
                return "\\t";
            case '\\':
                return "\\\\";
            case '"':
                return "\\\"";
            default:
                if (c < 0x20 || c == 0x7f || (c >= 0x80 && c <= 0x9f) || c == '\u2028' || c == '\u2029') {
                    return String.format("\\u%04x", (int) c);
                }
                return null;
        }
    }
}
