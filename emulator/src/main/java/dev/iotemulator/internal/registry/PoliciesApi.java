package dev.iotemulator.internal.registry;

import static dev.iotemulator.internal.controlplane.Json.put;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.iotemulator.internal.controlplane.ApiRequest;
import dev.iotemulator.internal.controlplane.ControlPlane;
import dev.iotemulator.internal.controlplane.Json;
import dev.iotemulator.internal.controlplane.Service;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** The policy operations of AWS IoT's control plane: policies, their versions, and attaching them to targets. */
public final class PoliciesApi implements ControlPlane.Api {

    private final Registry registry;

    public PoliciesApi(Registry registry) {
        this.registry = registry;
    }

    @Override
    public void register(ControlPlane.Registrations ops) {
        ops.add(Service.IOT, "CreatePolicy", "POST", "/policies/{policyName}", this::create)
                .add(Service.IOT, "GetPolicy", "GET", "/policies/{policyName}", this::get)
                .add(Service.IOT, "ListPolicies", "GET", "/policies", this::list)
                .add(Service.IOT, "DeletePolicy", "DELETE", "/policies/{policyName}", this::delete)
                .add(Service.IOT, "CreatePolicyVersion", "POST", "/policies/{policyName}/version",
                        this::createVersion)
                .add(Service.IOT, "GetPolicyVersion", "GET", "/policies/{policyName}/version/{policyVersionId}",
                        this::getVersion)
                .add(Service.IOT, "ListPolicyVersions", "GET", "/policies/{policyName}/version", this::versions)
                .add(Service.IOT, "SetDefaultPolicyVersion", "PATCH",
                        "/policies/{policyName}/version/{policyVersionId}", this::setDefault)
                .add(Service.IOT, "DeletePolicyVersion", "DELETE",
                        "/policies/{policyName}/version/{policyVersionId}", this::deleteVersion)
                .add(Service.IOT, "AttachPolicy", "PUT", "/target-policies/{policyName}", this::attach)
                .add(Service.IOT, "DetachPolicy", "POST", "/target-policies/{policyName}", this::detach)
                .add(Service.IOT, "ListAttachedPolicies", "POST", "/attached-policies/{target}", this::attached)
                .add(Service.IOT, "ListTargetsForPolicy", "POST", "/policy-targets/{policyName}", this::targets)
                .add(Service.IOT, "ListPrincipalPolicies", "GET", "/principal-policies", this::principalPolicies);
    }

    private ObjectNode create(ApiRequest request) {
        Policy policy = registry.policies().create(request.label("policyName"),
                ApiRequest.required(ApiRequest.text(request.body(), "policyDocument"), "policyDocument"), "api");
        return Json.object().put("policyName", policy.name()).put("policyArn", registry.arns().policy(policy.name()))
                .put("policyDocument", policy.defaultVersion().document()).put("policyVersionId", "1");
    }

    private ObjectNode get(ApiRequest request) {
        Policy policy = registry.policies().require(request.label("policyName"));
        ObjectNode out = Json.object().put("policyName", policy.name())
                .put("policyArn", registry.arns().policy(policy.name()))
                .put("policyDocument", policy.defaultVersion().document())
                .put("defaultVersionId", policy.defaultVersionId());
        put(out, "creationDate", policy.creationDate());
        put(out, "lastModifiedDate", policy.lastModifiedDate());
        return out.put("generationId", policy.generationId());
    }

    private ObjectNode list(ApiRequest request) {
        List<Policy> all = new java.util.ArrayList<>(registry.policies().list());
        if (!request.queryFlag("isAscendingOrder", true)) {
            java.util.Collections.reverse(all);
        }
        return Json.page(request, Json.object(), "policies", all, p -> ref(p.name()), "pageSize", "marker",
                "nextMarker", 250);
    }

    private ObjectNode delete(ApiRequest request) {
        registry.policies().delete(request.label("policyName"));
        return null;
    }

