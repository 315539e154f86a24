package dev.iotemulator.internal.provisioning;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.iotemulator.internal.controlplane.ApiError;
import dev.iotemulator.internal.controlplane.Json;
import dev.iotemulator.internal.dataplane.HttpAnswer;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * AWS IoT's provisioning template language (developer guide "Provisioning templates"): {@code Parameters} with
 * defaults, {@code Mappings}, {@code Conditions}, {@code Resources} of type {@code AWS::IoT::Thing},
 * {@code AWS::IoT::Certificate} and {@code AWS::IoT::Policy}, and {@code DeviceConfiguration}; the intrinsic functions
 * {@code Ref}, {@code Fn::Join}, {@code Fn::Select}, {@code Fn::Split}, {@code Fn::Sub}, {@code Fn::FindInMap} and,
 * where a template uses conditions, {@code Fn::If}, {@code Fn::Equals}, {@code Fn::Not}, {@code Fn::And},
 * {@code Fn::Or}. Evaluation resolves every value to plain JSON; it changes nothing.
 */
final class TemplateEngine {

    static final Set<String> TYPES = Set.of("AWS::IoT::Thing", "AWS::IoT::Certificate", "AWS::IoT::Policy");
    private static final Pattern SUB = Pattern.compile("\\$\\{([^}]+)}");

    /** A template problem, for the rejected payload (or the control plane's InvalidRequest). */
    static final class TemplateException extends RuntimeException {
        TemplateException(String message) {
            super(message, null, false, false);
        }
    }

    /**
     * A resolved template: every resource with its properties evaluated, and the device configuration.
     *
     * @param resources by logical name: type and resolved properties (resources whose condition is false left out)
     */
    record Resolved(Map<String, Resource> resources, Map<String, String> deviceConfiguration) {
    }

    /** One resolved resource. */
    record Resource(String type, JsonNode properties, JsonNode overrideSettings) {
    }

    private final ObjectNode template;
    private final Map<String, String> parameters;

    private TemplateEngine(ObjectNode template, Map<String, String> parameters) {
        this.template = template;
        this.parameters = parameters;
    }

    /** Checks a template body when it is created: JSON, resources of known types. */
    static void check(String body) {
        try {
            ObjectNode template = parse(body);
            for (Iterator<Map.Entry<String, JsonNode>> it = template.path("Resources").fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> r = it.next();
                String type = r.getValue().path("Type").asText();
                if (!TYPES.contains(type)) {
                    throw new TemplateException("Resources." + r.getKey() + ".Type is '" + type + "'; a provisioning "
                            + "template's resources are of type " + TYPES);
                }
            }
        } catch (TemplateException e) {
            throw ApiError.INVALID_REQUEST.with("The template body is not valid: " + e.getMessage());
        }
    }

    /** Resolves a template with the request's parameters (and the defaults of its {@code Parameters}). */
    static Resolved resolve(String body, Map<String, String> given) {
        ObjectNode template = parse(body);
        Map<String, String> parameters = new LinkedHashMap<>();
        template.path("Parameters").fields().forEachRemaining(p -> {
            if (p.getValue().hasNonNull("Default")) {
                parameters.put(p.getKey(), p.getValue().get("Default").asText());
            }
        });
        parameters.putAll(given);
        TemplateEngine engine = new TemplateEngine(template, parameters);
        Map<String, Resource> resources = new LinkedHashMap<>();
        template.path("Resources").fields().forEachRemaining(r -> {
            JsonNode resource = r.getValue();
            if (resource.hasNonNull("Condition") && !engine.condition(resource.get("Condition").asText())) {
                return;
            }
            resources.put(r.getKey(), new Resource(resource.path("Type").asText(),
                    engine.value(resource.path("Properties")), resource.path("OverrideSettings")));
        });
        Map<String, String> configuration = new LinkedHashMap<>();
        engine.value(template.path("DeviceConfiguration")).fields().forEachRemaining(e -> configuration.put(
                e.getKey(), e.getValue().isValueNode() ? e.getValue().asText() : e.getValue().toString()));
        return new Resolved(resources, configuration);
    }

