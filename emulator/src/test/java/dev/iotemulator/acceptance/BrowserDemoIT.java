package dev.iotemulator.acceptance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The demo page, served by the runnable jar as users start it, in a real headless Chromium (Debian's chromium, driven
 * by playwright-core): two pages connect through the emulator, a message typed and published in page A appears in
 * page B, with no Content-Security-Policy violation (mqtt.js starts its timer worker from a blob: URL) and a favicon.
 * Screenshots land in {@code emulator/target/screenshots/}. Never skipped: without /usr/bin/chromium these tests
 * fail. Runs after packaging (Failsafe).
 */
class BrowserDemoIT {

    private static EmulatorJar.Running jar;
    private static StaticPageServer otherOrigin;

    @BeforeAll
    static void start() throws Exception {
        BrowserRun.requireChromium();
        jar = EmulatorJar.start(EmulatorJar.HTTP_ONLY);
        otherOrigin = StaticPageServer.start();
    }

    @AfterAll
    static void stop() throws Exception {
        if (otherOrigin != null) {
            otherOrigin.close();
        }
        if (jar != null) {
            jar.close();
        }
    }

    @Test
    void two_pages_served_by_the_emulator_connect_as_cognito_identities_and_page_b_shows_what_page_a_published()
            throws Exception {
        Path screenshot = BrowserRun.screenshotDir().resolve("cognito-page-b.png");
        BrowserRun.Result result = BrowserRun.run("browser-demo.mjs", "--scenario=pubsub",
                "--page=" + jar.http() + "/__emulator/demo/?source=cognito",
                "--message=hello from page A via Cognito", "--screenshot=" + screenshot);

        result.assertSucceeded();
        result.assertNoContentSecurityPolicyViolation();
        assertEquals(200, result.single("favicon").path("status").asInt(), result.explain());
        assertEquals("image/svg+xml", result.single("favicon").path("type").asText(), result.explain());
        for (JsonNode connected : result.all("connected")) {
            assertTrue(connected.path("detail").asText().matches(".*Cognito identity us-east-1:[0-9a-f-]{36}.*"),
                    result.explain());
        }
        JsonNode row = result.single("received");
        assertEquals("demo/chat", row.path("topic").asText(), result.explain());
        assertEquals("page-a", row.path("sender").asText(), result.explain());
        assertEquals("hello from page A via Cognito", row.path("text").asText(), result.explain());
        assertTrue(row.path("time").asText().matches(".*\\d{1,2}:\\d{2}:\\d{2}.*"), result.explain());
        assertTrue(Files.size(screenshot) > 10_000, "screenshot " + screenshot);
    }

    @Test
    void two_pages_from_another_origin_connect_with_urls_from_the_presign_endpoint_offering_mqttv3_1()
            throws Exception {
        String emulator = jar.http();
        Path screenshot = BrowserRun.screenshotDir().resolve("presign-page-b.png");
        BrowserRun.Result result = BrowserRun.run("browser-demo.mjs", "--scenario=pubsub",
                "--page=" + otherOrigin.origin() + "/index.html?source=presign&subprotocol=mqttv3.1&presignUrl="
                        + encode(emulator + "/__emulator/presign?identity=browser-demo"),
                "--message=hello from page A via the presign endpoint", "--screenshot=" + screenshot);

        result.assertSucceeded();
        for (JsonNode connected : result.all("connected")) {
            String detail = connected.path("detail").asText();
            assertTrue(detail.contains("subprotocol mqttv3.1") && detail.contains("presigned for \"browser-demo\""),
                    result.explain());
        }
        JsonNode row = result.single("received");
        assertEquals("page-a", row.path("sender").asText(), result.explain());
        assertEquals("hello from page A via the presign endpoint", row.path("text").asText(), result.explain());
        assertTrue(Files.size(screenshot) > 10_000, "screenshot " + screenshot);
    }

    @Test
    void a_refused_connection_shows_the_emulators_reason_read_with_fetch_across_origins() throws Exception {
        Path screenshot = BrowserRun.screenshotDir().resolve("refused.png");
        BrowserRun.Result result = BrowserRun.run("browser-demo.mjs", "--scenario=refused",
                "--page=" + otherOrigin.origin() + "/index.html?endpoint="
                        + encode(jar.http().replace("http://", "ws://") + "/mqtt"),
                "--access-key-id=AKIAIOSFODNN7EXAMPLE",
                "--secret=not-the-secret", "--screenshot=" + screenshot);

        result.assertSucceeded();
        JsonNode refused = result.single("refused");
        assertEquals("Connection refused (HTTP 403)", refused.path("title").asText(), result.explain());
        assertEquals("SIGNATURE_MISMATCH", refused.path("reason").asText(), result.explain());
        assertTrue(refused.path("message").asText().startsWith("The request signature we calculated does not match"),
                result.explain());
        assertEquals("error", refused.path("status").asText(), result.explain());
        assertTrue(Files.size(screenshot) > 10_000, "screenshot " + screenshot);
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
