package dev.iotemulator.acceptance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One run of a browser script of {@code src/test/js} ({@code browser-demo.mjs}, {@code console-browser.mjs}): real
 * headless Chromium driven by playwright-core, bounded in time, its JSON events parsed.
 */
final class BrowserRun {

    /** Where browser-demo.mjs looks too: $CHROMIUM_PATH, else Debian's Chromium. */
    static final Path CHROMIUM = Path.of(System.getenv().getOrDefault("CHROMIUM_PATH", "/usr/bin/chromium"));
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long PROCESS_WAIT_SECONDS = 120;

    private BrowserRun() {
    }

    /** Fails (never skips) without the system Chromium, saying how to install it. */
    static void requireChromium() {
        assertTrue(Files.isExecutable(CHROMIUM), CHROMIUM + " is missing. The browser demo tests drive Debian's "
                + "Chromium: apt-get update && apt-get install -y --no-install-recommends chromium, or set "
                + "CHROMIUM_PATH (mvn -B verify runs scripts/test-prerequisites.sh, which installs it as root).");
    }

    static Path screenshotDir() {
        String configured = System.getProperty("iotemulator.screenshotDir");
        return (configured != null ? Path.of(configured) : Path.of("target", "screenshots")).toAbsolutePath();
    }

    static Result run(String script, String... args) throws IOException, InterruptedException {
        requireChromium();
        String configured = System.getProperty("iotemulator.jsTestDir");
        Path dir = (configured != null ? Path.of(configured) : Path.of("src", "test", "js")).toAbsolutePath();
        assertTrue(Files.isDirectory(dir.resolve("node_modules/playwright-core")),
                "playwright-core is missing in " + dir + "; run `npm ci` there (the Maven build does)");
        List<String> command = new ArrayList<>(List.of("node", script));
        command.addAll(List.of(args));
        Path stdout = Files.createTempFile("browser-run", ".out");
        Path stderr = Files.createTempFile("browser-run", ".err");
        try {
            Process process = new ProcessBuilder(command).directory(dir.toFile())
                    .redirectOutput(stdout.toFile()).redirectError(stderr.toFile()).start();
            boolean exited = process.waitFor(PROCESS_WAIT_SECONDS, TimeUnit.SECONDS);
            if (!exited) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
            List<String> lines = Files.readAllLines(stdout, StandardCharsets.UTF_8);
            List<JsonNode> events = new ArrayList<>();
            for (String line : lines) {
                try {
                    events.add(JSON.readTree(line));
                } catch (IOException notJson) {
                    // Kept in the explanation.
                }
            }
            return new Result(String.join(" ", command), exited ? process.exitValue() : null, lines, events,
                    Files.readString(stderr, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(stdout);
            Files.deleteIfExists(stderr);
        }
    }

    record Result(String command, Integer exitCode, List<String> stdout, List<JsonNode> events, String stderr) {

        void assertSucceeded() {
            assertEquals(Integer.valueOf(0), exitCode, "exit code of `" + command + "`\n" + explain());
        }

        /** The browser reported no Content-Security-Policy violation (the scripts collect them in "done"). */
        void assertNoContentSecurityPolicyViolation() {
            assertEquals(0, single("done").path("cspViolations").size(), "CSP violations\n" + explain());
        }

        List<JsonNode> all(String name) {
            return events.stream().filter(e -> name.equals(e.path("event").asText())).toList();
        }

        JsonNode single(String name) {
            List<JsonNode> matching = all(name);
            assertEquals(1, matching.size(), "number of '" + name + "' events\n" + explain());
            return matching.get(0);
        }

        String explain() {
            return "command: " + command + " (in emulator/src/test/js)\nexit code: "
                    + (exitCode == null ? "none, killed after " + PROCESS_WAIT_SECONDS + " s" : exitCode)
                    + "\n--- stdout ---\n" + String.join("\n", stdout) + "\n--- stderr ---\n" + stderr;
        }
    }
}
