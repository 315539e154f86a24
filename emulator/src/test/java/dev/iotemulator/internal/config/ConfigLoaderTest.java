package dev.iotemulator.internal.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.iotemulator.ConfigurationException;
import dev.iotemulator.internal.auth.LocalCredential;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {

    final ConfigLoader loader = new ConfigLoader();

    @Test
    void the_embedded_default_holds_the_aws_documentation_example_key_first() {
        EmulatorConfig config = loader.loadEmbeddedDefault();
        LocalCredential first = config.credentials().get(0);
        assertEquals("AKIAIOSFODNN7EXAMPLE", first.accessKeyId());
        assertEquals("wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY", first.secretAccessKey());
        assertTrue(config.credentials().stream().anyMatch(LocalCredential::isTemporary));
    }

    @Test
    void the_embedded_default_is_the_projects_config_directory() {
        EmulatorConfig fromDir = loader.load(Path.of("..", "config"));
        assertEquals(loader.loadEmbeddedDefault().credentials(), fromDir.credentials());
    }

    @Test
    void reads_a_config_directory() throws Exception {
        Path dir = Files.createTempDirectory("cfg");
        write(dir, "{\"credentials\":[{\"accessKeyId\":\"AKIA1\",\"secretAccessKey\":\"s1\",\"name\":\"one\"}]}");
        assertEquals(List.of(new LocalCredential("one", "AKIA1", "s1", null)), loader.load(dir).credentials());
    }

    @Test
    void invalid_json_names_the_file_line_and_column(@TempDir Path dir) throws Exception {
        write(dir, "{\n  \"credentials\": [\n    {\"accessKeyId\": \"A\",, }\n  ]\n}");
        String message = assertThrows(ConfigurationException.class, () -> loader.load(dir)).getMessage();
        assertTrue(message.contains("credentials.json is not valid JSON"), message);
        assertTrue(message.contains("line 3"), message);
    }

    @Test
    void a_missing_secret_names_the_json_path(@TempDir Path dir) throws Exception {
        write(dir, "{\"credentials\":[{\"accessKeyId\":\"A\",\"secretAccessKey\":\"s\"},{\"accessKeyId\":\"B\"}]}");
        String message = assertThrows(ConfigurationException.class, () -> loader.load(dir)).getMessage();
        assertTrue(message.contains("$.credentials[1].secretAccessKey must be a non-empty string"), message);
    }

    @Test
    void an_unknown_field_is_named_with_the_fields_that_are_allowed(@TempDir Path dir) throws Exception {
        write(dir, "{\"credentials\":[{\"accessKeyId\":\"A\",\"secretKey\":\"s\"}]}");
        String message = assertThrows(ConfigurationException.class, () -> loader.load(dir)).getMessage();
        assertTrue(message.contains("unknown field $.credentials[0].secretKey"), message);
        assertTrue(message.contains("secretAccessKey"), message);
    }

    @Test
    void a_duplicate_access_key_is_refused(@TempDir Path dir) throws Exception {
        write(dir, "{\"credentials\":[{\"accessKeyId\":\"A\",\"secretAccessKey\":\"s\"},"
                + "{\"accessKeyId\":\"A\",\"secretAccessKey\":\"t\"}]}");
        String message = assertThrows(ConfigurationException.class, () -> loader.load(dir)).getMessage();
        assertTrue(message.contains("configured twice"), message);
    }

    @Test
    void a_missing_directory_names_the_flag(@TempDir Path dir) {
        String message = assertThrows(ConfigurationException.class, () -> loader.load(dir.resolve("nope")))
                .getMessage();
        assertTrue(message.contains("--config-dir"), message);
    }

    @Test
    void a_directory_without_credentials_says_what_to_copy(@TempDir Path dir) {
        String message = assertThrows(ConfigurationException.class, () -> loader.load(dir)).getMessage();
        assertTrue(message.contains("has no credentials.json"), message);
    }

    private static void write(Path dir, String json) throws Exception {
        Files.writeString(dir.resolve("credentials.json"), json, StandardCharsets.UTF_8);
    }
}
