package dev.iotemulator.acceptance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.iotemulator.EmulatorOptions;
import dev.iotemulator.IotEmulator;
import dev.iotemulator.testing.RawHttp;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Malformed requests get an HTTP answer that says what was wrong, never a dropped connection or a Java class name. */
class HostileHttpTest {

    static final Pattern JAVA_CLASS = Pattern.compile("\\b(java|javax|io\\.netty|com\\.fasterxml)\\.[a-z.]*[A-Z]");
    static IotEmulator iot;
    static int port;

    @BeforeAll
    static void start() {
        iot = IotEmulator.start(EmulatorOptions.builder().dynamicPorts().withoutTls().build());
        port = iot.endpoints().httpPort();
    }

    @AfterAll
    static void stop() {
        iot.close();
    }

    /** A correctly presigned URL, so the upgrade gets past the signature check to the WebSocket headers. */
    static String signedPath() {
        String url = iot.endpoints().presignedWebSocketUri().toString();
        return url.substring(url.indexOf("/mqtt"));
    }

    static RawHttp.Response upgradeWithout(String... left) throws Exception {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Host", "127.0.0.1:" + port);
        headers.put("Upgrade", "websocket");
        headers.put("Connection", "Upgrade");
        headers.put("Sec-WebSocket-Key", "dGhlIHNhbXBsZSBub25jZQ==");
        headers.put("Sec-WebSocket-Version", "13");
        headers.put("Sec-WebSocket-Protocol", "mqtt");
        for (String name : left) {
            headers.remove(name);
        }
        return RawHttp.request(port, "GET", signedPath(), headers);
    }

    @Test
    void a_websocket_upgrade_without_a_key_or_version_gets_400() throws Exception {
        RawHttp.Response noKey = upgradeWithout("Sec-WebSocket-Key");
        assertEquals(400, noKey.status(), noKey.body());
        assertTrue(noKey.body().contains("Sec-WebSocket-Key"), noKey.body());
        RawHttp.Response noVersion = upgradeWithout("Sec-WebSocket-Version");
        assertEquals(400, noVersion.status(), noVersion.body());
        assertTrue(noVersion.body().contains("Sec-WebSocket-Version"), noVersion.body());
    }

    @Test
    void a_websocket_version_other_than_13_gets_426_naming_13() throws Exception {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Host", "127.0.0.1:" + port);
        headers.put("Upgrade", "websocket");
        headers.put("Connection", "Upgrade");
        headers.put("Sec-WebSocket-Key", "dGhlIHNhbXBsZSBub25jZQ==");
        headers.put("Sec-WebSocket-Version", "8");
        RawHttp.Response old = RawHttp.request(port, "GET", signedPath(), headers);
        assertEquals(426, old.status());
        assertEquals("13", old.header("sec-websocket-version"));
    }

    @Test
    void error_bodies_name_no_java_class() throws Exception {
        RawHttp.Response hugeHeader = RawHttp.request(port, "GET", "/__emulator/health",
                Map.of("Host", "127.0.0.1:" + port, "X-Big", "x".repeat(20_000)));
        assertEquals(400, hugeHeader.status());
        assertFalse(JAVA_CLASS.matcher(hugeHeader.body()).find(), hugeHeader.body());
        for (String path : new String[] {"/__emulator/journal?limit=abc", "/__emulator/publish?topic=a&qos=x",
                "/__emulator/policies/test?accessKeyId=%ZZ"}) {
            RawHttp.Response r = RawHttp.request(port, path.startsWith("/__emulator/publish") ? "POST" : "GET", path,
                    Map.of("Host", "127.0.0.1:" + port));
            assertTrue(r.status() >= 400, path + " " + r.status());
            assertFalse(JAVA_CLASS.matcher(r.body()).find(), path + ": " + r.body());
        }
    }

    @Test
    void a_malformed_percent_escape_in_the_url_gets_400_saying_where() throws Exception {
        for (String path : new String[] {"/__emulator/journal?a=%", "/__emulator/journal?a=%zz",
            "/__emulator/presign?clientId=%zz", "/__emulator/clients/a%zz/disconnect", "/topics/a%2"}) {
            RawHttp.Response r = RawHttp.request(port, path.contains("disconnect") || path.startsWith("/topics")
                    ? "POST" : "GET", path, Map.of("Host", "127.0.0.1:" + port));
            assertEquals(400, r.status(), path + ": " + r.body());
            assertTrue(r.body().contains("at index " + path.indexOf('%')), path + ": " + r.body());
        }
    }

    @Test
    void the_root_redirect_keeps_a_hostile_query_percent_encoded() throws Exception {
        // Found by HttpWireFuzzTest: a NUL or a byte above ASCII in the query made the Location header invalid, and
        // the connection closed without an answer.
        RawHttp.Response r = RawHttp.get(port, "/?a=\u0000\u00e9\u0001&token=t");
        assertEquals(302, r.status(), r.body());
        assertEquals("/__emulator/console/?a=%00%C3%A9%01&token=t", r.header("Location"));
    }

    @Test
    void the_class_name_scrub_keeps_the_message() {
        assertEquals("For input string: \"x\"", dev.iotemulator.internal.http.HttpResponses.withoutClassNames(
                "java.lang.NumberFormatException: For input string: \"x\""));
        assertEquals("a plain message", dev.iotemulator.internal.http.HttpResponses.withoutClassNames(
                "a plain message"));
    }
}
