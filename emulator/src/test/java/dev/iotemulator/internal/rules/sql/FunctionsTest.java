package dev.iotemulator.internal.rules.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The examples of AWS's "Functions" page with their documented results, plus the argument-type tables. */
class FunctionsTest {

    @ParameterizedTest(name = "{0} = {1}")
    @CsvSource(delimiter = '|', value = {
        "abs(-5) | 5", "abs('-5.123') | 5.123", "abs(true) | Undefined", "abs(null) | Undefined",
        "acos(0) | 1.5707963267948966", "asin(0) | 0.0", "atan(0) | 0.0", "atan2(1, 0) | 1.5707963267948966",
        "bitand(13, 5) | 5", "bitor(8, 5) | 13", "bitxor(13, 5) | 8", "bitand('13', 5.9) | 5",
        "cast(true as Int) | 1", "cast('3.7' as Int) | 3", "cast(0 as Boolean) | false", "cast(2 as Bool) | true",
        "cast(5 as String) | \"5\"", "cast(null as String) | Undefined", "cast('abc' as Int) | Undefined",
        "ceil(1.2) | 2", "ceil(-1.2) | -1", "floor(1.2) | 1", "floor(-1.2) | -2", "floor([1,2,3]) | Undefined",
        "chr(65) | \"A\"", "chr(49) | \"1\"",
        "concat() | Undefined", "concat(1) | 1", "concat([1, 2, 3], 4) | [1,2,3,4]",
        "concat([1, 2, 3], 'hello') | [1,2,3,\"hello\"]", "concat('con', 'cat') | \"concat\"",
        "concat(1, 'hello') | \"1hello\"", "concat('he','is','man') | \"heisman\"",
        "concat([1, 2, 3], 'hello', [4, 5, 6]) | [1,2,3,\"hello\",4,5,6]",
        "cos(0) | 1.0", "cosh(2.3) | 5.037220649268761", "endswith('cat','at') | true", "endswith(null,'at') | Undefined",
        "exp(0) | 1.0",
        "get(['a', 'b', 'c'], 1) | \"b\"", "get({'a':'b'}, 'a') | \"b\"", "get('abc', 1) | \"b\"",
        "get(['a'], 5) | Undefined", "get(5, 0) | Undefined",
        "md2('hello') | \"a9046c73e00331af68917d3804f70655\"", "md5('hello') | \"5d41402abc4b2a76b9719d911017c592\"",
        "indexof('abcd', 'bc') | 1", "isNull(5) | false", "isNull(null) | true", "isUndefined(5) | false",
        "isUndefined(floor([1,2,3])) | true", "length('hi') | 2", "length(false) | 5", "log(100) | 2.0",
        "lower('HELLO') | \"hello\"", "lower(['HELLO']) | \"[\\\"hello\\\"]\"",
        "lpad('hello', 2) | \"  hello\"", "lpad(1, 3) | \"   1\"", "ltrim(' h i ') | \"h i \"",
        "mod(8, 3) | 2", "nanvl(8, 3) | 8", "nanvl('x', 3) | 3", "numbytes('hi') | 2", "numbytes('€') | 3",
        "power(2, 5) | 32.0", "regexp_matches('aaaa', 'a{2,}') | true", "regexp_matches('aaaa', 'b') | false",
        "regexp_replace('abcd', 'bc', 'x') | \"axd\"", "regexp_replace('abcd', 'b(.*)d', '$1') | \"ac\"",
        "regexp_substr('hihihello', 'hi') | \"hi\"", "regexp_substr('hihihello', '(hi)*') | \"hihi\"",
        "remainder(8, 3) | 2", "replace('abcd', 'bc', 'x') | \"axd\"", "replace('abcdabcd', 'b', 'x') | \"axcdaxcd\"",
        "rpad('hello', 2) | \"hello  \"", "rpad(1, 3) | \"1   \"",
        "round(1.2) | 1", "round(1.5) | 2", "round(1.7) | 2", "round(-1.1) | -1",
        "rtrim(' h i ') | \" h i\"", "sign(-7) | -1", "sign(0) | 0", "sign(13) | 1", "sin(0) | 0.0",
        "sinh(2.3) | 4.936961805545957", "sqrt(9) | 3.0", "startswith('ranger','ran') | true",
        "tan(3) | -0.1425465430742778", "tanh(2.3) | 0.9800963962661914",
        "substring('012345', 0) | \"012345\"", "substring('012345', 2) | \"2345\"",
        "substring('012345', 2.745) | \"2345\"", "substring(123, 2) | \"3\"", "substring('012345', -1) | \"012345\"",
        "substring(true, 1.2) | \"rue\"", "substring(false, -2.411E247) | \"false\"",
        "substring('012345', 1, 3) | \"12\"", "substring('012345', -50, 50) | \"012345\"",
        "substring('012345', 3, 1) | \"\"", "trim(' hi ') | \"hi\"",
        "trunc(2.3, 0) | 2", "trunc(2.3123, 2) | 2.31", "trunc(2.888, 2) | 2.88", "trunc(2.00, 5) | 2",
        "upper('hello') | \"HELLO\"", "upper(['hello']) | \"[\\\"HELLO\\\"]\"",
        "sql_version() | \"2016-03-23\"", "accountid() | \"123456789012\"", "timestamp() | 1481825251155",
        "encode('hello', 'base64') | \"aGVsbG8=\"", "decode('aGVsbG8=', 'base64') | \"hello\"",
        "decode('eyAidGVtcGVyYXR1cmUiOiAzMyB9Cg==','base64').temperature | 33",
        "parse_time(\"yyyy.MM.dd G 'at' HH:mm:ss z\", 100000000, 'America/Belize') | \"1970.01.01 AD at 21:46:40 CST\"",
        "parse_time('yyyy', 1481825251155, 'UTC') | \"2016\"",
        "time_to_epoch('2020-04-03 09:45:18 UTC+01:00', 'yyyy-MM-dd HH:mm:ss VV') | 1585903518000",
        "time_to_epoch('18 December 2015', 'dd MMMM yyyy') | 1450396800000",
        "time_to_epoch('2007-12-03 10:15:30.592 America/Los_Angeles', 'yyyy-MM-dd HH:mm:ss.SSS z') | 1196705730592",
    })
    void each_documented_example_gives_its_documented_result(String expression, String expected) {
        assertEquals(expected, Sql.value(expression));
    }

