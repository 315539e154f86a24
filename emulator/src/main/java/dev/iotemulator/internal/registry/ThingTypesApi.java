package dev.iotemulator.internal.registry;

import static dev.iotemulator.internal.controlplane.Json.put;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.iotemulator.internal.controlplane.ApiRequest;
import dev.iotemulator.internal.controlplane.ControlPlane;
import dev.iotemulator.internal.controlplane.Json;
import dev.iotemulator.internal.controlplane.Service;

/** The thing type operations of AWS IoT's control plane. */
public final class ThingTypesApi implements ControlPlane.Api {

    private final Registry registry;

    public ThingTypesApi(Registry registry) {
        this.registry = registry;
    }

    @Override
    public void register(ControlPlane.Registrations ops) {
        ops.add(Service.IOT, "CreateThingType", "POST", "/thing-types/{thingTypeName}", this::create)
                .add(Service.IOT, "DescribeThingType", "GET", "/thing-types/{thingTypeName}", this::describe)
                .add(Service.IOT, "ListThingTypes", "GET", "/thing-types", this::list)
                .add(Service.IOT, "DeprecateThingType", "POST", "/thing-types/{thingTypeName}/deprecate",
                        this::deprecate)
                .add(Service.IOT, "DeleteThingType", "DELETE", "/thing-types/{thingTypeName}", this::delete);
    }

    private ObjectNode create(ApiRequest request) {
        JsonNode properties = request.body().path("thingTypeProperties");
        ThingType type = registry.thingTypes().create(request.label("thingTypeName"),
                ApiRequest.text(properties, "thingTypeDescription"), Json.strings(properties, "searchableAttributes"));
        return Json.object().put("thingTypeName", type.name())
                .put("thingTypeArn", registry.arns().thingType(type.name())).put("thingTypeId", type.id());
    }

    private ObjectNode describe(ApiRequest request) {
        ThingType type = registry.thingTypes().require(request.label("thingTypeName"));
        return describe(type, Json.object().put("thingTypeId", type.id()));
    }

    private ObjectNode describe(ThingType type, ObjectNode out) {
        out.put("thingTypeName", type.name()).put("thingTypeArn", registry.arns().thingType(type.name()));
        ObjectNode properties = out.putObject("thingTypeProperties");
        put(properties, "thingTypeDescription", type.description());
        put(properties, "searchableAttributes", type.searchableAttributes());
        ObjectNode metadata = out.putObject("thingTypeMetadata").put("deprecated", type.deprecated());
        put(metadata, "deprecationDate", type.deprecationDate());
        put(metadata, "creationDate", type.creationDate());
        return out;
    }

    private ObjectNode list(ApiRequest request) {
        return Json.page(request, Json.object(), "thingTypes",
                registry.thingTypes().list(request.query("thingTypeName")), t -> describe(t, Json.object()));
    }

    private ObjectNode deprecate(ApiRequest request) {
        registry.thingTypes().deprecate(request.label("thingTypeName"),
                request.body().path("undoDeprecate").asBoolean(false));
        return null;
    }

    private ObjectNode delete(ApiRequest request) {
        registry.thingTypes().delete(request.label("thingTypeName"));
        return null;
    }
}
