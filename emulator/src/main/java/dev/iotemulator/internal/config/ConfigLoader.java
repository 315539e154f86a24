package dev.iotemulator.internal.config;

import static dev.iotemulator.internal.config.JsonFiles.problem;
import static dev.iotemulator.internal.config.JsonFiles.rejectUnknownFields;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.iotemulator.ConfigurationException;
import dev.iotemulator.internal.auth.LocalCredential;
import dev.iotemulator.internal.policy.PolicyDocument;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads the configuration directory ({@code credentials.json} and {@code policies/*.json}), or the default
 * configuration embedded in the jar. Every problem becomes a {@link ConfigurationException} naming the file, the
 * JSON path and what was expected.
 */
public final class ConfigLoader {

    public static final String CREDENTIALS_FILE = "credentials.json";
    private static final String EMBEDDED = "/dev/iotemulator/default-config/";
    private static final Set<String> CREDENTIAL_FIELDS = Set.of("name", "accessKeyId", "secretAccessKey", "sessionToken",
            "policies");

    private final ObjectMapper mapper = JsonFiles.mapper();

    public EmulatorConfig loadEmbeddedDefault() {
        String resource = EMBEDDED + CREDENTIALS_FILE;
        try (InputStream in = ConfigLoader.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new ConfigurationException("The embedded default configuration " + resource
                        + " is missing from the class path; the build is broken.");
            }
            CredentialsFile file = readCredentials("credentials.json (embedded)", in.readAllBytes());
            Map<String, PolicyDocument> policies = PolicyFiles.fromClassPath(EMBEDDED, file.attachedPolicyNames());
            return file.toConfig("embedded default configuration", policies, "the embedded " + PolicyFiles.DIRECTORY
                    + "/ (the build is broken)");
        } catch (IOException e) {
            throw new ConfigurationException("Cannot read the embedded default configuration: " + e.getMessage(), e);
        }
    }

    /**
     * The named policies: from the configuration when it holds them, otherwise from the embedded default.
     *
     * @param namedBy where the names come from, for the error message
     */
    public Map<String, PolicyDocument> policiesNamed(EmulatorConfig config, java.util.Collection<String> names,
            String namedBy) {
        Map<String, PolicyDocument> found = new java.util.TreeMap<>();
        java.util.List<String> missing = new java.util.ArrayList<>();
        for (String name : names) {
            PolicyDocument doc = config.policies().get(name);
            if (doc == null && config.source().startsWith("embedded")) {
                doc = PolicyFiles.fromClassPath(EMBEDDED, java.util.List.of(name)).get(name);
            }
            if (doc == null) {
                missing.add(name);
            } else {
                found.put(name, doc);
            }
        }
        if (!missing.isEmpty()) {
            throw new ConfigurationException(namedBy + " names the policies " + missing + ", but there is no such "
                    + "file under policies/ in " + config.source() + ".");
        }
        return found;
    }

    /**
     * The text of every policy file of the configuration, by name, to seed the registry with: the files under
     * {@code policies/} of the directory, or of the embedded default.
     */
    public Map<String, String> policyTexts(EmulatorConfig config, Path directory) {
        return directory == null ? PolicyFiles.textsFromClassPath(EMBEDDED) : PolicyFiles.textsFromDirectory(directory);
    }

    public EmulatorConfig load(Path directory) {
        if (!Files.isDirectory(directory)) {
            throw new ConfigurationException("Config directory " + directory.toAbsolutePath()
                    + " does not exist or is not a directory. Check --config-dir (IOT_EMULATOR_CONFIG_DIR).");
        }
        Path file = directory.resolve(CREDENTIALS_FILE);
        if (!Files.isRegularFile(file)) {
            throw new ConfigurationException("Config directory " + directory.toAbsolutePath() + " has no "
                    + CREDENTIALS_FILE + ". Copy config/" + CREDENTIALS_FILE + " from the project as a start.");
        }
        try {
            CredentialsFile credentials = readCredentials(file.toString(), Files.readAllBytes(file));
            Map<String, PolicyDocument> policies = PolicyFiles.fromDirectory(directory);
            return credentials.toConfig(directory.toAbsolutePath().toString(), policies,
                    directory.resolve(PolicyFiles.DIRECTORY).toAbsolutePath().toString());
        } catch (IOException e) {
            throw new ConfigurationException("Cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    List<LocalCredential> parseCredentials(String fileName, byte[] json) {
        return readCredentials(fileName, json).credentials();
    }

    private CredentialsFile readCredentials(String fileName, byte[] json) {
        JsonNode root = JsonFiles.read(mapper, fileName, json);
        if (root == null || !root.isObject()) {
            throw problem(fileName, "$", "a JSON object with a \"credentials\" list");
        }
        rejectUnknownFields(fileName, "$", root, Set.of("credentials"));
        JsonNode list = root.get("credentials");
        if (list == null || !list.isArray() || list.isEmpty()) {
            throw problem(fileName, "$.credentials", "a non-empty list of credentials");
        }
        List<LocalCredential> credentials = new ArrayList<>();
        Map<String, List<String>> attachments = new LinkedHashMap<>();
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < list.size(); i++) {
            String path = "$.credentials[" + i + "]";
            JsonNode node = list.get(i);
            if (!node.isObject()) {
                throw problem(fileName, path, "an object with accessKeyId and secretAccessKey");
            }
            rejectUnknownFields(fileName, path, node, CREDENTIAL_FIELDS);
            String accessKeyId = requiredText(fileName, path, node, "accessKeyId");
            String secret = requiredText(fileName, path, node, "secretAccessKey");
            String token = optionalText(fileName, path, node, "sessionToken");
            String name = optionalText(fileName, path, node, "name");
            if (!seen.add(accessKeyId)) {
                throw new ConfigurationException(fileName + ": " + path + ".accessKeyId '" + accessKeyId
                        + "' is configured twice; each access key id may appear once.");
            }
            credentials.add(new LocalCredential(name == null ? accessKeyId : name, accessKeyId, secret, token));
            List<String> policies = policyNames(fileName, path, node);
            if (policies != null) {
                attachments.put(accessKeyId, policies);
            }
        }
        return new CredentialsFile(fileName, credentials, attachments);
    }

    /** {@code null} when the field is absent: the credential is then not subject to IoT policies. */
    private static List<String> policyNames(String fileName, String path, JsonNode node) {
        JsonNode list = node.get("policies");
        if (list == null) {
            return null;
        }
        if (!list.isArray()) {
            throw problem(fileName, path + ".policies", "a list of policy names (file names under "
                    + PolicyFiles.DIRECTORY + "/ without .json) but found " + list);
        }
        List<String> names = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            JsonNode entry = list.get(i);
            if (!entry.isTextual() || !PolicyFiles.isValidName(entry.asText())) {
                throw problem(fileName, path + ".policies[" + i + "]", "a policy name of 1 to 128 of the characters "
                        + "A-Z a-z 0-9 _ + = , . @ - but found " + entry);
            }
            if (!names.contains(entry.asText())) {
                names.add(entry.asText());
            }
        }
        return names;
    }

    private static String requiredText(String fileName, String path, JsonNode node, String field) {
        String value = optionalText(fileName, path, node, field);
        if (value == null) {
            throw problem(fileName, path + "." + field, "a non-empty string");
        }
        return value;
    }

    private static String optionalText(String fileName, String path, JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isTextual() || value.asText().isBlank()) {
            throw problem(fileName, path + "." + field, "a non-empty string but found " + value);
        }
        return value.asText();
    }
}
