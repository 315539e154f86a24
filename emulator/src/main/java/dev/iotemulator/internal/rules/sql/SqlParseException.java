package dev.iotemulator.internal.rules.sql;

/**
 * An IoT SQL statement that cannot be parsed. The message names the line and column (both 1-based) and what was
 * expected, e.g. {@code line 1, column 26: expected FROM or WHERE but found 'FORM'}, so the author can fix the rule
 * without guessing. The control plane answers it as AWS's {@code SqlParseException}.
 */
public final class SqlParseException extends RuntimeException {

    private final int line;
    private final int column;
    private final String problem;

    SqlParseException(String sql, int offset, String problem) {
        this(lineOf(sql, offset), columnOf(sql, offset), problem);
    }

    private SqlParseException(int line, int column, String problem) {
        super("line " + line + ", column " + column + ": " + problem);
        this.line = line;
        this.column = column;
        this.problem = problem;
    }

    /** 1-based line of the offending token. */
    public int line() {
        return line;
    }

    /** 1-based column of the offending token. */
    public int column() {
        return column;
    }

    /** What was wrong, without the position. */
    public String problem() {
        return problem;
    }

    private static int lineOf(String sql, int offset) {
        int line = 1;
        for (int i = 0; i < Math.min(offset, sql.length()); i++) {
            if (sql.charAt(i) == '\n') {
                line++;
            }
        }
        return line;
    }

    private static int columnOf(String sql, int offset) {
        int start = sql.lastIndexOf('\n', Math.max(0, Math.min(offset, sql.length()) - 1)) + 1;
        return offset - start + 1;
    }
}
