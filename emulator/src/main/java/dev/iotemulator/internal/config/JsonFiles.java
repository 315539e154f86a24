package dev.iotemulator.internal.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.iotemulator.ConfigurationException;
import java.io.IOException;

/** Reads a configuration file's JSON, turning syntax errors into messages that name the file, line and column. */
final class JsonFiles {

    private JsonFiles() {
    }

    /** The parsed document, or null for an empty file. */
    static JsonNode read(ObjectMapper mapper, String fileName, byte[] json) {
        try {
            return mapper.readTree(json);
        } catch (JsonProcessingException e) {
            throw new ConfigurationException(fileName + " is not valid JSON: " + e.getOriginalMessage() + " (line "
                    + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ")", e);
        } catch (IOException e) {
            throw new ConfigurationException("Cannot read " + fileName + ": " + e.getMessage(), e);
        }
    }
}
