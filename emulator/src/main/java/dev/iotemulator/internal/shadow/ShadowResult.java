package dev.iotemulator.internal.shadow;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** What a shadow operation came to. Errors are values, never exceptions. */
public sealed interface ShadowResult {

    /** A rejected request; {@code payload} is AWS's error document {@code {code, message, timestamp, clientToken}}. */
    record Rejected(ShadowError error, ObjectNode payload) implements ShadowResult {
    }

    /** A GET: the full document as {@code /get/accepted} carries it. */
    record Document(ObjectNode payload) implements ShadowResult {
    }

    /**
     * An accepted update.
     *
     * @param accepted  the {@code /update/accepted} document (only the request's fields)
     * @param delta     the {@code /update/delta} document, or null when none is due
     * @param documents the {@code /update/documents} document
     */
    record Updated(ObjectNode accepted, ObjectNode delta, ObjectNode documents) implements ShadowResult {
    }

    /** A delete: {@code {version, timestamp[, clientToken]}}. */
    record Deleted(ObjectNode payload) implements ShadowResult {
    }
}
