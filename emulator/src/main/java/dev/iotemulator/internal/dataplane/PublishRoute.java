package dev.iotemulator.internal.dataplane;

import dev.iotemulator.MqttLimits;
import dev.iotemulator.internal.mqtt.AwsTopics;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Matcher;

/**
 * {@code POST /topics/{topic}?qos=&retain=} (AWS IoT Data "Publish"): the body is the payload; the topic may come
 * with its slashes raw or as {@code %2F}; an empty retained body deletes the retained message.
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
        MqttLimits limits = services.limits();
        Optional<String> problem = new AwsTopics(limits.maxTopicBytes(), limits.maxTopicSlashes())
                .checkPublishTopic(topic);
        if (problem.isPresent()) {
            return HttpAnswer.badRequest(problem.get());
        }
        if (call.body().length > limits.maxPayloadBytes()) {
            return HttpAnswer.error(413, "RequestEntityTooLargeException", "The payload is " + call.body().length
                    + " bytes; AWS IoT allows " + limits.maxPayloadBytes() + " bytes per message");
        }
        String resource = services.arns().topic(topic);
        Optional<HttpAnswer> denied = services.authorize(principal, "iot:Publish", resource, call)
                .or(() -> retain ? services.authorize(principal, "iot:RetainPublish", resource, call) : Optional.empty());
        if (denied.isPresent()) {
            return denied.get();
        }
        if (retain) {
            services.retained().retain(topic, call.body(), qos, services.clock().millis());
        }
        services.publisher().publish(topic, call.body(), qos);
        services.shadows().onMqttPublish(topic, call.body());
        return HttpAnswer.ok(HttpAnswer.JSON.createObjectNode().put("message", "OK")
                .put("traceId", UUID.randomUUID().toString()));
    }
}
