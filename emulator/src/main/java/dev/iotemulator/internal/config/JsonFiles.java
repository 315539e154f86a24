package dev.iotemulator.internal.config;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.iotemulator.ConfigurationException;
import dev.iotemulator.internal.json.JsonErrors;
import java.io.IOException;
import java.util.Iterator;
import java.util.Set;

/**
 * Reads a configuration file's JSON, turning syntax errors into messages that name the file, line and column; and
 * the checks every configuration file shares, whose messages name the file and the JSON path.
 */
final class JsonFiles {

    private JsonFiles() {
    }

    /** A mapper as strict as AWS's own parsers: duplicate fields and text after the document are errors. */
    static ObjectMapper mapper() {
        return new ObjectMapper().enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    }

    /** The parsed document, or null for an empty file. */
    static JsonNode read(ObjectMapper mapper, String fileName, byte[] json) {
        try {
            return mapper.readTree(json);
        } catch (JsonProcessingException e) {
            throw new ConfigurationException(fileName + " is not valid JSON at " + JsonErrors.describe(e) + ".", e);
        } catch (IOException e) {
            throw new ConfigurationException("Cannot read " + fileName + ": " + e.getMessage(), e);
        }
    }

    /** Refuses any field of {@code node} not in {@code allowed}, listing the allowed ones. */
    static void rejectUnknownFields(String fileName, String path, JsonNode node, Set<String> allowed) {
        Iterator<String> names = node.fieldNames();
        while (names.hasNext()) {
            String name = names.next();
            if (!allowed.contains(name)) {
                throw new ConfigurationException(fileName + ": unknown field " + path + "." + name
                        + "; expected one of " + allowed.stream().sorted().toList() + ".");
            }
        }
    }

    /** "{@code <file>: <path> must be <expected>.}" */
    static ConfigurationException problem(String fileName, String path, String expected) {
        return new ConfigurationException(fileName + ": " + path + " must be " + expected + ".");
    }
}
