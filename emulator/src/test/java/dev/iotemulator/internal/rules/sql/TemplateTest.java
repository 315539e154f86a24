package dev.iotemulator.internal.rules.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** AWS's substitution templates: expressions over the original message, not the SELECT output. */
class TemplateTest {

    private static String render(String template, String topic, String payload) {
        return Template.parse(template, SqlVersion.V2016_03_23).render(Sql.context(topic, payload, External.NONE),
                SqlVersion.V2016_03_23);
    }

    @Test
    void substitutes_functions_fields_and_operators() {
        assertEquals("my/iot/topic/republish", render("${topic()}/republish", "my/iot/topic", "{}"));
        assertEquals("alerts/d1", render("alerts/${topic(2)}", "sensors/d1/telemetry", "{}"));
        assertEquals("device/iot123", render("device/${deviceid}", "t", "{\"deviceid\":\"iot123\"}"));
        assertEquals("a-b-1481825251155", render("${replace(topic(), '/', '-') + '-' + timestamp()}", "a/b", "{}"));
        assertEquals("2016", render("${parse_time('yyyy', timestamp(), 'UTC')}", "a", "{}"));
    }

    @Test
    void undefined_renders_as_nothing_and_double_dollar_as_a_dollar() {
        assertEquals("x/", render("x/${missing}", "a", "{}"));
        assertEquals("$aws/things/t1/shadow/update", render("$$aws/things/${thing}/shadow/update", "a",
                "{\"thing\":\"t1\"}"));
    }

    @Test
    void braces_inside_an_expression_do_not_end_it() {
        assertEquals("{\"a\":1}", render("${{'a': 1}}", "t", "{}"));
    }

    @Test
    void an_unclosed_template_is_a_parse_error() {
        assertEquals("line 1, column 3: substitution template '${' is not closed with '}'", assertThrows(
                SqlParseException.class, () -> Template.parse("a/${topic()", SqlVersion.V2016_03_23)).getMessage());
    }
}
