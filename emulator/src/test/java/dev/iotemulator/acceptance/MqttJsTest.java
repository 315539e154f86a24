package dev.iotemulator.acceptance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.iotemulator.Credentials;
import dev.iotemulator.EmulatorOptions;
import dev.iotemulator.Endpoints;
import dev.iotemulator.IotEmulator;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * mqtt.js 5 with a URL presigned by the npm {@code aws-signature-v4} package, exactly as a browser app connects to
 * AWS IoT over WebSocket. Each case runs {@code node pubsub.mjs} (in {@code src/test/js}) against a real emulator.
 */
class MqttJsTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String EMBEDDED_CREDENTIALS = "/dev/iotemulator/default-config/credentials.json";

    static IotEmulator iot;

    @BeforeAll
    static void start() {
        iot = IotEmulator.start(EmulatorOptions.builder().dynamicPorts().build());
    }

    @AfterAll
    static void stop() {
        iot.close();
    }

    @Test
    void mqtt_js_with_a_long_term_key_connects_subscribes_publishes_and_receives_its_own_message() throws Exception {
        Credentials credentials = iot.endpoints().defaultCredentials();
        assertEquals(null, credentials.sessionToken(), "the default credential is expected to be a long-term key");

        NodeRun.Result result = NodeRun.start(iot.endpoints(), credentials,
                "--topic=mqttjs/longterm", "--client-prefix=longterm").finish();

        result.assertExitCode(0);
        List<String> query = queryParameterNames(result);
        assertEquals(List.of("X-Amz-Algorithm", "X-Amz-Credential", "X-Amz-Date", "X-Amz-Expires",
                "X-Amz-SignedHeaders", "X-Amz-Signature"), query, "presigned query\n" + result.explain());
        JsonNode received = result.single("received");
        assertEquals("mqttjs/longterm/longterm-0", received.path("topic").asText(), result.explain());
        assertEquals("hello from longterm-0", received.path("payload").asText(), result.explain());
        assertEquals(1, received.path("qos").asInt(), result.explain());
        assertNotNull(result.first("done"), result.explain());
    }

    @Test
    void mqtt_js_with_temporary_credentials_and_the_session_token_appended_after_signing_round_trips() throws Exception {
        Credentials temporary = temporaryCredentialOfTheEmbeddedConfig();

        NodeRun.Result result = NodeRun.start(iot.endpoints(), temporary,
                "--topic=mqttjs/temporary", "--client-prefix=temporary").finish();

        result.assertExitCode(0);
        List<String> query = queryParameterNames(result);
        assertEquals(List.of("X-Amz-Signature", "X-Amz-Security-Token"), query.subList(query.size() - 2, query.size()),
                "the token must be appended after the signature, as aws-signature-v4 does by default\n"
                        + result.explain());
        JsonNode received = result.single("received");
        assertEquals("mqttjs/temporary/temporary-0", received.path("topic").asText(), result.explain());
        assertEquals("hello from temporary-0", received.path("payload").asText(), result.explain());
        assertNotNull(result.first("done"), result.explain());
    }

    @Test
    void two_mqtt_js_clients_and_a_paho_java_client_each_receive_every_message_of_the_others() throws Exception {
        String pahoPayload = "hello from paho";
        try (PahoClients.Client paho = PahoClients.overWebSocket(iot.endpoints(), "interop-paho")) {
            paho.paho.subscribe("interop/+", 1);

            NodeRun node = NodeRun.start(iot.endpoints(), iot.endpoints().defaultCredentials(),
                    "--topic=interop", "--client-prefix=interop-js", "--clients=2", "--expect=" + pahoPayload);
            node.awaitEvent("ready");
            paho.paho.publish("interop/paho", pahoPayload.getBytes(StandardCharsets.UTF_8), 1, false);
            NodeRun.Result result = node.finish();

            result.assertExitCode(0);
            for (String clientId : List.of("interop-js-0", "interop-js-1")) {
                Set<String> payloads = new HashSet<>();
                for (JsonNode r : result.all("received")) {
                    if (clientId.equals(r.path("clientId").asText())) {
                        payloads.add(r.path("payload").asText());
                    }
                }
                assertEquals(Set.of("hello from interop-js-0", "hello from interop-js-1", pahoPayload), payloads,
                        "messages seen by mqtt.js client " + clientId + "\n" + result.explain());
            }

            Set<String> seenByPaho = new HashSet<>();
            for (PahoClients.Received r : paho.take(3)) {
                seenByPaho.add(r.topic() + " " + new String(r.message().getPayload(), StandardCharsets.UTF_8));
            }
            assertEquals(Set.of("interop/interop-js-0 hello from interop-js-0",
                    "interop/interop-js-1 hello from interop-js-1", "interop/paho " + pahoPayload), seenByPaho,
                    "messages seen by the Paho client\n" + result.explain());
        }
    }

    @Test
    void mqtt_js_with_a_wrong_secret_is_refused_with_403_and_the_reason_signature_mismatch() throws Exception {
        Credentials good = iot.endpoints().defaultCredentials();
        Credentials wrongSecret = new Credentials(good.accessKeyId(), good.secretAccessKey() + "-wrong", null);

        NodeRun.Result result = NodeRun.start(iot.endpoints(), wrongSecret,
                "--mode=expect-refusal", "--client-prefix=refused").finish();

        result.assertExitCode(0);
        JsonNode connectError = result.single("connect-error");
        assertTrue(connectError.path("message").asText().contains("403"),
                "mqtt.js should report the refused upgrade\n" + result.explain());
        JsonNode refusal = result.single("http-refusal");
        assertEquals(403, refusal.path("status").asInt(), result.explain());
        assertEquals("SIGNATURE_MISMATCH", refusal.path("body").path("reason").asText(), result.explain());
        assertTrue(refusal.path("body").path("message").asText().contains("signature"), result.explain());
    }

    private static List<String> queryParameterNames(NodeRun.Result result) {
        List<String> names = new ArrayList<>();
        result.single("presigned").path("queryParameters").forEach(n -> names.add(n.asText()));
        return names;
    }

    /** The temporary credential of the default configuration embedded in the emulator (top-level config/). */
    private static Credentials temporaryCredentialOfTheEmbeddedConfig() throws IOException {
        try (InputStream in = MqttJsTest.class.getResourceAsStream(EMBEDDED_CREDENTIALS)) {
            assertNotNull(in, EMBEDDED_CREDENTIALS + " is not on the test class path");
            for (JsonNode c : JSON.readTree(in).path("credentials")) {
                if (c.hasNonNull("sessionToken")) {
                    return new Credentials(c.path("accessKeyId").asText(), c.path("secretAccessKey").asText(),
                            c.path("sessionToken").asText());
                }
            }
        }
        throw new AssertionError("the embedded default configuration has no credential with a session token");
    }

    /** One {@code node pubsub.mjs} process, its stdout parsed as one JSON event per line. */
    static final class NodeRun {

        private static final long EVENT_WAIT_SECONDS = 30;
        private static final long PROCESS_WAIT_SECONDS = 60;

        private final List<String> command;
        private final Process process;
        private final BlockingQueue<JsonNode> events = new LinkedBlockingQueue<>();
        private final List<String> stdout = new ArrayList<>();
        private final StringBuilder stderr = new StringBuilder();
        private final Thread stdoutReader;
        private final Thread stderrReader;

        private NodeRun(List<String> command, Process process) {
            this.command = command;
            this.process = process;
            this.stdoutReader = pump("node-stdout", process.getInputStream(), line -> {
                synchronized (stdout) {
                    stdout.add(line);
                }
                try {
                    events.add(JSON.readTree(line));
                } catch (IOException notJson) {
                    // Kept in stdout for the failure message; only JSON lines are events.
                }
            });
            this.stderrReader = pump("node-stderr", process.getErrorStream(), line -> {
                synchronized (stderr) {
                    stderr.append(line).append('\n');
                }
            });
        }

        /** Runs another script of the JS test directory with a clean AWS environment plus {@code env}. */
        static NodeRun startScript(String script, Map<String, String> env, String... args) throws IOException {
            Path dir = jsTestDir();
            assertTrue(Files.isDirectory(dir.resolve("node_modules")),
                    "npm dependencies are missing in " + dir + "; run `npm ci` there (the Maven build does)");
            List<String> command = new ArrayList<>(List.of("node", script));
            command.addAll(List.of(args));
            ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile());
            builder.environment().keySet().removeIf(name -> name.startsWith("AWS_"));
            builder.environment().put("AWS_EC2_METADATA_DISABLED", "true");
            builder.environment().putAll(env);
            return new NodeRun(command, builder.start());
        }

        static NodeRun start(Endpoints endpoints, Credentials credentials, String... args) throws IOException {
            Path dir = jsTestDir();
            assertTrue(Files.isDirectory(dir.resolve("node_modules/mqtt")),
                    "npm dependencies are missing in " + dir + "; run `npm ci` there (the Maven build does)");
            List<String> command = new ArrayList<>(List.of("node", "pubsub.mjs"));
            command.addAll(List.of(args));
            ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile());
            Map<String, String> env = builder.environment();
            env.put("IOT_ENDPOINT", endpoints.host() + ":" + endpoints.httpPort());
            env.put("AWS_REGION", endpoints.region());
            env.put("AWS_ACCESS_KEY_ID", credentials.accessKeyId());
            env.put("AWS_SECRET_ACCESS_KEY", credentials.secretAccessKey());
            if (credentials.sessionToken() != null) {
                env.put("AWS_SESSION_TOKEN", credentials.sessionToken());
            } else {
                env.remove("AWS_SESSION_TOKEN");
            }
            return new NodeRun(command, builder.start());
        }

        private static Path jsTestDir() {
            String configured = System.getProperty("iotemulator.jsTestDir");
            return (configured != null ? Path.of(configured) : Path.of("src", "test", "js")).toAbsolutePath();
        }

        /** Waits (bounded) for the script to print the given event; fails with its output if it exits first. */
        JsonNode awaitEvent(String name) throws InterruptedException {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(EVENT_WAIT_SECONDS);
            while (System.nanoTime() < deadline) {
                JsonNode event = events.poll(100, TimeUnit.MILLISECONDS);
                if (event != null && name.equals(event.path("event").asText())) {
                    return event;
                }
                if (event == null && !process.isAlive() && events.isEmpty() && !stdoutReader.isAlive()) {
                    fail("node exited before printing a '" + name + "' event\n" + finish().explain());
                }
            }
            fail("no '" + name + "' event within " + EVENT_WAIT_SECONDS + " s\n" + finish().explain());
            return null;
        }

        /** Waits (bounded) for the process to end; destroys it if it does not. */
        Result finish() throws InterruptedException {
            boolean exited = process.waitFor(PROCESS_WAIT_SECONDS, TimeUnit.SECONDS);
            if (!exited) {
                process.destroyForcibly();
                process.waitFor(10, TimeUnit.SECONDS);
            }
            stdoutReader.join(5_000);
            stderrReader.join(5_000);
            List<JsonNode> parsed = new ArrayList<>();
            List<String> lines;
            synchronized (stdout) {
                lines = List.copyOf(stdout);
            }
            for (String line : lines) {
                try {
                    parsed.add(JSON.readTree(line));
                } catch (IOException notJson) {
                    // Shown in explain().
                }
            }
            String err;
            synchronized (stderr) {
                err = stderr.toString();
            }
            return new Result(String.join(" ", command), exited ? process.exitValue() : null, lines, parsed, err);
        }

        private static Thread pump(String name, InputStream in, java.util.function.Consumer<String> sink) {
            Thread t = new Thread(() -> {
                try (BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
                    String line;
                    while ((line = reader.readLine()) != null) {
                        sink.accept(line);
                    }
                } catch (IOException closed) {
                    // The process ended.
                }
            }, name);
            t.setDaemon(true);
            t.start();
            return t;
        }

        /** What a finished (or killed) run printed. {@code exitCode} is null when it had to be destroyed. */
        record Result(String command, Integer exitCode, List<String> stdout, List<JsonNode> events, String stderr) {

            void assertExitCode(int expected) {
                assertEquals(Integer.valueOf(expected), exitCode, "exit code of `" + command + "`\n" + explain());
            }

            List<JsonNode> all(String name) {
                List<JsonNode> matching = new ArrayList<>();
                for (JsonNode e : events) {
                    if (name.equals(e.path("event").asText())) {
                        matching.add(e);
                    }
                }
                return matching;
            }

            JsonNode first(String name) {
                List<JsonNode> matching = all(name);
                return matching.isEmpty() ? null : matching.get(0);
            }

            JsonNode single(String name) {
                List<JsonNode> matching = all(name);
                assertEquals(1, matching.size(), "number of '" + name + "' events\n" + explain());
                return matching.get(0);
            }

            String explain() {
                return "command: " + command + " (in the JS test directory)\nexit code: "
                        + (exitCode == null ? "none, killed after " + PROCESS_WAIT_SECONDS + " s" : exitCode)
                        + "\n--- stdout ---\n" + String.join("\n", stdout) + "\n--- stderr ---\n" + stderr;
            }
        }
    }
}
