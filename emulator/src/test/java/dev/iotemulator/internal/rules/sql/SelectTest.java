package dev.iotemulator.internal.rules.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The statement examples of AWS's SELECT, FROM, WHERE, CASE, literals, JSON extensions and nested-query pages. */
class SelectTest {

    private static final String COLOR = "{\"color\":\"red\", \"temperature\":50}";

    @Test
    void select_star_passes_the_payload_through() {
        assertEquals("{\"color\":\"red\",\"temperature\":50}", Sql.output("SELECT * FROM 'topic/subtopic'",
                "topic/subtopic", COLOR));
    }

    @Test
    void select_names_keys_renames_with_as_and_adds_to_star() {
        assertEquals("{\"color\":\"red\"}", Sql.output("SELECT color FROM 'topic/subtopic'", "topic/subtopic", COLOR));
        assertEquals("{\"my_color\":\"red\"}", Sql.output("SELECT color AS my_color FROM 'topic/subtopic'",
                "topic/subtopic", COLOR));
        assertEquals("{\"my_color\":\"red\",\"fahrenheit\":50}", Sql.output(
                "SELECT color as my_color, temperature as fahrenheit FROM 'topic/subtopic'", "topic/subtopic", COLOR));
        assertEquals("{\"color\":\"red\",\"temperature\":50,\"speed\":15}", Sql.output(
                "SELECT *, 15 as speed FROM 'topic/subtopic'", "topic/subtopic", COLOR));
    }

    @Test
    void select_value_gives_a_bare_value_and_in_2016_a_top_level_array() {
        assertEquals("\"red\"", Sql.output("SELECT VALUE color FROM 'topic/subtopic'", "topic/subtopic", COLOR));
        assertEquals("[1,2,3,4]", Sql.output("SELECT VALUE arr FROM 'topic'", "topic",
                "{\"a\": {\"b\":\"c\"}, \"arr\":[1,2,3,4]}"));
    }

    @Test
    void dots_reach_into_nested_objects_and_brackets_into_arrays() {
        assertEquals("{\"red_value\":255}", Sql.output("SELECT color.red as red_value FROM 'topic/subtopic'",
                "topic/subtopic", "{\"color\":{\"red\":255,\"green\":0,\"blue\":0}, \"temperature\":50}"));
        assertEquals("{\"first\":47.606}", Sql.output("SELECT lat_long[0] AS first FROM 't'", "t",
                "{\"lat_long\": [47.606,-122.332]}"));
    }

    @Test
    void functions_and_grouping_transform_the_payload() {
        assertEquals("{\"celsius\":10,\"my_color\":\"RED\"}", Sql.output(
                "SELECT (temperature - 32) * 5 / 9 AS celsius, upper(color) as my_color FROM 'topic/subtopic'",
                "topic/subtopic", COLOR));
    }

    @Test
    void md5_of_a_field_as_in_the_json_extensions_page() {
        assertEquals("{\"temp\":54.98,\"hashed_id\":\"e37f81fb397e595c4aeb5645b8cbbbd1\"}", Sql.output(
                "SELECT temp, md5(deviceid) AS hashed_id FROM 'topic/#'", "topic/x",
                "{\"deviceid\" : \"iot123\", \"temp\" : 54.98, \"humidity\" : 32.43}"));
    }

    @Test
    void get_reaches_keys_that_dots_cannot() {
        assertEquals("{\"color\":\"x\"}", Sql.output(
                "SELECT 'x' AS color FROM 'iot/rules' WHERE get(get(get(mydata,\"item2\"),\"0\"),\"my-key\") = \"myValue\"",
                "iot/rules", "{\"mydata\": {\"item2\": {\"0\": {\"my-key\": \"myValue\"}}}}"));
    }

    @Test
    void from_matches_topics_with_aws_wildcards() {
        SqlStatement hash = SqlStatement.parse("SELECT temperature AS t FROM 'topic/#'", SqlVersion.V2016_03_23);
        assertTrue(hash.matchesTopic("topic/subtopic"));
        assertTrue(hash.matchesTopic("topic/subtopic-3/details"));
        assertFalse(hash.matchesTopic("topic-2/subtopic-x"));
        SqlStatement plus = SqlStatement.parse("SELECT temperature AS t FROM 'topic/+'", SqlVersion.V2016_03_23);
        assertTrue(plus.matchesTopic("topic/subtopic-2"));
        assertFalse(plus.matchesTopic("topic/subtopic-3/details"));
    }

    @Test
    void where_must_be_true_for_the_actions_to_run() {
        String sql = "SELECT temp, topic(2) AS device FROM 'sensors/+/telemetry' WHERE temp > 30";
        assertEquals("{\"temp\":35,\"device\":\"d1\"}", Sql.output(sql, "sensors/d1/telemetry", "{\"temp\":35}"));
        assertEquals("no match", Sql.output(sql, "sensors/d1/telemetry", "{\"temp\":25}"));
        assertEquals("no match", Sql.output(sql, "sensors/d1/telemetry", "{\"humidity\":25}"));
        assertEquals("no match", Sql.output("SELECT * FROM 't' WHERE 'yes'", "t", "{}"));
    }

