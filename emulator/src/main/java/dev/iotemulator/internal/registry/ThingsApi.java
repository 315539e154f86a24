package dev.iotemulator.internal.registry;

import static dev.iotemulator.internal.controlplane.Json.put;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.iotemulator.internal.controlplane.ApiError;
import dev.iotemulator.internal.controlplane.ApiRequest;
import dev.iotemulator.internal.controlplane.ControlPlane;
import dev.iotemulator.internal.controlplane.Json;
import dev.iotemulator.internal.controlplane.Service;
import java.util.Map;
import java.util.function.Predicate;

/** The thing operations of AWS IoT's control plane, and those that attach principals to things. */
public final class ThingsApi implements ControlPlane.Api {

    private final Registry registry;

    public ThingsApi(Registry registry) {
        this.registry = registry;
    }

    @Override
    public void register(ControlPlane.Registrations ops) {
        ops.add(Service.IOT, "CreateThing", "POST", "/things/{thingName}", this::create)
                .add(Service.IOT, "DescribeThing", "GET", "/things/{thingName}", this::describe)
                .add(Service.IOT, "UpdateThing", "PATCH", "/things/{thingName}", this::update)
                .add(Service.IOT, "DeleteThing", "DELETE", "/things/{thingName}", this::delete)
                .add(Service.IOT, "ListThings", "GET", "/things", this::list)
                .add(Service.IOT, "AttachThingPrincipal", "PUT", "/things/{thingName}/principals", this::attach)
                .add(Service.IOT, "DetachThingPrincipal", "DELETE", "/things/{thingName}/principals", this::detach)
                .add(Service.IOT, "ListThingPrincipals", "GET", "/things/{thingName}/principals", this::principals)
                .add(Service.IOT, "ListPrincipalThings", "GET", "/principals/things", this::principalThings);
    }

    private ObjectNode create(ApiRequest request) {
        ObjectNode body = request.body();
        Thing thing = registry.things().create(request.label("thingName"), ApiRequest.text(body, "thingTypeName"),
                Json.stringMap(body.get("attributePayload"), "attributes"));
        return Json.object().put("thingName", thing.name()).put("thingArn", registry.arns().thing(thing.name()))
                .put("thingId", thing.id());
    }

    private ObjectNode describe(ApiRequest request) {
        Thing thing = registry.things().require(request.label("thingName"));
        ObjectNode out = Json.object().put("defaultClientId", thing.name()).put("thingName", thing.name())
                .put("thingId", thing.id()).put("thingArn", registry.arns().thing(thing.name()));
        put(out, "thingTypeName", thing.typeName());
        return put(out, "attributes", thing.attributes()).put("version", thing.version());
    }

    private ObjectNode update(ApiRequest request) {
        ObjectNode body = request.body();
        JsonNode payload = body.get("attributePayload");
        Map<String, String> attributes = payload == null || payload.isNull() ? null
                : Json.stringMap(payload, "attributes");
        registry.things().update(request.label("thingName"), ApiRequest.text(body, "thingTypeName"),
                body.path("removeThingType").asBoolean(false), attributes,
                payload != null && payload.path("merge").asBoolean(false), longMember(body, "expectedVersion"));
        return null;
    }

    private ObjectNode delete(ApiRequest request) {
        registry.things().delete(request.label("thingName"), longQuery(request, "expectedVersion"));
        return null;
    }

    private ObjectNode list(ApiRequest request) {
        String attribute = request.query("attributeName");
        String value = request.query("attributeValue");
        String type = request.query("thingTypeName");
        boolean prefix = request.queryFlag("usePrefixAttributeValue", false);
        if ((attribute == null) != (value == null)) {
            throw ApiError.INVALID_REQUEST.with("attributeName and attributeValue must be given together.");
        }
        Predicate<Thing> filter = t -> (type == null || type.equals(t.typeName()))
                && (attribute == null || t.attributes().containsKey(attribute) && (prefix
                ? t.attributes().get(attribute).startsWith(value) : t.attributes().get(attribute).equals(value)));
        return Json.page(request, Json.object(), "things", registry.things().list(filter), t -> {
            ObjectNode item = Json.object().put("thingName", t.name());
            put(item, "thingTypeName", t.typeName());
            item.put("thingArn", registry.arns().thing(t.name()));
            return put(item, "attributes", t.attributes()).put("version", t.version());
        });
    }

    private ObjectNode attach(ApiRequest request) {
        registry.attachments().attachThingPrincipal(request.label("thingName"), principal(request));
        return null;
    }

    private ObjectNode detach(ApiRequest request) {
        registry.attachments().detachThingPrincipal(request.label("thingName"), principal(request));
        return null;
    }

    private ObjectNode principals(ApiRequest request) {
        String thing = request.label("thingName");
        if (registry.things().find(thing).isEmpty()) {
            throw ApiError.RESOURCE_NOT_FOUND.with("Failed to list principals for thing " + thing + " because the "
                    + "thing does not exist in your account");
        }
        return Json.page(request, Json.object(), "principals", registry.attachments().principalsOf(thing), Json::text);
    }

    private ObjectNode principalThings(ApiRequest request) {
        return Json.page(request, Json.object(), "things", registry.attachments().thingsOf(principal(request)),
                Json::text);
    }

    private static String principal(ApiRequest request) {
        return ApiRequest.required(request.header("x-amzn-principal"), "principal");
    }

    static Long longMember(JsonNode body, String member) {
        JsonNode value = body.get(member);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.canConvertToLong() && !value.isTextual()) {
            throw ApiError.INVALID_REQUEST.with("'" + member + "' must be a whole number, not " + value);
        }
        try {
            return value.isTextual() ? Long.parseLong(value.asText()) : value.asLong();
        } catch (NumberFormatException e) {
            throw ApiError.INVALID_REQUEST.with("'" + member + "' must be a whole number, not " + value);
        }
    }

    static Long longQuery(ApiRequest request, String name) {
        String value = request.query(name);
        try {
            return value == null ? null : Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw ApiError.INVALID_REQUEST.with("Query parameter " + name + " must be a whole number, not '" + value
                    + "'.");
        }
    }
}
