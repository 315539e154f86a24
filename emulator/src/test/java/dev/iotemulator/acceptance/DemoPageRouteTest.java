package dev.iotemulator.acceptance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.iotemulator.EmulatorOptions;
import dev.iotemulator.IotEmulator;
import dev.iotemulator.testing.RawHttp;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import java.util.List;

/**
 * {@code /__emulator/demo/} and {@code /__emulator/console/}: serve the bundles built into the jar
 * ({@code dev/iotemulator/demo/}, {@code dev/iotemulator/console/}) and nothing else.
 */
class DemoPageRouteTest {

    static IotEmulator iot;
    static int port;

    @BeforeAll
    static void start() {
        iot = IotEmulator.start(EmulatorOptions.builder().dynamicPorts().build());
        port = iot.endpoints().httpPort();
    }

    @AfterAll
    static void stop() {
        iot.close();
    }

    @Test
    void the_folder_serves_index_html_with_a_content_security_policy_that_allows_no_cdn() throws Exception {
        RawHttp.Response r = RawHttp.get(port, "/__emulator/demo/");
        assertEquals(200, r.status());
        assertTrue(r.body().contains("<title>AWS IoT browser demo</title>"), r.body());
        assertEquals("text/html; charset=utf-8", r.header("content-type"));
        String csp = r.header("content-security-policy");
        assertTrue(csp.startsWith("default-src 'self';"), csp);
        assertTrue(csp.contains("script-src 'self';"), csp);
        assertTrue(csp.contains("worker-src 'self' blob:;"), "mqtt.js starts its timer worker from a blob: URL: " + csp);
        assertEquals("nosniff", r.header("x-content-type-options"));
    }

    @Test
    void both_pages_have_their_bundle_and_a_favicon() throws Exception {
        for (String file : List.of("/__emulator/demo/demo.js", "/__emulator/console/console.js")) {
            RawHttp.Response r = RawHttp.get(port, file);
            assertEquals(200, r.status(), file);
            assertEquals("text/javascript; charset=utf-8", r.header("content-type"), file);
            assertTrue(r.body().length() > 100_000, file + " bundles mqtt.js");
        }
        for (String page : List.of("/__emulator/demo/", "/__emulator/console/")) {
            assertTrue(RawHttp.get(port, page).body().contains("<link rel=\"icon\" href=\"favicon.svg\""), page);
            RawHttp.Response icon = RawHttp.get(port, page + "favicon.svg");
            assertEquals(200, icon.status(), page);
            assertEquals("image/svg+xml", icon.header("content-type"), page);
        }
    }

    @Test
    void the_console_may_connect_only_to_its_own_origin_and_may_not_be_framed() throws Exception {
        RawHttp.Response r = RawHttp.get(port, "/__emulator/console/");
        assertEquals(200, r.status());
        String csp = r.header("content-security-policy");
        assertTrue(csp.contains("connect-src 'self';") && csp.contains("frame-ancestors 'none'"), csp);
        assertEquals("no-referrer", r.header("referrer-policy"));
    }

    @Test
    void the_path_without_a_slash_redirects_so_relative_links_work() throws Exception {
        RawHttp.Response r = RawHttp.get(port, "/__emulator/demo");
        assertEquals(301, r.status());
        assertEquals("/__emulator/demo/", r.header("location"));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "/__emulator/demo/../default-config/credentials.json",
        "/__emulator/demo/%2e%2e/default-config/credentials.json",
        "/__emulator/demo/..%2fdefault-config%2fcredentials.json",
        "/__emulator/demo/%2E%2E%2F%2E%2E%2Fdev%2Fiotemulator%2Fdefault-config%2Fcredentials.json",
        "/__emulator/demo/..\\default-config\\credentials.json",
        "/__emulator/demo//etc/passwd",
        "/__emulator/demo/.hidden.html",
        "/__emulator/demo/index.html%00.png",
        "/__emulator/demo/IotEmulator.class",
        "/__emulator/console/../demo/index.html",
        "/__emulator/console/%2e%2e%2fdefault-config%2fcredentials.json",
    })
    void paths_that_leave_the_folder_or_name_unknown_kinds_of_file_are_404(String path) throws Exception {
        RawHttp.Response r = RawHttp.get(port, path);
        assertEquals(404, r.status(), path + " -> " + r.body());
        assertFalse(r.body().contains("secretAccessKey"), r.body());
    }

    @Test
    void a_file_that_is_not_there_is_404() throws Exception {
        assertEquals(404, RawHttp.get(port, "/__emulator/demo/missing.js").status());
    }
}
