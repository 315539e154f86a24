package dev.iotemulator.acceptance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.iotemulator.Endpoints;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import org.eclipse.paho.client.mqttv3.MqttException;

/** A Paho client subscribed to {@code $aws/events/#}, keeping every lifecycle event it receives. */
final class LifecycleObserver implements AutoCloseable {

    record Event(String topic, JsonNode body) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    final List<Event> events = new CopyOnWriteArrayList<>();
    private final PahoClients.Client client;

    LifecycleObserver(Endpoints endpoints, String clientId) throws MqttException {
        client = PahoClients.overWebSocket(endpoints, clientId);
        client.paho.setCallback(null);
        client.paho.subscribe("$aws/events/#", 1, (topic, message) -> {
            try {
                events.add(new Event(topic, JSON.readTree(message.getPayload())));
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        });
    }

    Event await(Predicate<Event> which, String description) {
        Await.until(() -> events.stream().anyMatch(which), Duration.ofSeconds(15),
                () -> "no event " + description + "; events seen: " + events);
        return events.stream().filter(which).findFirst().orElseThrow();
    }

    Event await(String topic) {
        return await(e -> e.topic().equals(topic), "on " + topic);
    }

    @Override
    public void close() throws MqttException {
        client.close();
    }
}
