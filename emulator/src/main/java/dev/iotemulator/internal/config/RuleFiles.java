package dev.iotemulator.internal.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.iotemulator.ConfigurationException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Topic rules in the configuration directory, for a zero-setup start: {@code rules/<ruleName>.json}, each holding
 * the {@code TopicRulePayload} that {@code aws iot create-topic-rule --topic-rule-payload file://...} takes
 * ({@code sql}, {@code actions}, optional {@code errorAction}, {@code awsIotSqlVersion}, {@code ruleDisabled}).
 */
public final class RuleFiles {

    public static final String DIRECTORY = "rules";
    private static final ObjectMapper JSON = new ObjectMapper();

    private RuleFiles() {
    }

    /** The payloads by rule name (file name without {@code .json}), in file-name order; none without a directory. */
    public static Map<String, Loaded> load(Path configDirectory) {
        Map<String, Loaded> rules = new LinkedHashMap<>();
        if (configDirectory == null || !Files.isDirectory(configDirectory.resolve(DIRECTORY))) {
            return rules;
        }
        Path directory = configDirectory.resolve(DIRECTORY);
        List<Path> files;
        try (Stream<Path> listing = Files.list(directory)) {
            files = listing.filter(f -> f.getFileName().toString().endsWith(".json")).sorted().toList();
        } catch (IOException e) {
            throw new ConfigurationException("Cannot list " + directory + ": " + e.getMessage(), e);
        }
        for (Path file : files) {
            String fileName = file.getFileName().toString();
            String name = fileName.substring(0, fileName.length() - ".json".length());
            try {
                rules.put(name, new Loaded(file.toString(), JSON.readTree(file.toFile())));
            } catch (IOException e) {
                throw new ConfigurationException("Cannot read the topic rule " + file + ": " + e.getMessage()
                        + ". It must hold a TopicRulePayload such as {\"sql\": \"SELECT * FROM 'sensors/#'\", "
                        + "\"actions\": []}.", e);
            }
        }
        return rules;
    }

    /** One rule file: where it came from, and its payload. */
    public record Loaded(String source, JsonNode payload) {
    }
}
