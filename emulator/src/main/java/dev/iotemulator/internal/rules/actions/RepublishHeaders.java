package dev.iotemulator.internal.rules.actions;

import com.fasterxml.jackson.databind.JsonNode;
import dev.iotemulator.internal.rules.sql.Template;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * The republish action's MQTT 5 {@code headers} (AWS's {@code MqttHeaders}): every field a substitution template,
 * parsed once with the rule and rendered for each message. A rendered value AWS's types do not allow (a payload
 * format other than {@code UTF8_DATA} or {@code UNSPECIFIED_BYTES}, correlation data that is not base64, an expiry
 * that is not a whole number of seconds) fails the action, and so reaches the error action.
 */
public final class RepublishHeaders {

    /**
     * The headers of one message; a field is null (user properties: empty) when the rule does not set it or its
     * template renders to nothing.
     *
     * @param payloadFormatIndicator 1 for {@code UTF8_DATA}, 0 for {@code UNSPECIFIED_BYTES}
     * @param correlationData the decoded bytes
     */
    public record Rendered(Integer payloadFormatIndicator, String contentType, String responseTopic,
            byte[] correlationData, Long messageExpirySeconds, List<Map.Entry<String, String>> userProperties) {
    }

    private final Template payloadFormat;
    private final Template contentType;
    private final Template responseTopic;
    private final Template correlationData;
    private final Template messageExpiry;
    private final List<Template> userKeys = new ArrayList<>();
    private final List<Template> userValues = new ArrayList<>();

    private RepublishHeaders(Fields headers) {
        this.payloadFormat = headers.template("payloadFormatIndicator");
        this.contentType = headers.template("contentType");
        this.responseTopic = headers.template("responseTopic");
        this.correlationData = headers.template("correlationData");
        this.messageExpiry = headers.template("messageExpiry");
        for (JsonNode p : headers.node("userProperties")) {
            Fields property = headers.of(p);
            userKeys.add(property.template("key"));
            userValues.add(property.template("value"));
        }
    }

    /** The action's headers, or null when it has none. */
    static RepublishHeaders of(Fields action) {
        JsonNode headers = action.node("headers");
        return headers.isObject() ? new RepublishHeaders(action.of(headers)) : null;
    }

    /** @throws ActionFailure when a rendered value is not of the type AWS expects */
    Rendered render(ActionInput input) {
        String format = text(input, payloadFormat);
        Integer formatIndicator = null;
        if (format != null) {
            formatIndicator = switch (format) {
                case "UTF8_DATA" -> 1;
                case "UNSPECIFIED_BYTES" -> 0;
                default -> throw new ActionFailure("headers.payloadFormatIndicator is '" + format + "': it must be "
                        + "UTF8_DATA or UNSPECIFIED_BYTES");
            };
        }
        String correlation = text(input, correlationData);
        byte[] correlationBytes = null;
        if (correlation != null) {
            try {
                correlationBytes = Base64.getDecoder().decode(correlation);
            } catch (IllegalArgumentException e) {
                throw new ActionFailure("headers.correlationData must be base64-encoded, not '" + correlation + "'");
            }
        }
        String expiry = text(input, messageExpiry);
        Long expirySeconds = null;
        if (expiry != null) {
            try {
                expirySeconds = Long.parseLong(expiry.trim());
            } catch (NumberFormatException e) {
                throw new ActionFailure("headers.messageExpiry must be a whole number of seconds, not '" + expiry + "'");
            }
        }
        List<Map.Entry<String, String>> properties = new ArrayList<>();
        for (int i = 0; i < userKeys.size(); i++) {
            String key = text(input, userKeys.get(i));
            if (key != null) {
                String value = text(input, userValues.get(i));
                properties.add(Map.entry(key, value == null ? "" : value));
            }
        }
        return new Rendered(formatIndicator, text(input, contentType), text(input, responseTopic), correlationBytes,
                expirySeconds, List.copyOf(properties));
    }

    private static String text(ActionInput input, Template template) {
        if (template == null) {
            return null;
        }
        String value = input.render(template);
        return value.isEmpty() ? null : value;
    }
}
