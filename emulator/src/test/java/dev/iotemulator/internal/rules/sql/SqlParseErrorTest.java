package dev.iotemulator.internal.rules.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** A statement that does not parse says where (line and column) and what was expected. */
class SqlParseErrorTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "SELECT temp FORM 'a/b' | line 1, column 13: expected FROM, WHERE or the end of the statement but found 'FORM'",
        "SELECT temp FROM a/b | line 1, column 18: FROM takes a topic filter in single quotes, such as FROM 'sensors/+/telemetry', but found 'a'",
        "SELECT temp FROM 'a/#/b' | line 1, column 18: topic filter 'a/#/b' uses a wildcard inside a level; + must be a whole level and # the whole last level",
        "SELECT nosuch(temp) FROM 'a' | line 1, column 8: unknown function 'nosuch'",
        "SELECT temp FROM 'a' WHERE temp > | line 1, column 34: expected an expression but found the end of the statement",
        "SELECT (temp FROM 'a' | line 1, column 14: expected ')' but found 'FROM'",
        "SELECT 'open FROM 'a' | line 1, column 21: string starting here is not closed; add the closing '",
        "SELECT cast(a AS Blob) FROM 'a' | line 1, column 18: cannot cast to 'Blob'; awsIotSqlVersion 2016-03-23 casts to String, Nvarchar, Text, Ntext, varchar, Int, Integer, Double, Decimal, Bool, Boolean",
        "SELECT CASE a END FROM 'a' | line 1, column 15: CASE needs at least one WHEN clause but found 'END'",
        "UPDATE x | line 1, column 1: expected SELECT but found 'UPDATE'",
        "SELECT a # b FROM 'x' | line 1, column 10: unexpected character '#'",
    })
    void names_the_position_and_what_was_expected(String sql, String message) {
        assertEquals(message, assertThrows(SqlParseException.class,
                () -> SqlStatement.parse(sql, SqlVersion.V2016_03_23)).getMessage());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "SELECT {'a': 1} AS o FROM 'x' | line 1, column 8: an object literal needs awsIotSqlVersion 2016-03-23; this rule uses 2015-10-08",
        "SELECT encode(*, 'base64') AS d FROM 'x' | line 1, column 8: the function encode() needs awsIotSqlVersion 2016-03-23; this rule uses 2015-10-08",
        "SELECT (SELECT VALUE n FROM e) AS s FROM 'x' | line 1, column 8: a nested SELECT needs awsIotSqlVersion 2016-03-23; this rule uses 2015-10-08",
    })
    void sql_2015_10_08_refuses_the_2016_features(String sql, String message) {
        assertEquals(message, assertThrows(SqlParseException.class,
                () -> SqlStatement.parse(sql, SqlVersion.V2015_10_08)).getMessage());
    }

    @org.junit.jupiter.api.Test
    void a_multi_line_statement_reports_the_line() {
        SqlParseException e = assertThrows(SqlParseException.class,
                () -> SqlStatement.parse("SELECT a\nFROM 'x'\nWHERE a >", SqlVersion.V2016_03_23));
        assertEquals(3, e.line());
        assertEquals(10, e.column());
    }
}
