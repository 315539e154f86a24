package dev.iotemulator.acceptance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.iotemulator.testing.UrlSigner;
import java.io.File;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.TestReporter;

/**
 * The console, served by the runnable jar as users start it, in a real headless Chromium (Debian's chromium driven by
 * playwright-core, {@code src/test/js/console-browser.mjs}), while real clients act on the emulator: mqtt.js over a
 * presigned WebSocket, the AWS CLI over HTTP, Paho devices. Screenshots of every view land in
 * {@code emulator/target/screenshots/console-*.png}. Never skipped: without /usr/bin/chromium or an AWS CLI these
 * tests fail, saying how to install them. Runs after packaging (Failsafe).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ConsoleBrowserIT {

    private static final String KEY = "AKIAIOSFODNN7EXAMPLE";
    private static final String SECRET = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";
    /** The live view shows a message within a second of its publisher's completion (the issue's acceptance). */
    private static final long LIVE_WITHIN_MS = 1_000;
    private static final ObjectMapper JSON = new ObjectMapper();

    private static EmulatorJar.Running jar;

    @BeforeAll
    static void start() throws Exception {
        BrowserRun.requireChromium();
        jar = EmulatorJar.start(EmulatorJar.HTTP_ONLY);
    }

    @AfterAll
    static void stop() throws Exception {
        if (jar != null) {
            jar.close();
        }
    }

    private static BrowserRun.Result console(String scenario, String... more) throws Exception {
        List<String> args = new ArrayList<>(List.of("--scenario=" + scenario, "--endpoint=" + jar.hostAndPort(),
                "--key=" + KEY, "--secret=" + SECRET, "--shots=" + BrowserRun.screenshotDir()));
        args.addAll(List.of(more));
        BrowserRun.Result result = BrowserRun.run("console-browser.mjs", args.toArray(String[]::new));
        result.assertSucceeded();
        result.assertNoContentSecurityPolicyViolation();
        return result;
    }

    private static PahoClients.Client device(String clientId) throws Exception {
        return PahoClients.connect("ws://" + jar.hostAndPort() + "/mqtt?"
                + UrlSigner.forHost(jar.hostAndPort()).key(KEY, SECRET).query(), clientId);
    }

    @Test
    void the_root_opens_the_console_and_messages_from_mqtt_js_and_the_aws_cli_appear_live_with_their_source(
            TestReporter reporter) throws Exception {
        BrowserRun.Result result = console("live", "--aws=" + awsCli());

        JsonNode opened = result.single("opened");
        assertEquals(jar.http() + "/__emulator/console/", opened.path("url").asText(), result.explain());
        assertEquals("Live messages", opened.path("heading").asText(), result.explain());
        List<JsonNode> shown = result.all("shown");
        assertEquals(2, shown.size(), result.explain());
        assertTrue(shown.get(0).path("topic").asText().startsWith("demo/live/mqtt/"), result.explain());
        assertEquals("mqtt", shown.get(0).path("source").asText(), result.explain());
        assertTrue(shown.get(0).path("text").asText().contains("mqttjs-live"), result.explain());
        assertTrue(shown.get(1).path("topic").asText().startsWith("demo/live/cli/"), result.explain());
        assertEquals("http", shown.get(1).path("source").asText(), result.explain());
        assertTrue(shown.get(1).path("text").asText().contains(KEY), result.explain());
        reporter.publishEntry("awsCli", result.single("aws-cli").path("version").asText());
        for (JsonNode row : shown) {
            reporter.publishEntry("latencyMs " + row.path("topic").asText(), row.path("latencyMs").asText());
            assertTrue(row.path("latencyMs").asLong() < LIVE_WITHIN_MS, "shown after " + row.path("latencyMs")
                    + " ms, more than " + LIVE_WITHIN_MS + " ms\n" + result.explain());
        }
        assertScreenshot("live");
    }

    @Test
    void the_test_client_subscribes_to_demo_and_publishes_and_a_paho_device_receives_it() throws Exception {
        try (PahoClients.Client device = device("paho-device")) {
            device.paho.subscribe("demo/#", 1);

            BrowserRun.Result result = console("client");

            assertTrue(result.single("received").path("text").asText().contains("demo/console"), result.explain());
            PahoClients.Received received = device.next();
            assertEquals("demo/console", received.topic());
            assertEquals("{\"from\":\"the console\"}", new String(received.message().getPayload(),
                    StandardCharsets.UTF_8));
        }
        assertScreenshot("client");
    }

    @Test
    void a_wrong_secret_shows_signature_mismatch_and_a_scoped_keys_forbidden_subscribe_shows_the_deciding_statement()
            throws Exception {
        BrowserRun.Result result = console("refusals");

        JsonNode signature = result.single("signature");
        assertEquals("Signature refused", signature.path("title").asText(), result.explain());
        assertTrue(signature.path("message").asText().startsWith("The request signature we calculated does not "
                + "match"), result.explain());
        assertTrue(signature.path("canonicalRequest").asText().startsWith("GET\n/mqtt\nX-Amz-Algorithm="),
                result.explain());
        List<JsonNode> denied = result.all("denied");
        assertEquals(2, denied.size(), result.explain());
        for (JsonNode view : denied) {
            String text = view.path("text").asText();
            assertTrue(text.contains("iot:Subscribe") && text.contains("topicfilter/room/admin")
                    && text.contains("ScopedDevicePolicy statement 3 (Sid NeverTheAdminRoom)"), result.explain());
        }
        assertEquals("EXPLICIT_DENY", denied.get(1).path("code").asText(), result.explain());
        assertScreenshot("refusals");
        assertScreenshot("client-denied");
    }

    @Test
    void the_shadow_editor_updates_a_shadow_and_a_device_subscribed_to_update_delta_receives_the_delta()
            throws Exception {
        try (PahoClients.Client device = device("console-lamp")) {
            device.paho.subscribe("$aws/things/console-lamp/shadow/update/delta", 1);

            BrowserRun.Result result = console("shadow");

            assertEquals("Accepted: version 1.", result.single("updated").path("outcome").asText(), result.explain());
            PahoClients.Received delta = device.next();
            assertEquals("$aws/things/console-lamp/shadow/update/delta", delta.topic());
            JsonNode document = JSON.readTree(delta.message().getPayload());
            assertEquals("green", document.path("state").path("color").asText(), document.toString());
            assertEquals(1, document.path("version").asInt(), document.toString());
        }
        assertScreenshot("shadows");
    }

    /** Last, so that its screenshots (the README's) show a console that has seen the other tests' traffic. */
    @Test
    @Order(Integer.MAX_VALUE)
    void every_view_opens_by_its_keyboard_shortcut_and_a_row_opens_with_enter() throws Exception {
        try (PahoClients.Client device = device("tour-device")) {
            device.paho.subscribe("room/#", 1);
            device.paho.publish("room/lights", "{\"on\":true,\"level\":80}".getBytes(StandardCharsets.UTF_8), 1,
                    true);
            device.next();
            HttpResponse<String> shadow = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(
                    jar.http() + "/__emulator/shadows/tour-thermostat")).POST(HttpRequest.BodyPublishers.ofString(
                    "{\"state\":{\"desired\":{\"target\":21},\"reported\":{\"target\":19,\"mode\":\"heat\"}}}"))
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, shadow.statusCode(), shadow.body());

            BrowserRun.Result result = console("tour");

            List<JsonNode> views = result.all("view");
            assertEquals(List.of("live", "client", "connections", "refusals", "shadows", "retained", "registry",
                    "playground"), views.stream().map(v -> v.path("id").asText()).toList(), result.explain());
            for (JsonNode view : views) {
                assertEquals("page", view.path("current").asText(), result.explain());
                assertScreenshot("tour-" + view.path("id").asText());
            }
            JsonNode opened = result.single("opened-row");
            assertFalse(opened.path("topic").asText().isEmpty(), result.explain());
            assertEquals(opened.path("topic").asText(), opened.path("detail").asText(), result.explain());
            assertEquals("dark", result.single("theme").path("theme").asText(), result.explain());
            assertScreenshot("tour-live-dark");
        }
    }

    private static void assertScreenshot(String view) throws Exception {
        Path png = BrowserRun.screenshotDir().resolve("console-" + view + ".png");
        assertTrue(Files.size(png) > 10_000, "screenshot " + png);
    }

    /**
     * The AWS CLI: Debian's {@code /usr/bin/aws} (apt awscli, v2) or the first {@code aws} on the PATH (v1 works for
     * {@code iot-data publish} too). Fails, never skips, without one.
     */
    static String awsCli() {
        Optional<Path> found = Stream.concat(Stream.of(Path.of("/usr/bin/aws")),
                Stream.of(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
                        .filter(dir -> !dir.isEmpty()).map(dir -> Path.of(dir, "aws")))
                .filter(Files::isExecutable).findFirst();
        assertTrue(found.isPresent(), "The console tests publish with the AWS CLI, and there is none: "
                + "apt-get install -y --no-install-recommends awscli (.ci/run does this when `aws` is missing).");
        return found.get().toString();
    }
}
