package dev.iotemulator.internal.config;

import static dev.iotemulator.internal.config.JsonFiles.problem;
import static dev.iotemulator.internal.config.JsonFiles.rejectUnknownFields;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.iotemulator.ConfigurationException;
import dev.iotemulator.internal.config.BrowserConfig.IdentityPoolConfig;
import dev.iotemulator.internal.config.BrowserConfig.PresignIdentityConfig;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads {@code browser.json} from the configuration directory (optional there) or the embedded default. Problems
 * become a {@link ConfigurationException} naming the file, the JSON path and what was expected.
 */
public final class BrowserConfigLoader {

    public static final String FILE = "browser.json";
    private static final String EMBEDDED = "/dev/iotemulator/default-config/" + FILE;
    /** AWS's IdentityPoolId pattern, {@code [\w-]+:[0-9a-f-]+}. */
    static final Pattern POOL_ID = Pattern.compile("[\\w-]+:[0-9a-f-]+");
    private static final Pattern ORIGIN = Pattern.compile("\\*|https?://[^/\\s*]+(:(\\d+|\\*))?");
    private static final long MAX_LIFETIME_SECONDS = 12 * 3600;

    private final ObjectMapper mapper = JsonFiles.mapper();

    public BrowserConfig loadEmbeddedDefault() {
        try (InputStream in = BrowserConfigLoader.class.getResourceAsStream(EMBEDDED)) {
            if (in == null) {
                return BrowserConfig.none();
            }
            return parse(FILE + " (embedded)", in.readAllBytes());
        } catch (IOException e) {
            throw new ConfigurationException("Cannot read the embedded " + FILE + ": " + e.getMessage(), e);
        }
    }

    /** The directory's browser.json, or {@link BrowserConfig#none()} when it has none. */
    public BrowserConfig load(Path directory) {
        Path file = directory.resolve(FILE);
        if (!Files.isRegularFile(file)) {
            return BrowserConfig.none();
        }
        try {
            return parse(file.toString(), Files.readAllBytes(file));
        } catch (IOException e) {
            throw new ConfigurationException("Cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    BrowserConfig parse(String fileName, byte[] json) {
        JsonNode root = JsonFiles.read(mapper, fileName, json);
        if (root == null || !root.isObject()) {
            throw problem(fileName, "$", "a JSON object");
        }
        rejectUnknownFields(fileName, "$", root, Set.of("allowedOrigins", "identityPools", "presignIdentities"));
        return new BrowserConfig(pools(fileName, root.path("identityPools")),
                presign(fileName, root.path("presignIdentities")), origins(fileName, root.get("allowedOrigins")));
    }

    private List<IdentityPoolConfig> pools(String fileName, JsonNode list) {
        List<IdentityPoolConfig> pools = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < array(fileName, "$.identityPools", list).size(); i++) {
            String path = "$.identityPools[" + i + "]";
            JsonNode node = object(fileName, path, list.get(i));
            rejectUnknownFields(fileName, path, node,
                    Set.of("identityPoolId", "name", "allowUnauthenticated", "credentialsLifetimeSeconds",
                            "unauthenticatedRolePolicies"));
            String id = text(fileName, path, node, "identityPoolId", null);
            if (!POOL_ID.matcher(id).matches() || id.length() > 55) {
                throw problem(fileName, path + ".identityPoolId", "of the form <region>:<guid>, e.g. "
                        + "us-east-1:11111111-2222-3333-4444-555555555555, but is '" + id + "'");
            }
            if (!seen.add(id)) {
                throw new ConfigurationException(fileName + ": " + path + ".identityPoolId '" + id
                        + "' is configured twice.");
            }
            JsonNode unauth = node.path("allowUnauthenticated");
            if (!unauth.isMissingNode() && !unauth.isBoolean()) {
                throw problem(fileName, path + ".allowUnauthenticated", "true or false");
            }
            long lifetime = seconds(fileName, path + ".credentialsLifetimeSeconds", node.get(
                    "credentialsLifetimeSeconds"), 3600, MAX_LIFETIME_SECONDS);
            pools.add(new IdentityPoolConfig(id, text(fileName, path, node, "name", id),
                    unauth.asBoolean(true), Duration.ofSeconds(lifetime),
                    rolePolicies(fileName, path + ".unauthenticatedRolePolicies", node.get("unauthenticatedRolePolicies"))));
        }
        return pools;
    }

    private static List<String> rolePolicies(String fileName, String path, JsonNode node) {
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isArray()) {
            throw problem(fileName, path, "a list of policy names (files under policies/)");
        }
        List<String> names = new ArrayList<>();
        for (int i = 0; i < node.size(); i++) {
            if (!node.get(i).isTextual() || !PolicyFiles.isValidName(node.get(i).asText())) {
                throw problem(fileName, path + "[" + i + "]", "a policy name (a file policies/<name>.json)");
            }
            names.add(node.get(i).asText());
        }
        return names;
    }

