package dev.iotemulator.acceptance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.iotemulator.EmulatorOptions;
import dev.iotemulator.IotEmulator;
import dev.iotemulator.IotEmulatorException;
import dev.iotemulator.RemoteEmulator;
import dev.iotemulator.testing.RawHttp;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * The admin surface (/__emulator/...) answers tools on this machine and the emulator's own pages, never another web
 * site, and only token holders once the emulator listens beyond loopback; plain MQTT/TCP then needs a login too.
 */
class AdminSurfaceSecurityTest {

    static final HttpClient HTTP = HttpClient.newHttpClient();

    static HttpResponse<String> call(URI base, String method, String path, Map<String, String> headers,
            String body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(15))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        headers.forEach(b::header);
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Nested
    class On_a_loopback_bind_address {

        @Test
        void a_cross_origin_request_is_refused_and_creates_nothing() throws Exception {
            try (IotEmulator iot = IotEmulator.start(EmulatorOptions.builder().dynamicPorts().build())) {
                URI base = iot.endpoints().httpUri();
                // What a hostile page can send without a preflight: a text/plain POST.
                HttpResponse<String> created = call(base, "POST", "/__emulator/certificates",
                        Map.of("Origin", "https://evil.example", "Content-Type", "text/plain"),
                        "{\"policies\":[\"AllowEverything\"]}");
                assertEquals(403, created.statusCode(), created.body());
                assertTrue(created.body().contains("FOREIGN_ORIGIN"), created.body());
                assertTrue(created.headers().firstValue("access-control-allow-origin").isEmpty());
                HttpResponse<String> list = call(base, "GET", "/__emulator/certificates", Map.of(), null);
                assertEquals(200, list.statusCode(), list.body());
                assertEquals("{\"certificates\":[]}", list.body());

                HttpResponse<String> journal = call(base, "GET", "/__emulator/journal",
                        Map.of("Origin", "http://localhost:3000"), null);
                assertEquals(403, journal.statusCode());
            }
        }

        @Test
        void admin_answers_carry_no_wildcard_cors_header_while_aws_routes_keep_it() throws Exception {
            try (IotEmulator iot = IotEmulator.start(EmulatorOptions.builder().dynamicPorts().withoutTls().build())) {
                URI base = iot.endpoints().httpUri();
                for (String path : new String[] {"/__emulator/journal", "/__emulator/stats", "/__emulator/health"}) {
                    HttpResponse<String> r = call(base, "GET", path, Map.of(), null);
                    assertEquals(200, r.statusCode(), path);
                    assertTrue(r.headers().firstValue("access-control-allow-origin").isEmpty(), path);
                }
                RawHttp.Response refusedUpgrade = RawHttp.upgrade(iot.endpoints().httpPort(), "/mqtt?X-Amz-Algorithm=x",
                        "127.0.0.1:" + iot.endpoints().httpPort());
                assertEquals(403, refusedUpgrade.status());
                assertEquals("*", refusedUpgrade.header("access-control-allow-origin"));
            }
        }

        @Test
        void the_emulators_own_pages_and_non_browser_clients_are_served() throws Exception {
            try (IotEmulator iot = IotEmulator.start(EmulatorOptions.builder().dynamicPorts().withoutTls().build())) {
                URI base = iot.endpoints().httpUri();
                assertEquals(200, call(base, "GET", "/__emulator/journal", Map.of("Origin", base.toString(),
                        "Sec-Fetch-Site", "same-origin"), null).statusCode());
                assertEquals(200, call(base, "GET", "/__emulator/journal", Map.of("Sec-Fetch-Site", "none"), null)
                        .statusCode());
                assertEquals(403, call(base, "GET", "/__emulator/journal", Map.of("Sec-Fetch-Site", "cross-site"),
                        null).statusCode());
            }
        }

        @Test
        void a_dns_rebinding_host_is_refused() throws Exception {
            try (IotEmulator iot = IotEmulator.start(EmulatorOptions.builder().dynamicPorts().withoutTls()
                    .tlsHostNames(java.util.List.of("iot.test")).build())) {
                int port = iot.endpoints().httpPort();
                RawHttp.Response rebound = RawHttp.request(port, "POST", "/__emulator/reset",
                        Map.of("Host", "attacker.example:" + port));
                assertEquals(403, rebound.status(), rebound.body());
                assertTrue(rebound.body().contains("FOREIGN_HOST"), rebound.body());
                for (String host : new String[] {"localhost:" + port, "127.0.0.1:" + port, "[::1]:" + port,
                        "iot.test:" + port}) {
                    assertEquals(200, RawHttp.request(port, "GET", "/__emulator/stats", Map.of("Host", host))
                            .status(), host);
                }
                assertEquals(200, RawHttp.request(port, "GET", "/__emulator/health",
                        Map.of("Host", "attacker.example")).status(), "health stays open");
            }
        }

        @Test
        void a_token_set_explicitly_is_required_there_too() throws Exception {
            String token = "a-token-of-my-own-choosing";
            try (IotEmulator iot = IotEmulator.start(EmulatorOptions.builder().dynamicPorts().withoutTls()
                    .adminToken(token).build())) {
                URI base = iot.endpoints().httpUri();
                assertEquals(401, call(base, "GET", "/__emulator/journal", Map.of(), null).statusCode());
                assertEquals(200, call(base, "GET", "/__emulator/journal",
                        Map.of("Authorization", "Bearer " + token), null).statusCode());
                assertEquals(token, iot.endpoints().adminToken().orElseThrow());
            }
        }

