package dev.iotemulator.internal.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.iotemulator.ConfigurationException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BrowserConfigLoaderTest {

    private final BrowserConfigLoader loader = new BrowserConfigLoader();

    @Test
    void the_embedded_default_has_the_demo_pool_a_presign_identity_and_loopback_origins() {
        BrowserConfig config = loader.loadEmbeddedDefault();
        assertEquals("us-east-1:1c0a3b5e-0000-4000-8000-000000000001", config.identityPools().get(0).identityPoolId());
        assertEquals(Duration.ofHours(1), config.identityPools().get(0).credentialsLifetime());
        assertEquals("browser-demo", config.presignIdentities().get(0).name());
        assertEquals("default", config.presignIdentities().get(0).credential());
        assertEquals(List.of("http://127.0.0.1:*", "http://localhost:*"), config.allowedOrigins());
    }

    @Test
    void a_config_directory_without_browser_json_has_no_pools_and_loopback_origins(@TempDir Path dir) {
        BrowserConfig config = loader.load(dir);
        assertTrue(config.identityPools().isEmpty());
        assertTrue(config.presignIdentities().isEmpty());
        assertEquals(BrowserConfig.DEFAULT_ALLOWED_ORIGINS, config.allowedOrigins());
    }

    @Test
    void defaults_fill_in_name_lifetime_and_url_expiry() {
        BrowserConfig config = parse("{\"identityPools\":[{\"identityPoolId\":\"eu-west-1:0000aaaa-1111\"}],"
                + "\"presignIdentities\":[{\"name\":\"p\",\"credential\":\"default\"}],\"allowedOrigins\":[\"*\"]}");
        assertEquals("eu-west-1:0000aaaa-1111", config.identityPools().get(0).name());
        assertTrue(config.identityPools().get(0).allowUnauthenticated());
        assertEquals(Duration.ofSeconds(300), config.presignIdentities().get(0).urlExpires());
        assertEquals(List.of("*"), config.allowedOrigins());
    }

    @Test
    void a_malformed_pool_id_is_named_with_its_json_path() {
        String message = error("{\"identityPools\":[{\"identityPoolId\":\"my-pool\"}]}");
        assertTrue(message.contains("$.identityPools[0].identityPoolId must be of the form <region>:<guid>"), message);
    }

    @Test
    void an_unknown_field_is_named_with_the_expected_ones() {
        String message = error("{\"identityPool\":[]}");
        assertTrue(message.contains("unknown field $.identityPool; expected one of [allowedOrigins, identityPools, "
                + "presignIdentities]"), message);
    }

    @Test
    void an_origin_with_a_path_is_refused() {
        String message = error("{\"allowedOrigins\":[\"http://127.0.0.1:8000/app\"]}");
        assertTrue(message.contains("$.allowedOrigins[0] must be"), message);
    }

    @Test
    void a_credentials_lifetime_over_twelve_hours_is_refused() {
        String message = error("{\"identityPools\":[{\"identityPoolId\":\"us-east-1:00aa\","
                + "\"credentialsLifetimeSeconds\":86400}]}");
        assertTrue(message.contains("credentialsLifetimeSeconds must be a whole number of seconds from 1 to 43200"),
                message);
    }

    private BrowserConfig parse(String json) {
        return loader.parse("browser.json", json.getBytes(StandardCharsets.UTF_8));
    }

    private String error(String json) {
        return assertThrows(ConfigurationException.class, () -> parse(json)).getMessage();
    }
}
