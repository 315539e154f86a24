package dev.iotemulator.internal.dataplane;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.iotemulator.internal.auth.Verification;
import dev.iotemulator.internal.shadow.ShadowResult;

/**
 * A data- or control-plane response: a status, a JSON body and, for errors, the restJson1 error name AWS sends in
 * {@code x-amzn-ErrorType}.
 */
public record HttpAnswer(int status, ObjectNode body, String errorType) {

    /** The mapper every data- and control-plane answer is built with. */
    public static final ObjectMapper JSON = new ObjectMapper();

    /** A 200 with {@code body}. */
    public static HttpAnswer ok(ObjectNode body) {
        return new HttpAnswer(200, body, null);
    }

    /** An error: {@code {"message": ...}} with AWS's error name for {@code x-amzn-ErrorType}. */
    public static HttpAnswer error(int status, String errorType, String message) {
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

    /**
     * A refused SigV4 signature: 403 {@code ForbiddenException} with the reason and, for a mismatch, the canonical
     * request and string to sign the emulator computed (AWS answers a bare 403).
     */
    public static HttpAnswer refusal(Verification.Refused refused) {
        ObjectNode body = JSON.createObjectNode()
                .put("message", "Forbidden: " + refused.message())
                .put("reason", refused.reason().name());
        if (refused.canonicalRequest() != null) {
            body.put("canonicalRequest", refused.canonicalRequest()).put("stringToSign", refused.stringToSign());
        }
        return new HttpAnswer(403, body, "ForbiddenException");
    }
}