    @Test
    void where_cannot_see_select_aliases() {
        assertEquals("no match", Sql.output("SELECT temp AS t FROM 'x' WHERE t > 1", "x", "{\"temp\":5}"));
    }

    @Test
    void the_explanation_records_what_where_compared() {
        Trace trace = new Trace();
        EvalContext c = new EvalContext("s/d/t", "c", "p", "1", "x", "{\"temp\":25}".getBytes(StandardCharsets.UTF_8),
                Values.parse("{\"temp\":25}".getBytes(StandardCharsets.UTF_8)), 0, External.NONE, trace);
        SqlStatement.parse("SELECT * FROM 's/+/t' WHERE temp > 30", SqlVersion.V2016_03_23).evaluate(c);
        assertEquals("[temp > 30: 25 > 30 is false]", trace.lines().toString());
    }

    @Test
    void case_picks_the_first_matching_when() {
        String sql = "SELECT CASE color WHEN 'green' THEN 'go' WHEN 'yellow' THEN 'caution' WHEN 'red' THEN 'stop' "
                + "ELSE 'you are not at a stop light' END as instructions FROM 'topic/subtopic'";
        assertEquals("{\"instructions\":\"caution\"}", Sql.output(sql, "topic/subtopic", "{\"color\":\"yellow\"}"));
        assertEquals("{\"instructions\":\"you are not at a stop light\"}", Sql.output(sql, "topic/subtopic",
                "{\"color\":\"blue\"}"));
        assertEquals("{}", Sql.output(sql, "topic/subtopic", "{}"));
    }

    @Test
    void object_and_array_literals_build_json() {
        assertEquals("{\"lat_long\":{\"latitude\":47.606,\"longitude\":-122.332}}", Sql.output(
                "SELECT {'latitude': get(lat_long, 0),'longitude':get(lat_long, 1)} as lat_long FROM 'topic/subtopic'",
                "topic/subtopic", "{\"lat_long\": [47.606,-122.332]}"));
        assertEquals("{\"lat_long\":[47.606,-122.332]}", Sql.output("SELECT [lat,long] as lat_long FROM 'topic/subtopic'",
                "topic/subtopic", "{\"lat\": 47.606, \"long\": -122.332}"));
    }

    private static final String SENML = "{\"e\": [{ \"n\": \"temperature\", \"u\": \"Cel\", \"t\": 1234, \"v\": 22.5 },"
            + "{ \"n\": \"light\", \"u\": \"lm\", \"t\": 1235, \"v\": 135 },"
            + "{ \"n\": \"acidity\", \"u\": \"pH\", \"t\": 1235, \"v\": 7 }]}";

    @Test
    void nested_selects_query_inside_arrays() {
        assertEquals("{\"sensors\":[\"temperature\",\"light\",\"acidity\"]}", Sql.output(
                "SELECT (SELECT VALUE n FROM e) as sensors FROM 'my/topic'", "my/topic", SENML));
        assertEquals("{\"temperature\":[{\"v\":22.5}]}", Sql.output(
                "SELECT (SELECT v FROM e WHERE n = 'temperature') as temperature FROM 'my/topic'", "my/topic", SENML));
        assertEquals("{\"temperature\":22.5}", Sql.output(
                "SELECT get((SELECT v FROM e WHERE n = 'temperature'), 0).v as temperature FROM 'topic'", "topic",
                SENML));
    }

    @Test
    void sql_2016_handles_whole_decimals_as_int_and_2015_keeps_them() {
        assertEquals("{\"t\":10}", Sql.output("SELECT t FROM 'x'", "x", "{\"t\":10.0}"));
        assertEquals("{\"t\":10.0}", Sql.output("SELECT t FROM 'x'", SqlVersion.V2015_10_08, "x", "{\"t\":10.0}"));
    }

    @Test
    void a_binary_payload_passes_through_select_star_and_encodes() {
        byte[] raw = {0, (byte) 0xff, 1, 2};
        EvalContext c = new EvalContext("bin", null, null, "1", "x", raw, Values.parse(raw), 0, External.NONE, null);
        SqlStatement star = SqlStatement.parse("SELECT * FROM 'bin'", SqlVersion.V2016_03_23);
        assertEquals(java.util.Arrays.toString(raw), java.util.Arrays.toString(star.evaluate(c).payload()));
        SqlStatement encoded = SqlStatement.parse("SELECT encode(*, 'base64') AS data FROM 'bin'",
                SqlVersion.V2016_03_23);
        assertEquals("{\"data\":\"AP8BAg==\"}", new String(encoded.evaluate(c).payload(), StandardCharsets.UTF_8));
        SqlStatement where = SqlStatement.parse("SELECT * FROM 'bin' WHERE device_type = 'thermostat'",
                SqlVersion.V2016_03_23);
        assertFalse(where.evaluate(c).matched());
    }

    @Test
    void a_rule_without_from_serves_only_basic_ingest() {
        SqlStatement s = SqlStatement.parse("SELECT *", SqlVersion.V2016_03_23);
        assertEquals(null, s.topicFilter());
        assertFalse(s.matchesTopic("a"));
    }
}
