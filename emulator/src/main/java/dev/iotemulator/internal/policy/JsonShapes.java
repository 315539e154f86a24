package dev.iotemulator.internal.policy;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/** Checks the shape of policy JSON nodes and raises {@link PolicyParseException}s that name the path. */
final class JsonShapes {

    private final String source;

    JsonShapes(String source) {
        this.source = source;
    }

    PolicyParseException fail(String path, String problem) {
        return new PolicyParseException(source, path, problem);
    }

    PolicyParseException unexpected(String path, String expected, JsonNode found) {
        return fail(path, "expected " + expected + " but found " + describe(found));
    }

    void requireObject(JsonNode node, String path, String expected) {
        if (node == null || !node.isObject()) {
            throw unexpected(path, expected, node);
        }
    }

    void rejectUnknownFields(JsonNode object, String path, Set<String> known) {
        for (Iterator<String> names = object.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!known.contains(name)) {
                throw fail(path + "." + name, "unknown element; expected one of " + String.join(", ", known)
                        + " (names are case-sensitive)");
            }
        }
    }

    List<String> stringOrStrings(JsonNode node, String path) {
        String expected = "a string or a non-empty list of strings";
        if (node != null && node.isTextual()) {
            return List.of(node.textValue());
        }
        if (node == null || !node.isArray() || node.isEmpty()) {
            throw unexpected(path, expected, node);
        }
        List<String> values = new ArrayList<>();
        for (int i = 0; i < node.size(); i++) {
            JsonNode item = node.get(i);
            if (!item.isTextual()) {
                throw unexpected(path + "[" + i + "]", "a string", item);
            }
            values.add(item.textValue());
        }
        return values;
    }

    List<String> scalarOrScalars(JsonNode node, String path) {
        if (node != null && node.isValueNode() && !node.isNull()) {
            return List.of(node.asText());
        }
        if (node == null || !node.isArray() || node.isEmpty()) {
            throw unexpected(path, "a string or a non-empty list of strings", node);
        }
        List<String> values = new ArrayList<>();
        for (int i = 0; i < node.size(); i++) {
            JsonNode item = node.get(i);
            if (!item.isValueNode() || item.isNull()) {
                throw unexpected(path + "[" + i + "]", "a string", item);
            }
            values.add(item.asText());
        }
        return values;
    }

    static String describe(JsonNode node) {
        if (node == null || node.isMissingNode()) {
            return "nothing (the element is missing)";
        }
        if (node.isObject()) {
            return "an object";
        }
        if (node.isArray()) {
            return node.isEmpty() ? "an empty list" : "a list";
        }
        if (node.isTextual()) {
            return "\"" + node.textValue() + "\"";
        }
        if (node.isNumber()) {
            return "the number " + node.asText();
        }
        return node.asText();
    }
}
