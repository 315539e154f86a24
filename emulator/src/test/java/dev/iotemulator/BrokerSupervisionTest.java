package dev.iotemulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** A broker thread that stops turns health to 503 with the reason: the failure that once went unnoticed for hours. */
class BrokerSupervisionTest {

    @Test
    void health_turns_503_with_the_reason_when_a_broker_session_thread_dies() throws Exception {
        try (IotEmulator iot = IotEmulator.start(EmulatorOptions.builder().dynamicPorts().withoutTls().build())) {
            HttpClient http = HttpClient.newHttpClient();
            HttpRequest health = HttpRequest.newBuilder(URI.create(iot.endpoints().httpUri() + "/__emulator/health"))
                    .build();
            assertEquals(200, http.send(health, HttpResponse.BodyHandlers.ofString()).statusCode());

            Thread victim = iot.broker().sessionLoopThreads().get(0);
            victim.interrupt(); // Moquette's session loop ends, as it does when one of its tasks throws
            victim.join(10_000);

            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            HttpResponse<String> unhealthy = http.send(health, HttpResponse.BodyHandlers.ofString());
            while (unhealthy.statusCode() != 503 && System.nanoTime() < deadline) {
                Thread.sleep(50);
                unhealthy = http.send(health, HttpResponse.BodyHandlers.ofString());
            }
            assertEquals(503, unhealthy.statusCode(), unhealthy.body());
            assertTrue(unhealthy.body().contains("\"status\":\"unhealthy\"") && unhealthy.body().contains(
                    victim.getName()), unhealthy.body());
            assertTrue(!RemoteEmulator.connect(iot.endpoints()).isHealthy());
        }
    }
}
