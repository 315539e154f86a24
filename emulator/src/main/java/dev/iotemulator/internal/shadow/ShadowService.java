package dev.iotemulator.internal.shadow;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.iotemulator.internal.shadow.ShadowResult.Deleted;
import dev.iotemulator.internal.shadow.ShadowResult.Document;
import dev.iotemulator.internal.shadow.ShadowResult.Rejected;
import dev.iotemulator.internal.shadow.ShadowResult.Updated;
import dev.iotemulator.internal.shadow.ShadowTopics.Operation;
import dev.iotemulator.internal.shadow.ShadowTopics.Request;
import java.nio.charset.StandardCharsets;

/**
 * Runs shadow requests from either front door and publishes the MQTT responses AWS publishes. Over MQTT every
 * outcome goes to {@code .../accepted} or {@code .../rejected} (to whoever subscribed, as at AWS); over HTTP the
 * outcome is the HTTP response, and an accepted update or delete still publishes its MQTT messages.
 */
public final class ShadowService {

    /** Publishes as the server; responses reach every subscriber of the topic. */
    @FunctionalInterface
    public interface Publisher {
        void publish(String topic, byte[] payload);
    }

    private final Shadows shadows;
    private final Publisher publisher;

    /** @param publisher publishes the service's responses as the emulator's own messages */
    public ShadowService(Shadows shadows, Publisher publisher) {
        this.shadows = shadows;
        this.publisher = publisher;
    }

    /** Whether {@code topic} is a shadow request topic this service answers: a quick test before parsing. */
    public static boolean isRequestTopic(String topic) {
        return topic.startsWith("$aws/things/") && topic.contains("/shadow/") && ShadowTopics.parse(topic).isPresent();
    }

    public Shadows shadows() {
        return shadows;
    }

    /** Handles a PUBLISH to a shadow request topic; ignores every other topic. */
    public void onMqttPublish(String topic, byte[] payload) {
        ShadowTopics.parse(topic).ifPresent(request -> {
            ShadowResult result = run(request, payload);
            if (result instanceof Rejected rejected) {
                send(request.responseTopic("rejected"), rejected.payload());
            } else {
                publishAccepted(request, result);
            }
        });
    }

    /** Handles an HTTP request: answers the result and publishes what an accepted update or delete publishes. */
    public ShadowResult onHttp(Request request, byte[] payload) {
        ShadowResult result = run(request, payload);
        if (result instanceof Updated || result instanceof Deleted) {
            publishAccepted(request, result);
        }
        return result;
    }

    private ShadowResult run(Request request, byte[] payload) {
        if (request.name().problem().isPresent()) {
            return new Rejected(ShadowError.INVALID_JSON,
                    shadows.errorDocument(ShadowError.INVALID_JSON, request.name(), null));
        }
        return switch (request.operation()) {
            case GET -> shadows.get(request.name(), payload);
            case UPDATE -> shadows.update(request.name(), payload);
            case DELETE -> shadows.delete(request.name(), payload);
        };
    }

    private void publishAccepted(Request request, ShadowResult result) {
        if (result instanceof Document doc) {
            send(request.responseTopic("accepted"), doc.payload());
        } else if (result instanceof Updated updated) {
            send(request.responseTopic("accepted"), updated.accepted());
            if (updated.delta() != null) {
                send(request.responseTopic("delta"), updated.delta());
            }
            send(request.responseTopic("documents"), updated.documents());
        } else if (result instanceof Deleted deleted) {
            send(new Request(request.name(), Operation.DELETE).responseTopic("accepted"), deleted.payload());
        }
    }

    private void send(String topic, ObjectNode payload) {
        publisher.publish(topic, payload.toString().getBytes(StandardCharsets.UTF_8));
    }
}
