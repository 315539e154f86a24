package dev.iotemulator.acceptance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.iotemulator.Credentials;
import dev.iotemulator.IotEmulator;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

/** Writes configuration directories with policies, and reads the emulator's policy admin routes. */
final class PolicyFixtures {

    static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private PolicyFixtures() {
    }

    /** Writes {@code credentials.json} with one entry per key, whose secret is the key id reversed. */
    static void writeCredentials(Path dir, String... keyAndPolicies) throws IOException {
        StringBuilder json = new StringBuilder("{\"credentials\":[");
        for (int i = 0; i < keyAndPolicies.length; i++) {
            String[] parts = keyAndPolicies[i].split("=", 2);
            json.append(i == 0 ? "" : ",").append("{\"accessKeyId\":\"").append(parts[0])
                    .append("\",\"secretAccessKey\":\"").append(secretOf(parts[0])).append('"');
            if (parts.length == 2) {
                json.append(",\"policies\":[");
                String[] names = parts[1].isEmpty() ? new String[0] : parts[1].split(",");
                for (int j = 0; j < names.length; j++) {
                    json.append(j == 0 ? "" : ",").append('"').append(names[j]).append('"');
                }
                json.append(']');
            }
            json.append('}');
        }
        Files.writeString(dir.resolve("credentials.json"), json.append("]}"));
    }

    static void writePolicy(Path dir, String name, String json) throws IOException {
        Files.createDirectories(dir.resolve("policies"));
        Files.writeString(dir.resolve("policies").resolve(name + ".json"), json);
    }

    static Credentials credentials(String accessKeyId) {
        return Credentials.of(accessKeyId, secretOf(accessKeyId));
    }

    private static String secretOf(String accessKeyId) {
        return new StringBuilder(accessKeyId).reverse() + "/secret";
    }

    static PahoClients.Client connect(IotEmulator iot, String accessKeyId, String clientId) throws Exception {
        return PahoClients.connect(iot.endpoints().presignedWebSocketUri(credentials(accessKeyId)).toString(),
                clientId);
    }

    static JsonNode get(IotEmulator iot, String pathAndQuery) throws IOException, InterruptedException {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(
                URI.create(iot.endpoints().httpUri() + pathAndQuery)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        return JSON.readTree(response.body());
    }

    static HttpResponse<String> post(IotEmulator iot, String path, String body)
            throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create(iot.endpoints().httpUri() + path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** The recorded denials of one client, oldest first. */
    static List<JsonNode> denialsOf(IotEmulator iot, String clientId) throws IOException, InterruptedException {
        List<JsonNode> found = new ArrayList<>();
        for (JsonNode denial : get(iot, "/__emulator/policies/denials").get("recent")) {
            if (clientId.equals(denial.get("clientId").asText())) {
                found.add(denial);
            }
        }
        return found;
    }

    static void await(String what, BooleanSupplier condition) {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out after 10 s waiting until " + what);
            }
            LockSupport.parkNanos(5_000_000);
        }
    }
}
