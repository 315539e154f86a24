package dev.iotemulator.internal.provisioning;

import static dev.iotemulator.internal.controlplane.Json.put;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.iotemulator.internal.controlplane.ApiError;
import dev.iotemulator.internal.controlplane.ApiRequest;
import dev.iotemulator.internal.controlplane.ControlPlane;
import dev.iotemulator.internal.controlplane.Json;
import dev.iotemulator.internal.controlplane.Service;
import dev.iotemulator.internal.policy.Arns;
import dev.iotemulator.internal.registry.Documents;
import dev.iotemulator.internal.store.CollectionNames;
import java.time.Clock;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * Provisioning templates and their control-plane operations (Create, Describe, List, Update, Delete). A template's
 * body is checked when it is created, so a mistake shows at once rather than at a device's RegisterThing. Template
 * versions other than the first are not emulated.
 */
public final class ProvisioningTemplates implements ControlPlane.Api {

    private static final Pattern NAME = Pattern.compile("^[0-9A-Za-z_-]+$");

    private final Map<String, ProvisioningTemplate> byName = new ConcurrentHashMap<>();
    private final Arns arns;
    private final Clock clock;
    private final Documents documents;

    public ProvisioningTemplates(Arns arns, Clock clock, Documents documents) {
        this.arns = arns;
        this.clock = clock;
        this.documents = documents;
        documents.all(CollectionNames.PROVISIONING_TEMPLATES, ProvisioningTemplate.class).values()
                .forEach(t -> byName.put(t.name(), t));
    }

    public Optional<ProvisioningTemplate> find(String name) {
        return Optional.ofNullable(byName.get(name));
    }

    @Override
    public void register(ControlPlane.Registrations ops) {
        ops.add(Service.IOT, "CreateProvisioningTemplate", "POST", "/provisioning-templates", this::create)
                .add(Service.IOT, "DescribeProvisioningTemplate", "GET", "/provisioning-templates/{templateName}",
                        this::describe)
                .add(Service.IOT, "ListProvisioningTemplates", "GET", "/provisioning-templates", this::list)
                .add(Service.IOT, "UpdateProvisioningTemplate", "PATCH", "/provisioning-templates/{templateName}",
                        this::update)
                .add(Service.IOT, "DeleteProvisioningTemplate", "DELETE", "/provisioning-templates/{templateName}",
                        this::delete);
    }

    private ObjectNode create(ApiRequest request) {
        ObjectNode body = request.body();
        String name = ApiRequest.valid(ApiRequest.text(body, "templateName"), "templateName", NAME, 36);
        String templateBody = ApiRequest.required(ApiRequest.text(body, "templateBody"), "templateBody");
        String role = ApiRequest.required(ApiRequest.text(body, "provisioningRoleArn"), "provisioningRoleArn");
        String type = Optional.ofNullable(ApiRequest.text(body, "type")).orElse("FLEET_PROVISIONING");
        if (!type.equals("FLEET_PROVISIONING") && !type.equals("JITP")) {
            throw ApiError.INVALID_REQUEST.with("type must be FLEET_PROVISIONING or JITP, not " + type);
        }
        TemplateEngine.check(templateBody);
        JsonNode hook = body.path("preProvisioningHook");
        Instant now = clock.instant();
        ProvisioningTemplate template = new ProvisioningTemplate(name, ApiRequest.text(body, "description"),
                templateBody, body.path("enabled").asBoolean(false), role, type,
                ApiRequest.text(hook, "targetArn"), ApiRequest.text(hook, "payloadVersion"), now, now);
        synchronized (this) {
            if (byName.containsKey(name)) {
                throw ApiError.RESOURCE_ALREADY_EXISTS.with("A provisioning template named " + name
                        + " already exists.");
            }
            save(template);
        }
        return Json.object().put("templateArn", arns.provisioningTemplate(name)).put("templateName", name)
                .put("defaultVersionId", 1);
    }

    private ObjectNode describe(ApiRequest request) {
        ProvisioningTemplate t = require(request.label("templateName"));
        ObjectNode out = Json.object().put("templateArn", arns.provisioningTemplate(t.name()))
                .put("templateName", t.name());
        put(out, "description", t.description());
        put(out, "creationDate", t.creationDate());
        put(out, "lastModifiedDate", t.lastModifiedDate());
        out.put("defaultVersionId", 1).put("templateBody", t.body()).put("enabled", t.enabled())
                .put("provisioningRoleArn", t.provisioningRoleArn());
        if (t.hookTargetArn() != null) {
            ObjectNode hook = out.putObject("preProvisioningHook").put("targetArn", t.hookTargetArn());
            put(hook, "payloadVersion", t.hookPayloadVersion());
        }
        return out.put("type", t.type());
    }

    private ObjectNode list(ApiRequest request) {
        List<ProvisioningTemplate> all = byName.values().stream()
                .sorted(Comparator.comparing(ProvisioningTemplate::name)).toList();
        return Json.page(request, Json.object(), "templates", all, t -> {
            ObjectNode item = Json.object().put("templateArn", arns.provisioningTemplate(t.name()))
                    .put("templateName", t.name());
            put(item, "description", t.description());
            put(item, "creationDate", t.creationDate());
            put(item, "lastModifiedDate", t.lastModifiedDate());
            return item.put("enabled", t.enabled()).put("type", t.type());
        });
    }

    private ObjectNode update(ApiRequest request) {
        ObjectNode body = request.body();
        JsonNode hook = body.path("preProvisioningHook");
        synchronized (this) {
            ProvisioningTemplate t = require(request.label("templateName"));
            save(t.updated(ApiRequest.text(body, "description"), body.has("enabled")
                    ? body.get("enabled").asBoolean() : null, ApiRequest.text(body, "provisioningRoleArn"),
                    ApiRequest.text(hook, "targetArn"), ApiRequest.text(hook, "payloadVersion"),
                    body.path("removePreProvisioningHook").asBoolean(false), clock.instant()));
        }
        return null;
    }

    private ObjectNode delete(ApiRequest request) {
        String name = require(request.label("templateName")).name();
        byName.remove(name);
        documents.delete(CollectionNames.PROVISIONING_TEMPLATES, name);
        return null;
    }

    private ProvisioningTemplate require(String name) {
        return find(name).orElseThrow(() -> ApiError.RESOURCE_NOT_FOUND.with("The provisioning template " + name
                + " does not exist."));
    }

    private void save(ProvisioningTemplate template) {
        byName.put(template.name(), template);
        documents.put(CollectionNames.PROVISIONING_TEMPLATES, template.name(), template);
    }
}
