package dev.iotemulator.acceptance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.iotemulator.Endpoints;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs one of the JavaScript check scripts in {@code src/test/js} ({@code node <script> <host:port> args...}), which
 * print one {@code {"check":..., "ok":...}} line per check, and asserts that it passed every expected check.
 */
final class NodeChecks {

    private NodeChecks() {
    }

    /** @return what the script printed, for further assertions */
    static String assertPasses(String script, int expectedChecks, Endpoints endpoints, String... args)
            throws Exception {
        return assertPasses(script, expectedChecks, endpoints.host() + ":" + endpoints.httpPort(), args);
    }

    /** @param endpoint the script's first argument, {@code host:port} */
    static String assertPasses(String script, int expectedChecks, String endpoint, String... args) throws Exception {
        return assertPasses(script, expectedChecks, Map.of(), endpoint, args);
    }

    /** @param environment variables added to the script's environment, such as {@code NODE_EXTRA_CA_CERTS} */
    static String assertPasses(String script, int expectedChecks, Map<String, String> environment, String endpoint,
            String... args) throws Exception {
        Path dir = Path.of(System.getProperty("iotemulator.jsTestDir", "src/test/js")).toAbsolutePath();
        List<String> command = new ArrayList<>(List.of("node", script, endpoint));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true);
        builder.environment().putAll(environment);
        Process node = builder.start();
        boolean exited = node.waitFor(60, TimeUnit.SECONDS);
        if (!exited) {
            node.destroyForcibly();
        }
        String output = new String(node.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(exited, "node " + script + " did not finish:\n" + output);
        assertEquals(0, node.exitValue(), output);
        assertEquals(expectedChecks, output.lines().filter(l -> l.contains("\"ok\":true")).count(), output);
        return output;
    }
}