    private List<PresignIdentityConfig> presign(String fileName, JsonNode list) {
        List<PresignIdentityConfig> identities = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < array(fileName, "$.presignIdentities", list).size(); i++) {
            String path = "$.presignIdentities[" + i + "]";
            JsonNode node = object(fileName, path, list.get(i));
            rejectUnknownFields(fileName, path, node, Set.of("name", "credential", "urlExpiresSeconds"));
            String name = text(fileName, path, node, "name", null);
            if (!seen.add(name)) {
                throw new ConfigurationException(fileName + ": " + path + ".name '" + name + "' is configured twice.");
            }
            long expires = seconds(fileName, path + ".urlExpiresSeconds", node.get("urlExpiresSeconds"), 300, 3600);
            identities.add(new PresignIdentityConfig(name, text(fileName, path, node, "credential", null),
                    Duration.ofSeconds(expires)));
        }
        return identities;
    }

    private static List<String> origins(String fileName, JsonNode list) {
        if (list == null) {
            return BrowserConfig.DEFAULT_ALLOWED_ORIGINS;
        }
        List<String> origins = new ArrayList<>();
        for (int i = 0; i < array(fileName, "$.allowedOrigins", list).size(); i++) {
            JsonNode o = list.get(i);
            if (!o.isTextual() || !ORIGIN.matcher(o.asText()).matches()) {
                throw problem(fileName, "$.allowedOrigins[" + i + "]", "\"*\", an origin such as "
                        + "\"http://127.0.0.1:8000\", or one with any port such as \"http://localhost:*\", not " + o);
            }
            origins.add(o.asText());
        }
        return origins;
    }

    private static JsonNode array(String fileName, String path, JsonNode node) {
        if (node.isMissingNode()) {
            return node;
        }
        if (!node.isArray()) {
            throw problem(fileName, path, "a list");
        }
        return node;
    }

    private static JsonNode object(String fileName, String path, JsonNode node) {
        if (!node.isObject()) {
            throw problem(fileName, path, "an object");
        }
        return node;
    }

    private static long seconds(String fileName, String path, JsonNode node, long fallback, long max) {
        if (node == null || node.isNull()) {
            return fallback;
        }
        if (!node.canConvertToLong() || !node.isIntegralNumber() || node.asLong() < 1 || node.asLong() > max) {
            throw problem(fileName, path, "a whole number of seconds from 1 to " + max + ", not " + node);
        }
        return node.asLong();
    }

    private static String text(String fileName, String path, JsonNode node, String field, String fallback) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            if (fallback == null) {
                throw problem(fileName, path + "." + field, "a non-empty string");
            }
            return fallback;
        }
        if (!value.isTextual() || value.asText().isBlank()) {
            throw problem(fileName, path + "." + field, "a non-empty string but found " + value);
        }
        return value.asText();
    }
}
