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

/**
 * {@code /__emulator/demo/}: serves the files of {@code dev/iotemulator/demo/} on the class path (here a stub from the
 * test resources) and nothing else.
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
        assertTrue(r.body().contains("emulator test stub"), r.body());
        assertEquals("text/html; charset=utf-8", r.header("content-type"));
        assertTrue(r.header("content-security-policy").startsWith("default-src 'self';"));
        assertEquals("nosniff", r.header("x-content-type-options"));
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
