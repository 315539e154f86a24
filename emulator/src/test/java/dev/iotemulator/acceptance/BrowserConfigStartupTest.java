package dev.iotemulator.acceptance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.iotemulator.ConfigurationException;
import dev.iotemulator.EmulatorOptions;
import dev.iotemulator.IotEmulator;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** browser.json in a configuration directory: checked against credentials.json at start, optional otherwise. */
class BrowserConfigStartupTest {

    private static final String CREDENTIALS = "{\"credentials\":[{\"name\":\"device\",\"accessKeyId\":\"AKIDEXAMPLE\","
            + "\"secretAccessKey\":\"secret\"}]}";

    @Test
    void a_presign_identity_naming_a_credential_that_is_not_configured_stops_the_start(@TempDir Path dir)
            throws Exception {
        Files.writeString(dir.resolve("credentials.json"), CREDENTIALS);
        Files.writeString(dir.resolve("browser.json"),
                "{\"presignIdentities\":[{\"name\":\"web\",\"credential\":\"default\"}]}");
        ConfigurationException e = assertThrows(ConfigurationException.class, () -> IotEmulator.start(
                EmulatorOptions.builder().dynamicPorts().configDir(dir).build()));
        assertEquals("browser.json: $.presignIdentities[0].credential 'default' is not the name of a credentials.json "
                + "entry; the names are [device].", e.getMessage());
    }

    @Test
    void without_browser_json_the_cognito_route_knows_no_pools(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("credentials.json"), CREDENTIALS);
        try (IotEmulator iot = IotEmulator.start(EmulatorOptions.builder().dynamicPorts().configDir(dir).build())) {
            HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    iot.endpoints().httpUri().resolve("/"))
                    .header("X-Amz-Target", "AWSCognitoIdentityService.GetId")
                    .POST(HttpRequest.BodyPublishers.ofString(
                            "{\"IdentityPoolId\":\"us-east-1:1c0a3b5e-0000-4000-8000-000000000001\"}")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(400, r.statusCode());
            assertTrue(r.body().contains("The emulator knows no identity pools"), r.body());
        }
    }
}
