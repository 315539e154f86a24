package dev.iotemulator.internal.dataplane;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.iotemulator.internal.mqtt.RetainedStore.Retained;
import java.util.Optional;
import java.util.regex.Matcher;

/**
 * {@code GET /retainedMessage/{topic}} (AWS IoT Data "GetRetainedMessage"); the payload is base64 in the JSON, and so
 * are an MQTT 5 message's user properties ({@code userProperties}).
 */
final class GetRetainedMessageRoute implements Route {

    private final DataPlaneServices services;

    GetRetainedMessageRoute(DataPlaneServices services) {
        this.services = services;
    }

    @Override
    public HttpAnswer handle(HttpCall call, Matcher path, String principal) {
        String topic = HttpCall.decode(path.group(1));
        Optional<HttpAnswer> denied = services.authorize(principal, "iot:GetRetainedMessage",
                services.arns().topic(topic), call);
        if (denied.isPresent()) {
            return denied.get();
        }
        Optional<Retained> retained = services.retained().get(topic);
        if (retained.isEmpty()) {
            return HttpAnswer.error(404, "ResourceNotFoundException", "No retained message exists for topic '"
                    + topic + "'");
        }
        ObjectNode body = HttpAnswer.JSON.createObjectNode().put("topic", topic)
                .put("payload", retained.get().payload()).put("qos", retained.get().qos())
                .put("lastModifiedTime", retained.get().lastModifiedMillis());
        if (retained.get().properties() != null && !retained.get().properties().userProperties().isEmpty()) {
            body.put("userProperties", HttpMqtt5Properties.encodeUserProperties(
                    retained.get().properties().userProperties()));
        }
        return HttpAnswer.ok(body);
    }
}
