package dev.iotemulator.internal.controlplane;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.iotemulator.internal.dataplane.HttpAnswer;
import dev.iotemulator.internal.dataplane.HttpCall;
import java.io.IOException;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * One authenticated control-plane request as a handler reads it: path labels (decoded), query parameters, headers
 * and the JSON body, with checks that answer AWS's validation errors.
 *
 * @param principal the access key id that signed the request
 */
public record ApiRequest(Operation operation, Map<String, String> labels, HttpCall call, String principal) {

    /** A decoded path label; the model makes every label required, so it is never null. */
    public String label(String name) {
        return HttpCall.decode(labels.get(name));
    }

    /** A query parameter, decoded, or null. */
    public String query(String name) {
        return call.query(name);
    }

    /** A boolean query parameter; absent is {@code otherwise}. */
    public boolean queryFlag(String name, boolean otherwise) {
        String value = query(name);
        if (value == null) {
            return otherwise;
        }
        if (!value.equalsIgnoreCase("true") && !value.equalsIgnoreCase("false")) {
            throw ApiError.INVALID_REQUEST.with("Query parameter " + name + " must be true or false, not '" + value
                    + "'.");
        }
        return Boolean.parseBoolean(value);
    }

    /** A header's first value, or null. */
    public String header(String name) {
        return call.header(name);
    }

    /** The JSON body; an empty body is an empty object. */
    public ObjectNode body() {
        byte[] bytes = call.body();
        if (bytes == null || bytes.length == 0) {
            return HttpAnswer.JSON.createObjectNode();
        }
        try {
            JsonNode json = HttpAnswer.JSON.readTree(bytes);
            if (json instanceof ObjectNode object) {
                return object;
            }
        } catch (IOException e) {
            // answered below
        }
        throw ApiError.INVALID_REQUEST.with("The body of " + operation.name() + " must be a JSON object.");
    }

    /** A required member of the body or query, checked like AWS's model validation. */
    public static String required(String value, String member) {
        if (value == null) {
            throw ApiError.INVALID_REQUEST.with("1 validation error detected: Value null at '" + member
                    + "' failed to satisfy constraint: Member must not be null");
        }
        return value;
    }

    /** Checks a name against the model's pattern and length, answering AWS's validation error. */
    public static String valid(String value, String member, Pattern pattern, int maxLength) {
        required(value, member);
        if (value.isEmpty() || value.length() > maxLength) {
            throw ApiError.INVALID_REQUEST.with("1 validation error detected: Value '" + value + "' at '" + member
                    + "' failed to satisfy constraint: Member must have length between 1 and " + maxLength);
        }
        if (!pattern.matcher(value).matches()) {
            throw ApiError.INVALID_REQUEST.with("1 validation error detected: Value '" + value + "' at '" + member
                    + "' failed to satisfy constraint: Member must satisfy regular expression pattern: "
                    + pattern.pattern());
        }
        return value;
    }

    /** A text member of a JSON object, or null when absent or JSON null. */
    public static String text(JsonNode object, String member) {
        JsonNode value = object.get(member);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isValueNode()) {
            throw ApiError.INVALID_REQUEST.with("'" + member + "' must be a string, not " + value);
        }
        return value.asText();
    }
}
