package dev.iotemulator.acceptance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.iotemulator.EmulatorOptions;
import dev.iotemulator.IotEmulator;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every HTTP route, AWS's and the emulator's own, is in one table: an unknown path gets a 404 listing the whole table,
 * and a known path with the wrong method a 405 naming the methods it takes.
 */
class HttpRouteTableTest {

    private static IotEmulator iot;
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @BeforeAll
    static void start() {
        iot = IotEmulator.start(EmulatorOptions.builder().dynamicPorts().withoutTls().build());
    }

    @AfterAll
    static void stop() {
        iot.close();
    }

    private static HttpResponse<String> send(String method, String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(iot.endpoints().httpUri() + path))
                .method(method, HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void an_unknown_path_gets_a_404_that_lists_every_route_of_the_table() throws Exception {
        HttpResponse<String> missing = send("GET", "/nothing/here");
        assertEquals(404, missing.statusCode());
        assertEquals("ResourceNotFoundException:", missing.headers().firstValue("x-amzn-ErrorType").orElseThrow());
        for (String route : List.of("GET /mqtt", "GET /__emulator/health", "GET /__emulator/journal",
                "GET /__emulator/clients", "POST /__emulator/clients/{clientId}/disconnect",
                "POST /__emulator/publish", "POST /__emulator/reset", "GET /__emulator/stats",
                "GET|POST /__emulator/policies/test", "GET /__emulator/policies/denials", "GET /__emulator/ca.pem",
                "GET|POST /__emulator/certificates", "PUT /__emulator/certificates/{certificateId}",
                "GET|OPTIONS /__emulator/presign", "GET /__emulator/demo/**", "POST|OPTIONS / (Cognito",
                "POST /topics/{topic} (AWS IoT Publish)", "GET /retainedMessage/{topic}",
                "GET /things/{thingName}/shadow (AWS IoT GetThingShadow)", "DELETE /things/{thingName}/shadow",
                "GET /api/things/shadow/ListNamedShadowsForThing/{thingName}", "GET /endpoint",
                "GET / (redirects to the console)", "GET /__emulator/console/ (the console)",
                "GET /__emulator/console/events", "GET /__emulator/console/presign", "GET /__emulator/refusals",
                "GET /__emulator/shadows (", "GET|POST|DELETE /__emulator/shadows/{thingName}",
                "GET /__emulator/retained", "GET /__emulator/identities", "GET /__emulator/policies (")) {
            assertTrue(missing.body().contains(route), "the 404 does not list " + route + ": " + missing.body());
        }
    }

    @Test
    void a_known_path_with_another_method_gets_a_405_naming_the_methods_it_takes() throws Exception {
        HttpResponse<String> wrong = send("GET", "/topics/devices%2Fd1");
        assertEquals(405, wrong.statusCode());
        assertTrue(wrong.body().contains("use POST /topics/{topic}"), wrong.body());

        HttpResponse<String> shadow = send("PUT", "/things/lamp/shadow");
        assertEquals(405, shadow.statusCode());
        assertTrue(shadow.body().contains("GET /things/{thingName}/shadow or POST /things/{thingName}/shadow or DELETE"),
                shadow.body());
    }

    @Test
    void the_stats_route_reports_drops_and_back_pressure() throws Exception {
        HttpResponse<String> stats = send("GET", "/__emulator/stats");
        assertEquals(200, stats.statusCode());
        assertTrue(stats.body().contains("\"QOS0_PUBLISHER_HELD\":0") && stats.body().contains("\"episodes\""),
                stats.body());
    }
}
