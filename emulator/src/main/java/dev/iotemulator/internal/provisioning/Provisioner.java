package dev.iotemulator.internal.provisioning;

import com.fasterxml.jackson.databind.JsonNode;
import dev.iotemulator.internal.controlplane.ApiException;
import dev.iotemulator.internal.controlplane.Json;
import dev.iotemulator.internal.registry.Certificate;
import dev.iotemulator.internal.registry.Registry;
import dev.iotemulator.internal.registry.Thing;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * RegisterThing: a fleet provisioning template applied to the registry for one certificate (developer guide
 * "Provisioning devices that don't have device certificates using fleet provisioning"): the thing is created (or, when
 * it exists, changed as its {@code OverrideSettings} say), put in its groups, the certificate attached to it and given
 * its status (ACTIVE by default), and the template's policies attached to the certificate.
 */
final class Provisioner {

    /** What RegisterThing answers. */
    record Provisioned(String thingName, Map<String, String> deviceConfiguration) {
    }

    private final Registry registry;

    Provisioner(Registry registry) {
        this.registry = registry;
    }

    Provisioned provision(ProvisioningTemplate template, String certificateId, Map<String, String> given) {
        Map<String, String> parameters = new LinkedHashMap<>(given);
        parameters.put("AWS::IoT::Certificate::Id", certificateId);
        TemplateEngine.Resolved resolved = TemplateEngine.resolve(template.body(), parameters);
        String thingName = null;
        Certificate.Status status = Certificate.Status.ACTIVE;
        List<String> policies = new ArrayList<>();
        List<String> groups = new ArrayList<>();
        JsonNode thing = null;
        JsonNode thingOverrides = null;
        for (Map.Entry<String, TemplateEngine.Resource> e : resolved.resources().entrySet()) {
            TemplateEngine.Resource r = e.getValue();
            JsonNode p = r.properties();
            switch (r.type()) {
                case "AWS::IoT::Thing" -> {
                    thing = p;
                    thingOverrides = r.overrideSettings();
                    thingName = text(p, "ThingName", e.getKey());
                    Json.strings(p, "ThingGroups").forEach(groups::add);
                }
                case "AWS::IoT::Certificate" -> {
                    String id = text(p, "CertificateId", e.getKey());
                    if (!id.equals(certificateId)) {
                        throw new TemplateEngine.TemplateException("Resources." + e.getKey() + ".CertificateId is "
                                + id + ", not the certificate of the ownership token (" + certificateId + "); use "
                                + "{\"Ref\": \"AWS::IoT::Certificate::Id\"}");
                    }
                    status = p.hasNonNull("Status") ? Certificate.Status.valueOf(p.get("Status").asText())
                            : Certificate.Status.ACTIVE;
                }
                case "AWS::IoT::Policy" -> policies.add(policy(p, e.getKey()));
                default -> throw new TemplateEngine.TemplateException("unknown resource type " + r.type());
            }
        }
        try {
            if (thing != null) {
                thing(thingName, thing, thingOverrides);
                for (String group : groups) {
                    registry.thingGroups().addThing(group, thingName);
                }
                registry.attachments().attachThingPrincipal(thingName, registry.arns().certificate(certificateId));
            }
            for (String policy : policies) {
                registry.attachments().attachPolicy(policy, registry.arns().certificate(certificateId));
            }
            registry.certificates().activate(certificateId, status);
        } catch (ApiException e) {
            throw new TemplateEngine.TemplateException(e.getMessage());
        }
        return new Provisioned(thingName, resolved.deviceConfiguration());
    }

    private void thing(String name, JsonNode p, JsonNode overrides) {
        String type = p.hasNonNull("ThingTypeName") ? p.get("ThingTypeName").asText() : null;
        Map<String, String> attributes = Json.stringMap(p, "AttributePayload");
        Thing existing = registry.things().find(name).orElse(null);
        if (existing == null) {
            registry.things().create(name, type, attributes);
            return;
        }
        String attributeRule = overrides.path("AttributePayload").asText("DO_NOTHING");
        String typeRule = overrides.path("ThingTypeName").asText("DO_NOTHING");
        if (attributeRule.equals("FAIL") || typeRule.equals("FAIL")) {
            throw new TemplateEngine.TemplateException("Thing " + name + " already exists and the template's "
                    + "OverrideSettings say FAIL");
        }
        boolean replaceAttributes = attributeRule.equals("REPLACE") || attributeRule.equals("MERGE");
        boolean replaceType = typeRule.equals("REPLACE") && type != null;
        if (replaceAttributes || replaceType) {
            registry.things().update(name, replaceType ? type : null, false, replaceAttributes ? attributes : null,
                    attributeRule.equals("MERGE"), null);
        }
    }

    private String policy(JsonNode p, String logicalName) {
        if (p.hasNonNull("PolicyDocument")) {
            JsonNode document = p.get("PolicyDocument");
            String json = document.isTextual() ? document.asText() : document.toString();
            String name = p.hasNonNull("PolicyName") ? p.get("PolicyName").asText() : hash(json);
            if (registry.policies().find(name).isEmpty()) {
                registry.policies().create(name, json, "provisioning template");
            }
            return name;
        }
        String name = text(p, "PolicyName", logicalName);
        registry.policies().require(name);
        return name;
    }

    private static String text(JsonNode p, String member, String logicalName) {
        JsonNode value = p.get(member);
        if (value == null || value.isNull() || value.asText().isEmpty()) {
            throw new TemplateEngine.TemplateException("Resources." + logicalName + ".Properties." + member
                    + " is missing");
        }
        return value.asText();
    }

    private static String hash(String document) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(document.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
