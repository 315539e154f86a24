package dev.iotemulator.internal.rules.sql;

import dev.iotemulator.internal.rules.sql.Token.Kind;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Splits an IoT SQL statement into tokens. Keywords are case-insensitive (kept upper-case); strings take single or
 * double quotes, as AWS's examples use both ({@code decode(x, "base64")}, {@code 'topic/#'}); IoT SQL has no
 * comments.
 */
final class Lexer {

    static final Set<String> KEYWORDS = Set.of("SELECT", "FROM", "WHERE", "AS", "AND", "OR", "NOT", "CASE", "WHEN",
            "THEN", "ELSE", "END", "VALUE", "TRUE", "FALSE", "NULL");
    private static final String TWO_CHAR_SYMBOLS = "<>|<=|>=|!=";
    private static final String SYMBOLS = "*,().[]{}:+-/%=<>";

    private final String sql;
    private int pos;

    private Lexer(String sql) {
        this.sql = sql;
    }

    static List<Token> tokenize(String sql) {
        return new Lexer(sql).run();
    }

    private List<Token> run() {
        List<Token> tokens = new ArrayList<>();
        while (true) {
            skipWhitespace();
            if (pos >= sql.length()) {
                tokens.add(new Token(Kind.END, "", pos));
                return tokens;
            }
            tokens.add(next());
        }
    }

    private void skipWhitespace() {
        while (pos < sql.length() && Character.isWhitespace(sql.charAt(pos))) {
            pos++;
        }
    }

    private Token next() {
        int start = pos;
        char c = sql.charAt(pos);
        if (c == '\'' || c == '"') {
            return string(c, start);
        }
        if (Character.isDigit(c)) {
            return number(start);
        }
        if (Character.isLetter(c) || c == '_') {
            while (pos < sql.length() && (Character.isLetterOrDigit(sql.charAt(pos)) || sql.charAt(pos) == '_')) {
                pos++;
            }
            String word = sql.substring(start, pos);
            String upper = word.toUpperCase(Locale.ROOT);
            return KEYWORDS.contains(upper) ? new Token(Kind.KEYWORD, upper, start) : new Token(Kind.IDENT, word, start);
        }
        if (pos + 1 < sql.length()) {
            String two = sql.substring(pos, pos + 2);
            if (TWO_CHAR_SYMBOLS.contains(two) && two.indexOf('|') < 0) {
                pos += 2;
                return new Token(Kind.SYMBOL, two.equals("!=") ? "<>" : two, start);
            }
        }
        if (SYMBOLS.indexOf(c) >= 0) {
            pos++;
            return new Token(Kind.SYMBOL, String.valueOf(c), start);
        }
        throw new SqlParseException(sql, start, "unexpected character '" + c + "'");
    }

    private Token string(char quote, int start) {
        StringBuilder text = new StringBuilder();
        pos++;
        while (pos < sql.length()) {
            char c = sql.charAt(pos++);
            if (c == quote) {
                if (pos < sql.length() && sql.charAt(pos) == quote) {
                    text.append(quote);
                    pos++;
                    continue;
                }
                return new Token(Kind.STRING, text.toString(), start);
            }
            if (c == '\\' && pos < sql.length()) {
                text.append(unescape(sql.charAt(pos++)));
                continue;
            }
            text.append(c);
        }
        throw new SqlParseException(sql, start, "string starting here is not closed; add the closing " + quote);
    }

    private static char unescape(char c) {
        return switch (c) {
            case 'n' -> '\n';
            case 't' -> '\t';
            case 'r' -> '\r';
            default -> c;
        };
    }

    private Token number(int start) {
        while (pos < sql.length() && Character.isDigit(sql.charAt(pos))) {
            pos++;
        }
        if (pos + 1 < sql.length() && sql.charAt(pos) == '.' && Character.isDigit(sql.charAt(pos + 1))) {
            pos++;
            while (pos < sql.length() && Character.isDigit(sql.charAt(pos))) {
                pos++;
            }
        }
        if (pos < sql.length() && (sql.charAt(pos) == 'e' || sql.charAt(pos) == 'E')) {
            int save = pos++;
            if (pos < sql.length() && (sql.charAt(pos) == '-' || sql.charAt(pos) == '+')) {
                pos++;
            }
            if (pos < sql.length() && Character.isDigit(sql.charAt(pos))) {
                while (pos < sql.length() && Character.isDigit(sql.charAt(pos))) {
                    pos++;
                }
            } else {
                pos = save;
            }
        }
        return new Token(Kind.NUMBER, sql.substring(start, pos), start);
    }
}
