package dev.iotemulator.internal.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.iotemulator.internal.controlplane.ApiError;
import dev.iotemulator.internal.controlplane.ApiRequest;
import dev.iotemulator.internal.controlplane.ControlPlane;
import dev.iotemulator.internal.controlplane.Json;
import dev.iotemulator.internal.controlplane.Service;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * TagResource, UntagResource and ListTagsForResource. Thing groups, thing types and policies must exist; things and
 * certificates cannot be tagged (AWS tags neither); other resource types of this account and region (jobs, topic
 * rules, provisioning templates, ...) are tagged without an existence check.
 */
public final class TagsApi implements ControlPlane.Api {

    private final Registry registry;

    public TagsApi(Registry registry) {
        this.registry = registry;
    }

    @Override
    public void register(ControlPlane.Registrations ops) {
        ops.add(Service.IOT, "TagResource", "POST", "/tags", this::tag)
                .add(Service.IOT, "UntagResource", "POST", "/untag", this::untag)
                .add(Service.IOT, "ListTagsForResource", "GET", "/tags", this::list);
    }

    /**
     * The {@code tags} member of a request ({@code [{"Key": ..., "Value": ...}]}), checked as AWS checks them, so a
     * Create operation refuses bad tags before it creates anything; empty when absent.
     */
    public static Map<String, String> parse(JsonNode tags) {
        Map<String, String> out = new LinkedHashMap<>();
        if (tags == null || tags.isMissingNode() || tags.isNull()) {
            return out;
        }
        if (!tags.isArray()) {
            throw ApiError.INVALID_REQUEST.with("tags must be a list of {\"Key\": ..., \"Value\": ...}.");
        }
        for (JsonNode tag : tags) {
            String key = ApiRequest.required(ApiRequest.text(tag, "Key"), "Key");
            String value = ApiRequest.text(tag, "Value");
            Tags.check(key, value);
            out.put(key, value);
        }
        if (out.size() > Tags.MAX_TAGS) {
            throw ApiError.INVALID_REQUEST.with("A resource has at most " + Tags.MAX_TAGS + " tags, not "
                    + out.size() + ".");
        }
        return out;
    }

    private ObjectNode tag(ApiRequest request) {
        ObjectNode body = request.body();
        String arn = resource(ApiRequest.text(body, "resourceArn"));
        JsonNode tags = body.path("tags");
        if (!tags.isArray() || tags.isEmpty()) {
            throw ApiError.INVALID_REQUEST.with("tags must list at least one {\"Key\": ..., \"Value\": ...}.");
        }
        registry.tags().tag(arn, parse(tags));
        return null;
    }

    private ObjectNode untag(ApiRequest request) {
        ObjectNode body = request.body();
        String arn = resource(ApiRequest.text(body, "resourceArn"));
        registry.tags().untag(arn, Json.strings(body, "tagKeys"));
        return null;
    }

    private ObjectNode list(ApiRequest request) {
        String arn = resource(request.query("resourceArn"));
        ObjectNode out = Json.object();
        ArrayNode tags = out.putArray("tags");
        registry.tags().of(arn).forEach((k, v) -> {
            ObjectNode tag = tags.addObject().put("Key", k);
            Json.put(tag, "Value", v);
        });
        return out;
    }

    /** The resource's ARN, once it names a resource that can be tagged. */
    private String resource(String arn) {
        ApiRequest.required(arn, "resourceArn");
        String prefix = registry.arns().prefix();
        if (!arn.startsWith(prefix) || arn.indexOf('/') < 0) {
            throw ApiError.INVALID_REQUEST.with("resourceArn " + arn + " is not an AWS IoT resource of this "
                    + "emulator's account and region (" + prefix + "<type>/<name>).");
        }
        String type = arn.substring(prefix.length(), arn.indexOf('/'));
        String name = arn.substring(arn.indexOf('/') + 1);
        switch (type) {
            case "thinggroup" -> registry.thingGroups().require(name);
            case "thingtype" -> registry.thingTypes().require(name);
            case "policy" -> registry.policies().require(name);
            case "thing", "cert" -> throw ApiError.INVALID_REQUEST.with("AWS IoT cannot tag " + type + "s (" + arn
                    + "); tag their thing groups or thing types, or use thing attributes.");
            default -> {
                // Resources the registry does not keep: tagged as asked.
            }
        }
        return arn;
    }
}
