package dev.iotemulator.internal.rules.sql;

/**
 * One lexical token of an IoT SQL statement.
 *
 * @param offset the 0-based character offset of its first character in the statement
 */
record Token(Kind kind, String text, int offset) {

    enum Kind {
        IDENT, KEYWORD, STRING, NUMBER, SYMBOL, END
    }

    boolean is(Kind k, String t) {
        return kind == k && text.equals(t);
    }

    boolean isKeyword(String keyword) {
        return is(Kind.KEYWORD, keyword);
    }

    boolean isSymbol(String symbol) {
        return is(Kind.SYMBOL, symbol);
    }

    /** How the token reads in an error message. */
    String describe() {
        return switch (kind) {
            case END -> "the end of the statement";
            case STRING -> "string '" + text + "'";
            default -> "'" + text + "'";
        };
    }
}