        @Test
        void a_tcp_client_without_a_login_is_the_default_credential() throws Exception {
            try (IotEmulator iot = IotEmulator.start(EmulatorOptions.builder().dynamicPorts().withoutTls().build())) {
                assertTrue(iot.endpoints().adminToken().isEmpty());
                MqttClient client = new MqttClient(iot.endpoints().mqttUri().orElseThrow().toString(), "anonymous",
                        new MemoryPersistence());
                client.connect(PahoClients.options());
                client.disconnect();
                client.close();
            }
        }
    }

    @Nested
    class Beyond_loopback {

        @Test
        void the_admin_api_answers_401_without_the_token_and_works_with_it() throws Exception {
            try (IotEmulator iot = IotEmulator.start(EmulatorOptions.builder().dynamicPorts().withoutTls()
                    .bindAddress("0.0.0.0").build())) {
                URI base = iot.endpoints().httpUri();
                String token = iot.endpoints().adminToken().orElseThrow();
                assertTrue(token.length() >= 32, token);

                HttpResponse<String> without = call(base, "POST", "/__emulator/reset", Map.of(), null);
                assertEquals(401, without.statusCode(), without.body());
                assertTrue(without.body().contains("Authorization: Bearer"), without.body());
                assertEquals(401, call(base, "GET", "/__emulator/journal",
                        Map.of("Authorization", "Bearer " + token + "x"), null).statusCode());
                assertEquals(200, call(base, "GET", "/__emulator/journal",
                        Map.of("Authorization", "Bearer " + token), null).statusCode());
                assertEquals(200, call(base, "GET", "/__emulator/journal?token=" + token, Map.of(), null)
                        .statusCode());
                assertEquals(200, call(base, "GET", "/__emulator/health", Map.of(), null).statusCode(),
                        "health checks need no token");
                assertEquals(403, call(base, "GET", "/__emulator/journal", Map.of("Authorization",
                        "Bearer " + token, "Origin", "https://evil.example"), null).statusCode(),
                        "the token does not let another site in");
            }
        }

        @Test
        void remote_emulator_passes_the_token_and_says_so_when_it_has_none() throws Exception {
            try (IotEmulator iot = IotEmulator.start(EmulatorOptions.builder().dynamicPorts().withoutTls()
                    .bindAddress("0.0.0.0").build())) {
                RemoteEmulator withoutToken = RemoteEmulator.connect(iot.endpoints().httpUri());
                assertTrue(withoutToken.isHealthy(), "health is open");
                IotEmulatorException refused = assertThrows(IotEmulatorException.class, withoutToken::reset);
                assertTrue(refused.getMessage().contains("401") && refused.getMessage().contains("withAdminToken"),
                        refused.getMessage());

                RemoteEmulator remote = RemoteEmulator.connect(iot.endpoints());
                remote.publish("admin/with-token", "x".getBytes(StandardCharsets.UTF_8), 0, false);
                assertEquals("admin/with-token", remote.awaitMessage("admin/#", Duration.ofSeconds(10)).topic());
                remote.reset();
                assertTrue(remote.journalEntries().isEmpty());
                assertEquals(remote.journalEntries(), RemoteEmulator.connect(iot.endpoints().httpUri())
                        .withAdminToken(iot.endpoints().adminToken().orElseThrow()).journalEntries());
            }
        }

        @Test
        void a_tcp_client_must_log_in_unless_anonymous_logins_are_turned_on() throws Exception {
            EmulatorOptions options = EmulatorOptions.builder().dynamicPorts().withoutTls().bindAddress("0.0.0.0")
                    .build();
            assertFalse(options.anonymousTcpLogin());
            try (IotEmulator iot = IotEmulator.start(options)) {
                String uri = iot.endpoints().mqttUri().orElseThrow().toString();
                MqttClient anonymous = new MqttClient(uri, "anonymous", new MemoryPersistence());
                MqttException refused = assertThrows(MqttException.class,
                        () -> anonymous.connect(PahoClients.options()));
                assertEquals(MqttException.REASON_CODE_NOT_AUTHORIZED, refused.getReasonCode());
                anonymous.close();

                MqttClient login = new MqttClient(uri, "logged-in", new MemoryPersistence());
                MqttConnectOptions credentials = PahoClients.options();
                credentials.setUserName("AKIAIOSFODNN7EXAMPLE");
                credentials.setPassword("wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY".toCharArray());
                login.connect(credentials);
                login.disconnect();
                login.close();
            }
            try (IotEmulator iot = IotEmulator.start(options.toBuilder().anonymousTcpLogin(true).build())) {
                MqttClient anonymous = new MqttClient(iot.endpoints().mqttUri().orElseThrow().toString(),
                        "anonymous", new MemoryPersistence());
                anonymous.connect(PahoClients.options());
                anonymous.disconnect();
                anonymous.close();
            }
        }
    }

    @Test
    void a_short_admin_token_is_refused_with_the_flag_named() {
        Exception e = assertThrows(RuntimeException.class,
                () -> EmulatorOptions.builder().adminToken("short").build());
        assertTrue(e.getMessage().contains("--admin-token"), e.getMessage());
        assertNull(EmulatorOptions.defaults().adminToken());
    }
}
