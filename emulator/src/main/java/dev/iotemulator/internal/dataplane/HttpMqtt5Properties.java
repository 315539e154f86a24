package dev.iotemulator.internal.dataplane;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.iotemulator.MessageProperties;
import dev.iotemulator.internal.mqtt5.MessageExpiry;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * The MQTT 5 properties of an HTTP publish (AWS IoT Data "Publish"): the query parameters {@code contentType},
 * {@code responseTopic} and {@code messageExpiry} (seconds), and the headers {@code x-amz-mqtt5-user-properties}
 * (base64 of a JSON array of objects, {@code [{"name":"value"}]}), {@code x-amz-mqtt5-payload-format-indicator}
 * ({@code UNSPECIFIED_BYTES} or {@code UTF8_DATA}) and {@code x-amz-mqtt5-correlation-data} (base64). The same JSON
 * form carries a retained message's user properties back in GetRetainedMessage.
 */
final class HttpMqtt5Properties {

    static final String USER_PROPERTIES = "x-amz-mqtt5-user-properties";
    static final String PAYLOAD_FORMAT = "x-amz-mqtt5-payload-format-indicator";
    static final String CORRELATION_DATA = "x-amz-mqtt5-correlation-data";

    /** The properties, or why the request is invalid. */
    record Parsed(MessageProperties properties, long expiresAtMillis, String problem) {
    }

    private HttpMqtt5Properties() {
    }

    static Parsed read(HttpCall call, long nowMillis) {
        try {
            Integer format = payloadFormat(header(call, PAYLOAD_FORMAT));
            String correlation = header(call, CORRELATION_DATA);
            String expiry = call.query("messageExpiry");
            Long interval = expiry == null ? null : MessageExpiry.adjust(Long.parseLong(expiry));
            MessageProperties p = new MessageProperties(format, call.query("contentType"),
                    call.query("responseTopic"), correlation == null ? null : Base64.getDecoder().decode(correlation),
                    userProperties(header(call, USER_PROPERTIES)), interval);
            if (p.responseTopic() != null && (p.responseTopic().contains("+") || p.responseTopic().contains("#"))) {
                return new Parsed(null, 0, "responseTopic must be a topic name without wildcards, not '"
                        + p.responseTopic() + "'");
            }
            return p.isEmpty() ? new Parsed(null, 0, null)
                    : new Parsed(p, interval == null ? 0 : MessageExpiry.deadline(nowMillis, interval), null);
        } catch (NumberFormatException e) {
            return new Parsed(null, 0, "messageExpiry must be a whole number of seconds, not '"
                    + call.query("messageExpiry") + "'");
        } catch (IllegalArgumentException | IOException e) {
            return new Parsed(null, 0, e.getMessage());
        }
    }

    private static Integer payloadFormat(String value) {
        if (value == null) {
            return null;
        }
        return switch (value) {
            case "UNSPECIFIED_BYTES" -> 0;
            case "UTF8_DATA" -> 1;
            default -> throw new IllegalArgumentException(PAYLOAD_FORMAT + " must be UNSPECIFIED_BYTES or UTF8_DATA, "
                    + "not '" + value + "'");
        };
    }

    private static List<MessageProperties.UserProperty> userProperties(String header) throws IOException {
        List<MessageProperties.UserProperty> out = new ArrayList<>();
        if (header == null) {
            return out;
        }
        JsonNode json;
        try {
            json = HttpAnswer.JSON.readTree(Base64.getDecoder().decode(header));
        } catch (IllegalArgumentException | IOException e) {
            throw new IllegalArgumentException(USER_PROPERTIES + " must be base64 of a JSON array such as "
                    + "[{\"name\":\"value\"}]");
        }
        if (!json.isArray()) {
            throw new IllegalArgumentException(USER_PROPERTIES + " must be base64 of a JSON array such as "
                    + "[{\"name\":\"value\"}]");
        }
        for (JsonNode element : json) {
            for (Iterator<Map.Entry<String, JsonNode>> it = element.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> field = it.next();
                out.add(new MessageProperties.UserProperty(field.getKey(), field.getValue().asText()));
            }
        }
        return out;
    }

    /** User properties in the data plane's form: base64 of {@code [{"name":"value"}, ...]}. */
    static String encodeUserProperties(List<MessageProperties.UserProperty> properties) {
        ArrayNode array = HttpAnswer.JSON.createArrayNode();
        properties.forEach(p -> array.addObject().put(p.name(), p.value()));
        return Base64.getEncoder().encodeToString(array.toString().getBytes(StandardCharsets.UTF_8));
    }

    private static String header(HttpCall call, String name) {
        List<String> values = call.headers().get(name);
        return values == null || values.isEmpty() ? null : values.get(0);
    }
}
