package dev.iotemulator.internal.rules.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The operator tables of AWS's "Operators" and "Data types" pages, row by row. */
class OperatorsTest {

    @ParameterizedTest(name = "{0} = {1}")
    @CsvSource(delimiter = '|', value = {
        // AND / OR / NOT: Booleans, or the strings "true"/"false" in any case; anything else is Undefined
        "true AND true | true", "true AND false | false", "'TRUE' AND 'true' | true", "true AND 1 | Undefined",
        "false OR true | true", "false OR false | false", "'False' OR 'tRuE' | true", "'yes' OR true | Undefined",
        "NOT true | false", "NOT 'false' | true", "NOT 0 | Undefined", "NOT missing | Undefined",
        // > >= < <=: both sides converted to Decimal; strings must parse; other types Undefined
        "5 > 4 | true", "4.5 >= 4.5 | true", "'5' > 4 | true", "'5.5' < '10' | true", "'abc' > 1 | Undefined",
        "true > 0 | Undefined", "null > 0 | Undefined", "missing > 0 | Undefined", "'5E-12' > 0 | true",
        "3 <= 2 | false",
        // = : numbers by value, mismatched types false, Undefined either side Undefined
        "5 = 5 | true", "5 = 5.0 | true", "'5' = 5 | false", "'a' = 'a' | true", "[1,2] = [1,2] | true",
        "[1,2] = [2,1] | false", "{'a':1,'b':2} = {'b':2,'a':1} | true", "null = null | true", "true = 'true' | false",
        "missing = 1 | Undefined", "1 = missing | Undefined",
        // <> : mismatched types true, Null <> Null false, Undefined either side Undefined
        "5 <> 6 | true", "'5' <> 5 | true", "null <> null | false", "[1,2] <> [2,1] | true", "missing <> 1 | Undefined",
        // + : a String on either side concatenates; Int+Int Int; numeric mixes Decimal
        "1 + 2 | 3", "1 + 2.5 | 3.5", "'a' + 1 | \"a1\"", "1 + 'a' | \"1a\"", "'5' + 3 | \"53\"", "true + 1 | Undefined",
        "[1] + 1 | Undefined",
        // - * / % : Int op Int is Int; numeric strings convert to Decimal; others Undefined
        "7 - 2 | 5", "'7' - 2 | 5", "'7.5' - 2 | 5.5", "'x' - 2 | Undefined", "6 * 7 | 42", "2.5 * 2 | 5",
        "7 / 2 | 3", "7.0 / 2 | 3.5", "7 % 3 | 1", "'8' % 3 | 2", "1 / 0 | Undefined", "true * 2 | Undefined",
        "-(3) | -3", "-'2.5' | -2.5",
    })
    void each_operator_follows_the_documented_type_table(String expression, String expected) {
        assertEquals(expected, Sql.value(expression));
    }

    @ParameterizedTest(name = "{0} = {1} in 2015-10-08")
    @CsvSource(delimiter = '|', value = {"2.5 * 2 | 5.0", "10.0 + 0 | 10.0", "7.0 / 2 | 3.5"})
    void sql_2015_10_08_keeps_whole_number_decimals_as_decimals(String expression, String expected) {
        assertEquals(expected, Sql.value(expression, SqlVersion.V2015_10_08, "{}"));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "temperature > 40 | {\"temperature\":50} | true",
        "temperature > 40 | {\"temperature\":\"50\"} | true",
        "temperature = 50 | {\"temperature\":\"50\"} | false",
        "temperature > 40 | {} | Undefined",
        "temperature = null | {\"temperature\":null} | true",
        "isNull(temperature) | {\"temperature\":null} | true",
        "isUndefined(temperature) | {\"temperature\":null} | false",
        "isUndefined(humidity) | {\"temperature\":null} | true",
    })
    void undefined_and_null_are_different_things(String expression, String payload, String expected) {
        assertEquals(expected, Sql.value(expression, payload));
    }
}
