package dev.iotemulator.acceptance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The console is admin surface: bound beyond loopback, the emulator answers it 401 without the admin token, and the
 * banner's console link carries the token so that opening it just works; on loopback no token is needed. Real
 * Chromium against the runnable jar (Failsafe).
 */
class ConsoleAdminTokenIT {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private static String consoleLink(EmulatorJar.Running jar) {
        return EmulatorJar.endpoint(jar.banner(), "Console", "http://");
    }

    private static int status(String url) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.discarding())
                .statusCode();
    }

    @Test
    void bound_to_every_interface_the_console_answers_401_without_the_token_and_works_through_the_banners_link()
            throws Exception {
        BrowserRun.requireChromium();
        List<String> options = new ArrayList<>(EmulatorJar.HTTP_ONLY);
        options.addAll(List.of("--bind", "0.0.0.0"));
        try (EmulatorJar.Running jar = EmulatorJar.start(options)) {
            String link = consoleLink(jar);
            assertTrue(link.matches("http://127\\.0\\.0\\.1:\\d+/\\?token=[^&\\s]+"), link);
            String http = jar.http();
            assertEquals(401, status(http + "/__emulator/console/"));
            assertEquals(401, status(http + "/__emulator/console/events"));
            assertEquals(401, status(http + "/__emulator/console/presign"));
            assertEquals(401, status(http + "/__emulator/shadows"));
            assertEquals(200, status(http + "/__emulator/console/console.js"), "the page's code is not a secret");

            BrowserRun.Result result = BrowserRun.run("console-browser.mjs", "--scenario=token",
                    "--endpoint=" + jar.hostAndPort(), "--page=" + link, "--key=AKIAIOSFODNN7EXAMPLE",
                    "--secret=unused", "--shots=" + BrowserRun.screenshotDir());

            result.assertSucceeded();
            JsonNode without = result.single("without-token");
            assertEquals(401, without.path("status").asInt(), result.explain());
            assertTrue(without.path("url").asText().endsWith("/__emulator/console/"), result.explain());
            JsonNode with = result.single("with-token");
            assertEquals("live", with.path("stream").asText(), result.explain());
            assertEquals(3, with.path("keys").asInt(), result.explain());
            assertEquals("connected", with.path("client").asText(), result.explain());
        }
    }

    @Test
    void on_loopback_the_banners_console_link_has_no_token_and_the_console_needs_none() throws Exception {
        try (EmulatorJar.Running jar = EmulatorJar.start(EmulatorJar.HTTP_ONLY)) {
            String link = consoleLink(jar);
            assertEquals(jar.http() + "/", link);
            assertFalse(String.join("\n", jar.banner()).contains("Admin token"), jar.banner().toString());
            assertEquals(200, status(jar.http() + "/__emulator/console/"));
            assertEquals(200, status(jar.http() + "/__emulator/shadows"));
        }
    }
}
