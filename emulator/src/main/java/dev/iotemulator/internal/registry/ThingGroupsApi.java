package dev.iotemulator.internal.registry;

import static dev.iotemulator.internal.controlplane.Json.put;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.iotemulator.internal.controlplane.ApiError;
import dev.iotemulator.internal.controlplane.ApiRequest;
import dev.iotemulator.internal.controlplane.ControlPlane;
import dev.iotemulator.internal.controlplane.Json;
import dev.iotemulator.internal.controlplane.Service;
import java.util.List;

/** The static thing group operations of AWS IoT's control plane. */
public final class ThingGroupsApi implements ControlPlane.Api {

    private final Registry registry;

    public ThingGroupsApi(Registry registry) {
        this.registry = registry;
    }

    @Override
    public void register(ControlPlane.Registrations ops) {
        ops.add(Service.IOT, "CreateThingGroup", "POST", "/thing-groups/{thingGroupName}", this::create)
                .add(Service.IOT, "DescribeThingGroup", "GET", "/thing-groups/{thingGroupName}", this::describe)
                .add(Service.IOT, "ListThingGroups", "GET", "/thing-groups", this::list)
                .add(Service.IOT, "DeleteThingGroup", "DELETE", "/thing-groups/{thingGroupName}", this::delete)
                .add(Service.IOT, "AddThingToThingGroup", "PUT", "/thing-groups/addThingToThingGroup", this::add)
                .add(Service.IOT, "RemoveThingFromThingGroup", "PUT", "/thing-groups/removeThingFromThingGroup",
                        this::remove)
                .add(Service.IOT, "ListThingsInThingGroup", "GET", "/thing-groups/{thingGroupName}/things",
                        this::things)
                .add(Service.IOT, "ListThingGroupsForThing", "GET", "/things/{thingName}/thing-groups",
                        this::groupsOfThing);
    }

    private ObjectNode create(ApiRequest request) {
        ObjectNode body = request.body();
        JsonNode properties = body.path("thingGroupProperties");
        ThingGroup group = registry.thingGroups().create(request.label("thingGroupName"),
                ApiRequest.text(body, "parentGroupName"), ApiRequest.text(properties, "thingGroupDescription"),
                Json.stringMap(properties.get("attributePayload"), "attributes"));
        return Json.object().put("thingGroupName", group.name())
                .put("thingGroupArn", registry.arns().thingGroup(group.name())).put("thingGroupId", group.id());
    }

    private ObjectNode describe(ApiRequest request) {
        ThingGroup group = registry.thingGroups().require(request.label("thingGroupName"));
        ObjectNode out = Json.object().put("thingGroupName", group.name()).put("thingGroupId", group.id())
                .put("thingGroupArn", registry.arns().thingGroup(group.name())).put("version", group.version());
        ObjectNode properties = out.putObject("thingGroupProperties");
        put(properties, "thingGroupDescription", group.description());
        put(properties.putObject("attributePayload"), "attributes", group.attributes());
        ObjectNode metadata = out.putObject("thingGroupMetadata");
        put(metadata, "parentGroupName", group.parent());
        if (group.parent() != null) {
            ArrayNode chain = metadata.putArray("rootToParentThingGroups");
            List<String> ancestors = new java.util.ArrayList<>(registry.thingGroups().ancestors(group.name()));
            java.util.Collections.reverse(ancestors);
            ancestors.forEach(a -> chain.add(ref(a)));
        }
        put(metadata, "creationDate", group.creationDate());
        return out;
    }

    private ObjectNode list(ApiRequest request) {
        return Json.page(request, Json.object(), "thingGroups", registry.thingGroups().list(
                request.query("parentGroup"), request.query("namePrefixFilter"),
                request.queryFlag("recursive", false)), g -> ref(g.name()));
    }

    private ObjectNode delete(ApiRequest request) {
        registry.thingGroups().delete(request.label("thingGroupName"));
        return null;
    }

    private ObjectNode add(ApiRequest request) {
        ObjectNode body = request.body();
        registry.thingGroups().addThing(groupName(body), thingName(body));
        return null;
    }

    private ObjectNode remove(ApiRequest request) {
        ObjectNode body = request.body();
        registry.thingGroups().removeThing(groupName(body), thingName(body));
        return null;
    }

    private ObjectNode things(ApiRequest request) {
        return Json.page(request, Json.object(), "things", registry.thingGroups().thingsIn(
                request.label("thingGroupName"), request.queryFlag("recursive", false)), Json::text);
    }

    private ObjectNode groupsOfThing(ApiRequest request) {
        String thing = registry.things().require(request.label("thingName")).name();
        return Json.page(request, Json.object(), "thingGroups", registry.thingGroups().groupsOf(thing), this::ref);
    }

    private ObjectNode ref(String group) {
        return Json.object().put("groupName", group).put("groupArn", registry.arns().thingGroup(group));
    }

    /** The group named by {@code thingGroupName} or {@code thingGroupArn}. */
    private String groupName(ObjectNode body) {
        return named(body, "thingGroupName", "thingGroupArn", registry.arns().prefix() + "thinggroup/");
    }

    private String thingName(ObjectNode body) {
        return named(body, "thingName", "thingArn", registry.arns().prefix() + "thing/");
    }

    private static String named(ObjectNode body, String nameMember, String arnMember, String arnPrefix) {
        String name = ApiRequest.text(body, nameMember);
        String arn = ApiRequest.text(body, arnMember);
        if (name != null) {
            return name;
        }
        if (arn != null && arn.startsWith(arnPrefix)) {
            return arn.substring(arnPrefix.length());
        }
        throw ApiError.INVALID_REQUEST.with("Give " + nameMember + " or " + arnMember + (arn == null ? "."
                : "; '" + arn + "' is not an ARN of this account and region (" + arnPrefix + "...)."));
    }
}
