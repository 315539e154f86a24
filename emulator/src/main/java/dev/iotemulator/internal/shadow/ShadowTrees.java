package dev.iotemulator.internal.shadow;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Iterator;
import java.util.Map;

/**
 * The tree rules of shadow documents (AWS IoT Developer Guide, "Device Shadow service documents"): merging a
 * request into a section, the metadata that mirrors it, and the delta between {@code desired} and {@code reported}.
 */
final class ShadowTrees {

    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    private ShadowTrees() {
    }

    /**
     * Merges {@code patch} into {@code target} and stamps {@code metadata}: objects merge recursively, {@code null}
     * removes a key, anything else (arrays included) replaces the value whole. Objects left empty are removed.
     */
    static void merge(ObjectNode target, ObjectNode metadata, ObjectNode patch, long timestamp) {
        for (Iterator<Map.Entry<String, JsonNode>> it = patch.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            String key = field.getKey();
            JsonNode value = field.getValue();
            if (value.isNull()) {
                target.remove(key);
                metadata.remove(key);
            } else if (value.isObject()) {
                JsonNode existing = target.get(key);
                ObjectNode child = existing instanceof ObjectNode o ? o : F.objectNode();
                JsonNode existingMeta = metadata.get(key);
                ObjectNode childMeta = existing instanceof ObjectNode && existingMeta instanceof ObjectNode m
                        ? m : F.objectNode();
                merge(child, childMeta, (ObjectNode) value, timestamp);
                if (child.isEmpty()) {
                    target.remove(key);
                    metadata.remove(key);
                } else {
                    target.set(key, child);
                    metadata.set(key, childMeta);
                }
            } else {
                target.set(key, value.deepCopy());
                metadata.set(key, stamp(value, timestamp));
            }
        }
    }

    /** The metadata of a value as sent: {@code {"timestamp": T}} at each leaf, arrays element by element. */
    static JsonNode stamp(JsonNode value, long timestamp) {
        if (value.isObject()) {
            ObjectNode meta = F.objectNode();
            value.fields().forEachRemaining(f -> meta.set(f.getKey(), stamp(f.getValue(), timestamp)));
            return meta;
        }
        if (value.isArray()) {
            ArrayNode meta = F.arrayNode();
            value.forEach(element -> meta.add(stamp(element, timestamp)));
            return meta;
        }
        return F.objectNode().put("timestamp", timestamp);
    }

    /**
     * Every field of {@code desired} whose value differs from {@code reported} (absent included), with its full
     * path; fields only in {@code reported} do not count; arrays compare whole.
     */
    static ObjectNode delta(ObjectNode desired, JsonNode reported) {
        ObjectNode delta = F.objectNode();
        if (desired == null) {
            return delta;
        }
        desired.fields().forEachRemaining(f -> {
            JsonNode other = reported == null ? null : reported.get(f.getKey());
            if (f.getValue().isObject() && other != null && other.isObject()) {
                ObjectNode nested = delta((ObjectNode) f.getValue(), other);
                if (!nested.isEmpty()) {
                    delta.set(f.getKey(), nested);
                }
            } else if (!f.getValue().equals(other)) {
                delta.set(f.getKey(), f.getValue().deepCopy());
            }
        });
        return delta;
    }

    /** The part of {@code metadata} whose paths are in {@code shape}. */
    static ObjectNode metadataFor(ObjectNode shape, JsonNode metadata) {
        ObjectNode out = F.objectNode();
        shape.fields().forEachRemaining(f -> {
            JsonNode meta = metadata == null ? null : metadata.get(f.getKey());
            if (meta == null) {
                return;
            }
            if (f.getValue().isObject() && meta.isObject()) {
                out.set(f.getKey(), metadataFor((ObjectNode) f.getValue(), meta));
            } else {
                out.set(f.getKey(), meta.deepCopy());
            }
        });
        return out;
    }

    /** Levels of nesting of a value: a scalar is 0, an object or array one more than its deepest member. */
    static int depth(JsonNode value) {
        int deepest = 0;
        if (value.isContainerNode()) {
            for (JsonNode child : value) {
                deepest = Math.max(deepest, depth(child));
            }
            return deepest + 1;
        }
        return 0;
    }

    /** Whether an array anywhere in the value holds a {@code null} (AWS does not allow it). */
    static boolean hasNullInArray(JsonNode value) {
        for (JsonNode child : value) {
            if ((value.isArray() && child.isNull()) || hasNullInArray(child)) {
                return true;
            }
        }
        return false;
    }
}
