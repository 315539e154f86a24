package dev.iotemulator.internal.rules.actions;

import com.fasterxml.jackson.databind.JsonNode;
import dev.iotemulator.internal.rules.sql.SqlVersion;
import dev.iotemulator.internal.rules.sql.Template;

/** Reads an action's JSON fields; template-capable fields become {@link Template}s, parsed once. */
final class Fields {

    private final JsonNode config;
    private final SqlVersion version;

    Fields(JsonNode config, SqlVersion version) {
        this.config = config;
        this.version = version;
    }

    Template template(String field) {
        String text = text(field, null);
        return text == null ? null : Template.parse(text, version);
    }

    String text(String field, String otherwise) {
        JsonNode v = config.get(field);
        return v == null || v.isNull() ? otherwise : v.asText();
    }

    int integer(String field, int otherwise) {
        JsonNode v = config.get(field);
        return v == null || v.isNull() ? otherwise : v.asInt(otherwise);
    }

    boolean flag(String field) {
        return config.path(field).asBoolean(false);
    }

    /** The fields of a nested object, such as one of the http action's headers. */
    Fields of(JsonNode nested) {
        return new Fields(nested, version);
    }

    JsonNode node(String field) {
        return config.path(field);
    }
}
