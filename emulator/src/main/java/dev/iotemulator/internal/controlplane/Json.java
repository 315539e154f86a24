package dev.iotemulator.internal.controlplane;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.DecimalNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.iotemulator.internal.dataplane.HttpAnswer;
import dev.iotemulator.internal.dataplane.Paging;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/** Building and reading the JSON of REST-JSON operations the way AWS's SDKs expect it. */
public final class Json {

    private Json() {
    }

    public static ObjectNode object() {
        return HttpAnswer.JSON.createObjectNode();
    }

    /** A timestamp as restJson1 sends it in a body: epoch seconds, milliseconds as the fraction. */
    public static JsonNode timestamp(Instant instant) {
        return instant == null ? null : DecimalNode.valueOf(BigDecimal.valueOf(instant.toEpochMilli(), 3));
    }

    /** Puts a member only when the value is not null, as AWS leaves out members it has no value for. */
    public static ObjectNode put(ObjectNode object, String member, Object value) {
        if (value == null) {
            return object;
        }
        if (value instanceof JsonNode node) {
            object.set(member, node);
        } else if (value instanceof Instant instant) {
            object.set(member, timestamp(instant));
        } else if (value instanceof Boolean b) {
            object.put(member, b);
        } else if (value instanceof Long l) {
            object.put(member, l);
        } else if (value instanceof Integer i) {
            object.put(member, i);
        } else if (value instanceof Map<?, ?> map) {
            ObjectNode inner = object.putObject(member);
            map.forEach((k, v) -> inner.put(String.valueOf(k), String.valueOf(v)));
        } else if (value instanceof Collection<?> list) {
            ArrayNode array = object.putArray(member);
            list.forEach(v -> array.add(String.valueOf(v)));
        } else {
            object.put(member, value.toString());
        }
        return object;
    }

    /** A string-to-string map member, or an empty map when absent; other values are InvalidRequest. */
    public static Map<String, String> stringMap(JsonNode object, String member) {
        Map<String, String> map = new LinkedHashMap<>();
        JsonNode node = object == null ? null : object.get(member);
        if (node == null || node.isNull()) {
            return map;
        }
        if (!node.isObject()) {
            throw ApiError.INVALID_REQUEST.with("'" + member + "' must be a map of strings, not " + node);
        }
        node.fields().forEachRemaining(e -> {
            if (!e.getValue().isValueNode() || e.getValue().isNull()) {
                throw ApiError.INVALID_REQUEST.with("'" + member + "." + e.getKey() + "' must be a string, not "
                        + e.getValue());
            }
            map.put(e.getKey(), e.getValue().asText());
        });
        return map;
    }

    /** A list-of-strings member, or an empty list when absent. */
    public static List<String> strings(JsonNode object, String member) {
        JsonNode node = object == null ? null : object.get(member);
        if (node == null || node.isNull()) {
            return List.of();
        }
        if (!node.isArray()) {
            throw ApiError.INVALID_REQUEST.with("'" + member + "' must be a list of strings, not " + node);
        }
        java.util.ArrayList<String> values = new java.util.ArrayList<>();
        node.forEach(n -> values.add(n.asText()));
        return values;
    }

    /**
     * One page of a listing into {@code out}: the items as {@code member} and the token of the next page as
     * {@code tokenMember} when there is one. The page size and token come from the query parameters
     * {@code sizeParameter} and {@code tokenParameter}.
     */
    public static <T> ObjectNode page(ApiRequest request, ObjectNode out, String member, List<T> all,
            Function<T, JsonNode> item, String sizeParameter, String tokenParameter, String tokenMember, int dflt) {
        int size;
        List<T> page;
        String next;
        try {
            size = Paging.size(request.query(sizeParameter), dflt, 250, sizeParameter);
            String token = request.query(tokenParameter);
            page = Paging.page(all, token, size);
            next = Paging.next(all.size(), token, size);
        } catch (IllegalArgumentException e) {
            throw ApiError.INVALID_REQUEST.with(e.getMessage());
        }
        ArrayNode array = out.putArray(member);
        page.forEach(t -> array.add(item.apply(t)));
        put(out, tokenMember, next);
        return out;
    }

    /** {@link #page} with AWS's usual names: {@code maxResults}, {@code nextToken}. */
    public static <T> ObjectNode page(ApiRequest request, ObjectNode out, String member, List<T> all,
            Function<T, JsonNode> item) {
        return page(request, out, member, all, item, "maxResults", "nextToken", "nextToken", 250);
    }

    /** A JSON string node. */
    public static JsonNode text(String value) {
        return HttpAnswer.JSON.getNodeFactory().textNode(value);
    }
}
