package dev.iotemulator.internal.dataplane;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.iotemulator.internal.shadow.ShadowResult;

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

    /**
     * The answer AWS gives for a shadow operation's result: the document (only the request's fields for an update),
     * or the error's status, type and error document.
     */
    public static HttpAnswer of(ShadowResult result) {
        if (result instanceof ShadowResult.Rejected rejected) {
            return new HttpAnswer(rejected.error().code(), rejected.payload(), rejected.error().httpErrorType());
        }
        if (result instanceof ShadowResult.Updated updated) {
            return ok(updated.accepted());
        }
        if (result instanceof ShadowResult.Document document) {
            return ok(document.payload());
        }
        return ok(((ShadowResult.Deleted) result).payload());
    }
}