    private static ObjectNode parse(String body) {
        try {
            JsonNode json = HttpAnswer.JSON.readTree(body);
            if (json instanceof ObjectNode object && object.path("Resources").isObject()) {
                return object;
            }
            throw new TemplateException("a template is a JSON object with a Resources object");
        } catch (IOException e) {
            throw new TemplateException("the template body is not JSON: " + e.getMessage());
        }
    }

    /** A node with every intrinsic function evaluated. */
    private JsonNode value(JsonNode node) {
        if (node.isObject() && node.size() == 1) {
            String key = node.fieldNames().next();
            JsonNode arg = node.get(key);
            switch (key) {
                case "Ref" -> {
                    return Json.text(ref(arg.asText()));
                }
                case "Fn::Join" -> {
                    List<String> parts = new ArrayList<>();
                    value(arg.get(1)).forEach(v -> parts.add(v.asText()));
                    return Json.text(String.join(value(arg.get(0)).asText(), parts));
                }
                case "Fn::Select" -> {
                    int index = value(arg.get(0)).asInt();
                    JsonNode list = value(arg.get(1));
                    if (!list.isArray() || index < 0 || index >= list.size() || list.get(index).isNull()) {
                        throw new TemplateException("Fn::Select index " + index + " is outside " + list);
                    }
                    return list.get(index);
                }
                case "Fn::Split" -> {
                    ArrayNode out = HttpAnswer.JSON.createArrayNode();
                    for (String part : value(arg.get(1)).asText().split(Pattern.quote(value(arg.get(0)).asText()),
                            -1)) {
                        out.add(part);
                    }
                    return out;
                }
                case "Fn::Sub" -> {
                    Matcher m = SUB.matcher(value(arg).asText());
                    StringBuilder out = new StringBuilder();
                    while (m.find()) {
                        m.appendReplacement(out, Matcher.quoteReplacement(ref(m.group(1))));
                    }
                    return Json.text(m.appendTail(out).toString());
                }
                case "Fn::FindInMap" -> {
                    JsonNode found = template.path("Mappings").path(value(arg.get(0)).asText())
                            .path(value(arg.get(1)).asText()).path(value(arg.get(2)).asText());
                    if (found.isMissingNode()) {
                        throw new TemplateException("Fn::FindInMap " + arg + " finds nothing in Mappings");
                    }
                    return found;
                }
                case "Fn::If" -> {
                    return value(condition(arg.get(0).asText()) ? arg.get(1) : arg.get(2));
                }
                default -> {
                    // an ordinary one-member object: evaluated member by member below
                }
            }
        }
        if (node.isObject()) {
            ObjectNode out = HttpAnswer.JSON.createObjectNode();
            node.fields().forEachRemaining(e -> out.set(e.getKey(), value(e.getValue())));
            return out;
        }
        if (node.isArray()) {
            ArrayNode out = HttpAnswer.JSON.createArrayNode();
            node.forEach(v -> out.add(value(v)));
            return out;
        }
        return node;
    }

    private String ref(String name) {
        String value = parameters.get(name);
        if (value == null) {
            throw new TemplateException("the template refers to the parameter " + name + ", which the request does "
                    + "not give and which has no Default");
        }
        return value;
    }

    private boolean condition(String name) {
        JsonNode condition = template.path("Conditions").get(name);
        if (condition == null) {
            throw new TemplateException("no condition named " + name + " in Conditions");
        }
        return truth(condition);
    }

    private boolean truth(JsonNode node) {
        String fn = node.isObject() && node.size() == 1 ? node.fieldNames().next() : "";
        JsonNode arg = node.path(fn);
        return switch (fn) {
            case "Fn::Equals" -> value(arg.get(0)).asText().equals(value(arg.get(1)).asText());
            case "Fn::Not" -> !truth(arg.get(0));
            case "Fn::And" -> {
                boolean all = true;
                for (JsonNode c : arg) {
                    all &= truth(c);
                }
                yield all;
            }
            case "Fn::Or" -> {
                boolean any = false;
                for (JsonNode c : arg) {
                    any |= truth(c);
                }
                yield any;
            }
            case "Condition" -> condition(arg.asText());
            default -> throw new TemplateException("a condition is Fn::Equals, Fn::Not, Fn::And, Fn::Or or "
                    + "Condition, not " + node);
        };
    }
}