    // AWS's page gives bitnot(13) = 2 (a 4-bit reading); Int is arbitrary-precision two's complement, as in Java.
    @Test
    void bitnot_is_the_twos_complement_of_the_int() {
        assertEquals("-14", Sql.value("bitnot(13)"));
    }

    @ParameterizedTest(name = "{0} = {1}")
    @CsvSource(delimiter = '|', value = {
        "topic() | \"things/myThings/thingOne\"", "topic(1) | \"things\"", "topic(3) | \"thingOne\"",
        "topic(4) | Undefined", "topic(0) | Undefined",
    })
    void topic_returns_the_whole_topic_or_a_one_based_level(String expression, String expected) {
        assertEquals(expected, Sql.valueOn(expression, "things/myThings/thingOne"));
    }

    @Test
    void context_functions_read_the_message_metadata() {
        assertEquals("{\"c\":\"device-1\",\"p\":\"AKIAIOSFODNN7EXAMPLE\"}",
                Sql.output("SELECT clientid() AS c, principal() AS p FROM '#'", "a", "{}"));
    }

    @Test
    void newuuid_and_rand_give_fresh_values() {
        assertTrue(Sql.value("newuuid()").matches("\"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\""));
        String r = Sql.value("rand()");
        assertTrue(Double.parseDouble(r) >= 0 && Double.parseDouble(r) < 1, r);
    }

    @Test
    void functions_aws_does_not_reach_here_are_undefined_and_say_so() {
        Trace trace = new Trace();
        EvalContext c = new EvalContext("t", null, null, "1", "x", new byte[0], null, 0, External.NONE, trace);
        SqlStatement.parse("SELECT get_dynamodb('t', 'k', 'v', 'role') AS d FROM 't'", SqlVersion.V2016_03_23)
                .evaluate(c);
        assertTrue(trace.lines().get(0).contains("get_dynamodb() is not emulated"), trace.lines().toString());
    }

    @Test
    void clientid_is_n_a_when_the_message_did_not_come_over_mqtt() {
        EvalContext c = new EvalContext("t", null, null, "1", "x", new byte[0], null, 0, External.NONE, null);
        SqlStatement.Evaluation e = SqlStatement.parse("SELECT VALUE clientid() FROM 't'", SqlVersion.V2016_03_23)
                .evaluate(c);
        assertEquals("\"n/a\"", new String(e.payload(), java.nio.charset.StandardCharsets.UTF_8));
    }
}
