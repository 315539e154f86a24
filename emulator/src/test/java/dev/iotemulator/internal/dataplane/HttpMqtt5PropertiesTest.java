package dev.iotemulator.internal.dataplane;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.iotemulator.MessageProperties;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The MQTT 5 properties of an HTTP publish, read from its query parameters and headers, and what bad ones get. */
class HttpMqtt5PropertiesTest {

    static final long NOW = 1_000_000;

    private static HttpMqtt5Properties.Parsed read(String rawQuery, Map<String, String> headers) {
        Map<String, List<String>> h = new LinkedHashMap<>();
        headers.forEach((name, value) -> h.put(name, List.of(value)));
        return HttpMqtt5Properties.read(new HttpCall("POST", "/topics/t", rawQuery, h, new byte[0], "127.0.0.1"), NOW);
    }

    private static String base64(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void every_property_is_read_and_user_properties_keep_their_order() {
        HttpMqtt5Properties.Parsed parsed = read("qos=1&contentType=text%2Fplain&responseTopic=r%2F1&messageExpiry=60",
                Map.of(HttpMqtt5Properties.USER_PROPERTIES, base64("[{\"b\":\"2\"},{\"a\":\"1\"},{\"b\":\"3\"}]"),
                        HttpMqtt5Properties.PAYLOAD_FORMAT, "UTF8_DATA",
                        HttpMqtt5Properties.CORRELATION_DATA, base64("corr")));
        assertNull(parsed.problem());
        MessageProperties p = parsed.properties();
        assertEquals("text/plain", p.contentType());
        assertEquals("r/1", p.responseTopic());
        assertEquals(1, p.payloadFormatIndicator());
        assertArrayEquals("corr".getBytes(StandardCharsets.UTF_8), p.correlationData());
        assertEquals(List.of(new MessageProperties.UserProperty("b", "2"), new MessageProperties.UserProperty("a", "1"),
                new MessageProperties.UserProperty("b", "3")), p.userProperties());
        assertEquals(NOW + 60_000, parsed.expiresAtMillis());
    }

    @Test
    void a_publish_without_mqtt5_properties_carries_none() {
        HttpMqtt5Properties.Parsed parsed = read("qos=1", Map.of());
        assertNull(parsed.problem());
        assertNull(parsed.properties());
        assertEquals(0, parsed.expiresAtMillis());
    }

    @Test
    void a_message_expiry_of_0_is_raised_to_one_second() {
        assertEquals(NOW + 1_000, read("messageExpiry=0", Map.of()).expiresAtMillis());
    }

    @Test
    void bad_values_get_a_problem_that_names_the_parameter_and_the_expected_form() {
        assertProblem(read("messageExpiry=soon", Map.of()), "messageExpiry");
        assertProblem(read("responseTopic=r%2F%23", Map.of()), "responseTopic");
        assertProblem(read("", Map.of(HttpMqtt5Properties.PAYLOAD_FORMAT, "TEXT")), "UTF8_DATA");
        assertProblem(read("", Map.of(HttpMqtt5Properties.USER_PROPERTIES, "not base64!")), "JSON array");
        assertProblem(read("", Map.of(HttpMqtt5Properties.USER_PROPERTIES, base64("{\"a\":\"1\"}"))), "JSON array");
        assertProblem(read("", Map.of(HttpMqtt5Properties.CORRELATION_DATA, "not base64!")),
                HttpMqtt5Properties.CORRELATION_DATA + " must be base64");
    }

    private static void assertProblem(HttpMqtt5Properties.Parsed parsed, String expected) {
        assertTrue(parsed.problem() != null && parsed.problem().contains(expected), String.valueOf(parsed.problem()));
        assertNull(parsed.properties());
    }
}
