package dev.iotemulator.internal.dataplane;

import dev.iotemulator.internal.pipeline.Origin;
import dev.iotemulator.internal.pipeline.Outcome;
import dev.iotemulator.internal.pipeline.Publish;
import dev.iotemulator.internal.pipeline.Source;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Matcher;

/**
 * {@code POST /topics/{topic}?qos=&retain=} (AWS IoT Data "Publish"): the body is the payload; the topic may come
 * with its slashes raw or as {@code %2F}; an empty retained body deletes the retained message. The message goes
 * through the publish pipeline like an MQTT client's: limits, the signer's IoT policies, journal, services, broker.
 * Its MQTT 5 properties ({@link HttpMqtt5Properties}) reach MQTT 5 subscribers.
 */
final class PublishRoute implements Route {

    private final DataPlaneServices services;

    PublishRoute(DataPlaneServices services) {
        this.services = services;
    }

    @Override
    public HttpAnswer handle(HttpCall call, Matcher path, String principal) {
        String topic = HttpCall.decode(path.group(1));
        String qosParam = call.query("qos");
        if (qosParam != null && !qosParam.equals("0") && !qosParam.equals("1")) {
            return HttpAnswer.badRequest("qos must be 0 or 1, not '" + qosParam + "'");
        }
        int qos = qosParam == null ? 0 : Integer.parseInt(qosParam);
        boolean retain = "true".equalsIgnoreCase(call.query("retain"));
        HttpMqtt5Properties.Parsed mqtt5 = HttpMqtt5Properties.read(call, System.currentTimeMillis());
        if (mqtt5.problem() != null) {
            return HttpAnswer.badRequest(mqtt5.problem());
        }
        Publish publish = new Publish(topic, call.body(), qos, retain, Source.HTTP, principal, null,
                mqtt5.properties(), mqtt5.expiresAtMillis());
        Outcome outcome = services.pipeline().publish(publish, new Origin() {
            @Override
            public String denyPublish(String t, boolean r) {
                String resource = services.arns().topic(t);
                return services.denial(principal, "iot:Publish", resource, call)
                        .or(() -> r ? services.denial(principal, "iot:RetainPublish", resource, call) : Optional.empty())
                        .orElse(null);
            }
        });
        if (outcome instanceof Outcome.Invalid invalid) {
            return invalid.tooLarge()
                    ? HttpAnswer.error(413, "RequestEntityTooLargeException", "The payload is " + call.body().length
                            + " bytes; AWS IoT allows " + services.pipeline().limits().maxPayloadBytes()
                            + " bytes per message")
                    : HttpAnswer.badRequest(invalid.problem());
        }
        if (outcome instanceof Outcome.Denied denied) {
            return HttpAnswer.error(403, "ForbiddenException", denied.reason());
        }
        return HttpAnswer.ok(HttpAnswer.JSON.createObjectNode().put("message", "OK")
                .put("traceId", UUID.randomUUID().toString()));
    }
}
