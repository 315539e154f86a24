package dev.iotemulator.internal.config;

import static dev.iotemulator.internal.config.JsonFiles.problem;
import static dev.iotemulator.internal.config.JsonFiles.rejectUnknownFields;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.iotemulator.ConfigurationException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Reads {@code certificates.json} (optional) from the configuration directory: device certificates registered up
 * front, as {@code RegisterCertificateWithoutCA} would, each with its status, policies and things.
 *
 * <pre>{@code
 * {"certificates": [
 *   {"certificateFile": "certificates/sensor-1.pem", "policies": ["DevicePolicy"], "things": ["sensor-1"]}
 * ]}
 * }</pre>
 *
 * A {@code certificateFile} is relative to the configuration directory and may not leave it;
 * {@code certificatePem} holds the PEM inline instead.
 */
public final class CertificatesConfigLoader {

    public static final String FILE = "certificates.json";
    private static final Set<String> FIELDS = Set.of("name", "certificateFile", "certificatePem", "status", "policies",
            "things");
    private static final Set<String> STATUSES = Set.of("ACTIVE", "INACTIVE", "REVOKED");

    /** One registered certificate as configured. */
    public record ConfiguredCertificate(String source, String pem, String status, List<String> policies,
            List<String> things) {
    }

    private final ObjectMapper mapper = JsonFiles.mapper();

    /** The directory's certificates, or none when it has no {@value #FILE} (or there is no directory). */
    public List<ConfiguredCertificate> load(Path directory) {
        if (directory == null) {
            return List.of();
        }
        Path file = directory.resolve(FILE);
        if (!Files.isRegularFile(file)) {
            return List.of();
        }
        try {
            return parse(directory, file.toString(), Files.readAllBytes(file));
        } catch (IOException e) {
            throw new ConfigurationException("Cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    List<ConfiguredCertificate> parse(Path directory, String fileName, byte[] json) {
        JsonNode root = JsonFiles.read(mapper, fileName, json);
        if (root == null || !root.isObject() || !root.path("certificates").isArray() || root.size() != 1) {
            throw problem(fileName, "$", "an object with only a \"certificates\" list");
        }
        List<ConfiguredCertificate> result = new ArrayList<>();
        JsonNode list = root.get("certificates");
        for (int i = 0; i < list.size(); i++) {
            String path = "$.certificates[" + i + "]";
            JsonNode node = list.get(i);
            if (!node.isObject()) {
                throw problem(fileName, path, "an object with certificateFile or certificatePem");
            }
            rejectUnknownFields(fileName, path, node, FIELDS);
            String pem = pem(directory, fileName, path, node);
            String status = node.path("status").asText("ACTIVE").toUpperCase(Locale.ROOT);
            if (!STATUSES.contains(status)) {
                throw problem(fileName, path + ".status", "ACTIVE, INACTIVE or REVOKED");
            }
            String label = node.hasNonNull("name") ? node.get("name").asText() : path;
            result.add(new ConfiguredCertificate(fileName + " " + label, pem, status,
                    texts(fileName, path + ".policies", node.get("policies")),
                    texts(fileName, path + ".things", node.get("things"))));
        }
        return result;
    }

    private static String pem(Path directory, String fileName, String path, JsonNode node) {
        boolean hasFile = node.hasNonNull("certificateFile");
        if (hasFile == node.hasNonNull("certificatePem")) {
            throw problem(fileName, path, "an object with exactly one of certificateFile and certificatePem");
        }
        if (!hasFile) {
            return node.get("certificatePem").asText();
        }
        Path base = directory.toAbsolutePath().normalize();
        Path file = base.resolve(node.get("certificateFile").asText()).normalize();
        if (!file.startsWith(base)) {
            throw problem(fileName, path + ".certificateFile", "a path inside the configuration directory " + base);
        }
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new ConfigurationException(fileName + ": " + path + ".certificateFile: cannot read " + file + " ("
                    + e + ").", e);
        }
    }

    private static List<String> texts(String fileName, String path, JsonNode node) {
        List<String> values = new ArrayList<>();
        if (node == null || node.isNull()) {
            return values;
        }
        if (!node.isArray()) {
            throw problem(fileName, path, "a list of names");
        }
        for (int i = 0; i < node.size(); i++) {
            if (!node.get(i).isTextual() || node.get(i).asText().isBlank()) {
                throw problem(fileName, path + "[" + i + "]", "a non-empty string");
            }
            values.add(node.get(i).asText());
        }
        return values;
    }
}
