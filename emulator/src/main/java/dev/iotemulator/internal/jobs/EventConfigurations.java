package dev.iotemulator.internal.jobs;

import dev.iotemulator.internal.controlplane.ApiRequest;
import dev.iotemulator.internal.controlplane.ControlPlane;
import dev.iotemulator.internal.controlplane.Json;
import dev.iotemulator.internal.controlplane.Service;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.iotemulator.internal.registry.Documents;
import dev.iotemulator.internal.store.CollectionNames;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Which registry and Jobs events AWS IoT publishes on {@code $aws/events/...}: all off until UpdateEventConfigurations
 * turns them on, as at AWS (developer guide "Event messages"). The emulator publishes the JOB and JOB_EXECUTION
 * events; the other types are kept but not published.
 */
public final class EventConfigurations implements ControlPlane.Api {

    static final List<String> TYPES = List.of("THING", "THING_GROUP", "THING_TYPE", "THING_GROUP_MEMBERSHIP",
            "THING_GROUP_HIERARCHY", "THING_TYPE_ASSOCIATION", "JOB", "JOB_EXECUTION", "POLICY", "CERTIFICATE",
            "CA_CERTIFICATE");

    private final Map<String, Boolean> enabled = new ConcurrentHashMap<>();
    private final Clock clock;
    private final Documents documents;
    private final Instant created;
    private volatile Instant modified;

    /** @param documents where the settings are kept; what it holds already is read back */
    public EventConfigurations(Clock clock, Documents documents) {
        this.clock = clock;
        this.documents = documents;
        this.created = clock.instant();
        this.modified = created;
        documents.all(CollectionNames.EVENT_CONFIGURATIONS, Boolean.class).forEach(enabled::put);
    }

    /** Whether events of {@code type} ({@code JOB}, {@code JOB_EXECUTION}, ...) are published. */
    public boolean enabled(String type) {
        return enabled.getOrDefault(type, false);
    }

    /** Turns one event type on or off, as UpdateEventConfigurations does. */
    public void set(String type, boolean on) {
        enabled.put(type, on);
        documents.put(CollectionNames.EVENT_CONFIGURATIONS, type, on);
        modified = clock.instant();
    }

    @Override
    public void register(ControlPlane.Registrations ops) {
        ops.add(Service.IOT, "DescribeEventConfigurations", "GET", "/event-configurations", this::describe)
                .add(Service.IOT, "UpdateEventConfigurations", "PATCH", "/event-configurations", this::update);
    }

    private ObjectNode describe(ApiRequest request) {
        ObjectNode out = Json.object();
        ObjectNode all = out.putObject("eventConfigurations");
        TYPES.forEach(type -> all.putObject(type).put("Enabled", enabled(type)));
        Json.put(out, "creationDate", created);
        return Json.put(out, "lastModifiedDate", modified);
    }

    private ObjectNode update(ApiRequest request) {
        JsonNode configurations = request.body().path("eventConfigurations");
        configurations.fields().forEachRemaining(e -> {
            if (!TYPES.contains(e.getKey())) {
                throw dev.iotemulator.internal.controlplane.ApiError.INVALID_REQUEST.with("Unknown event type '"
                        + e.getKey() + "'; the types are " + TYPES + ".");
            }
            set(e.getKey(), e.getValue().path("Enabled").asBoolean(false));
        });
        return null;
    }
}
