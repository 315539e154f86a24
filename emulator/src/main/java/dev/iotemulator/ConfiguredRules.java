package dev.iotemulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.iotemulator.internal.config.RuleFiles;
import dev.iotemulator.internal.rules.RuleDefinitionException;
import dev.iotemulator.internal.rules.TopicRules;
import dev.iotemulator.internal.rules.sql.SqlParseException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;

/** Creates the topic rules of the configuration directory ({@code rules/*.json}) at start-up. */
final class ConfiguredRules {

    private static final ObjectMapper JSON = new ObjectMapper();

    private ConfiguredRules() {
    }

    static void create(TopicRules rules, Path configDir) {
        for (Map.Entry<String, RuleFiles.Loaded> e : RuleFiles.load(configDir).entrySet()) {
            try {
                rules.create(e.getKey(), e.getValue().payload());
            } catch (RuleDefinitionException | SqlParseException ex) {
                throw new ConfigurationException("Topic rule " + e.getValue().source() + " is invalid: "
                        + (ex instanceof SqlParseException ? "sql: " : "") + ex.getMessage() + ".", ex);
            }
        }
    }

    static JsonNode json(String payload) {
        try {
            return JSON.readTree(payload);
        } catch (IOException e) {
            throw new IotEmulatorException("The topic rule payload is not JSON: " + e.getMessage(), e);
        }
    }
}