    private ObjectNode createVersion(ApiRequest request) {
        String name = request.label("policyName");
        Policy.Version version = registry.policies().createVersion(name,
                ApiRequest.required(ApiRequest.text(request.body(), "policyDocument"), "policyDocument"),
                request.queryFlag("setAsDefault", false));
        return Json.object().put("policyArn", registry.arns().policy(name))
                .put("policyDocument", version.document()).put("policyVersionId", version.versionId())
                .put("isDefaultVersion", registry.policies().require(name).defaultVersionId()
                        .equals(version.versionId()));
    }

    private ObjectNode getVersion(ApiRequest request) {
        Policy policy = registry.policies().require(request.label("policyName"));
        String id = request.label("policyVersionId");
        Policy.Version version = policy.version(id).orElseThrow(() -> dev.iotemulator.internal.controlplane.ApiError
                .RESOURCE_NOT_FOUND.with("Policy version not found (name=" + policy.name() + ", versionId=" + id
                        + ")"));
        ObjectNode out = Json.object().put("policyArn", registry.arns().policy(policy.name()))
                .put("policyName", policy.name()).put("policyDocument", version.document())
                .put("policyVersionId", id).put("isDefaultVersion", id.equals(policy.defaultVersionId()));
        put(out, "creationDate", version.createDate());
        put(out, "lastModifiedDate", policy.lastModifiedDate());
        return out.put("generationId", policy.generationId());
    }

    private ObjectNode versions(ApiRequest request) {
        Policy policy = registry.policies().require(request.label("policyName"));
        ObjectNode out = Json.object();
        var list = out.putArray("policyVersions");
        List<Policy.Version> newestFirst = new java.util.ArrayList<>(policy.versions());
        java.util.Collections.reverse(newestFirst);
        for (Policy.Version v : newestFirst) {
            ObjectNode item = list.addObject().put("versionId", v.versionId())
                    .put("isDefaultVersion", v.versionId().equals(policy.defaultVersionId()));
            put(item, "createDate", v.createDate());
        }
        return out;
    }

    private ObjectNode setDefault(ApiRequest request) {
        registry.policies().setDefault(request.label("policyName"), request.label("policyVersionId"));
        return null;
    }

    private ObjectNode deleteVersion(ApiRequest request) {
        registry.policies().deleteVersion(request.label("policyName"), request.label("policyVersionId"));
        return null;
    }

    private ObjectNode attach(ApiRequest request) {
        registry.attachments().attachPolicy(request.label("policyName"), target(request));
        return null;
    }

    private ObjectNode detach(ApiRequest request) {
        registry.attachments().detachPolicy(request.label("policyName"), target(request));
        return null;
    }

    private ObjectNode attached(ApiRequest request) {
        String target = request.label("target");
        Set<String> names = new LinkedHashSet<>(registry.attachments().policiesOf(target));
        String groupPrefix = registry.arns().prefix() + "thinggroup/";
        if (request.queryFlag("recursive", false) && target.startsWith(groupPrefix)) {
            for (String parent : registry.thingGroups().ancestors(target.substring(groupPrefix.length()))) {
                names.addAll(registry.attachments().policiesOf(registry.arns().thingGroup(parent)));
            }
        }
        return Json.page(request, Json.object(), "policies", List.copyOf(names), this::ref, "pageSize", "marker",
                "nextMarker", 250);
    }

    private ObjectNode targets(ApiRequest request) {
        String name = registry.policies().require(request.label("policyName")).name();
        return Json.page(request, Json.object(), "targets", registry.attachments().targetsOf(name), Json::text,
                "pageSize", "marker", "nextMarker", 250);
    }

    private ObjectNode principalPolicies(ApiRequest request) {
        String principal = ApiRequest.required(request.header("x-amzn-iot-principal"), "principal");
        return Json.page(request, Json.object(), "policies", registry.attachments().policiesOf(principal), this::ref,
                "pageSize", "marker", "nextMarker", 250);
    }

    private ObjectNode ref(String name) {
        return Json.object().put("policyName", name).put("policyArn", registry.arns().policy(name));
    }

    private static String target(ApiRequest request) {
        return ApiRequest.required(ApiRequest.text(request.body(), "target"), "target");
    }
}
