package dev.iotemulator.internal.dataplane;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A data-plane response: a status, a JSON body and, for errors, the restJson1 error name AWS sends in
 * {@code x-amzn-ErrorType}.
 */
public record HttpAnswer(int status, ObjectNode body, String errorType) {

    static final ObjectMapper JSON = new ObjectMapper();

    static HttpAnswer ok(ObjectNode body) {
        return new HttpAnswer(200, body, null);
    }

    static HttpAnswer error(int status, String errorType, String message) {
        return new HttpAnswer(status, JSON.createObjectNode().put("message", message), errorType);
    }

    static HttpAnswer badRequest(String message) {
        return error(400, "InvalidRequestException", message);
    }
}
